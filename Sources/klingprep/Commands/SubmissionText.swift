import KlingCheck
import KlingRequest

/// How `submit` shows the preparation of its input: the findings on stderr and, when nothing
/// may be sent, the summary and (with `--json`) the report on stdout.
enum SubmissionText {
    /// Prints `prepared`.
    /// - Throws: `EncodingError` when the report cannot be encoded.
    static func show(_ prepared: PreparedSubmission, strict: Bool, on console: Console) throws {
        let blocked = prepared.isBlocked
        for finding in prepared.findings where finding.severity != .info || blocked {
            console.note(FindingText.line(finding, indent: ""))
        }
        let summary = ReportText.summary(prepared.findings, strict: strict)
        if let job = prepared.job, let build = prepared.build {
            if let request = prepared.bodyPath {
                console.note("built \(request) (\(build.requestBytes ?? 0) bytes); preview: \(build.preview ?? "none")")
                return
            }
            console.note(summary + " Nothing was sent; see \(build.report).")
            if console.json { try console.document(BuildReport(report: job, output: build, strict: strict)) }
        } else if blocked {
            console.note(summary + " Nothing was sent.")
            if console.json {
                try console.document(RawBodyOutput(route: prepared.route, findings: prepared.findings, strict: strict))
            }
        }
    }
}

extension RuleOptions {
    /// The options `submit` prepares its input with.
    func preparation(decode: Bool, preview: (any PreviewDrawing)?) -> SubmissionPreparation.Options {
        SubmissionPreparation.Options(
            route: route, backend: backend, allowUndocumented: allowUndocumented, strict: strict, decode: decode,
            preview: preview)
    }
}
