import Foundation
import KlingCheck
import KlingImage
import KlingPreview
import KlingRequest

/// The body `submit` sends and the route it goes to.
struct SubmissionBody {
    /// The request body file.
    var path: String
    /// The route the body is for: a job's route; `nil` for a raw body, whose route the submitter
    /// reads from its shape (top-level `image` or `image_list`).
    var route: Route?
}

/// Turns `submit`'s input into a request body: a body is checked as `validate` checks it; a job
/// is checked and built first, exactly as `klingprep build` does. Either is refused on errors.
enum JobSubmission {
    /// The body to send, with its route when a job names one.
    /// - Throws: `ExitCodes.invalidInput` after printing the findings when the job has errors;
    ///   `RequestError` when the job cannot be read or its outputs written.
    static func body(
        for input: String, output: String?, decode: Bool, rules: RuleOptions, json: Bool
    ) async throws -> SubmissionBody {
        if RequestInput.classify(path: input) == .body {
            // A body is checked as `validate request.json` checks it, and refused on errors.
            let read = try RawBodyValidator.load(
                path: input, route: rules.route, backend: rules.backend, allowUndocumented: rules.allowUndocumented)
            let findings = RawBodyChecker.check(read, decode: decode)
            let blocked = findings.blocks(strict: rules.strict)
            for finding in findings where finding.severity != .info || blocked {
                Output.note(FindingText.line(finding, indent: ""))
            }
            if blocked {
                Output.note(ReportText.summary(findings, strict: rules.strict) + " Nothing was sent.")
                if json {
                    try Output.printJSON(RawBodyOutput(route: read.context.route, findings: findings, strict: rules.strict))
                }
                throw ExitCodes.invalidInput
            }
            return SubmissionBody(path: input, route: read.context.route)
        }
        let document = try JobFile.load(
            path: input, backend: rules.backend, route: rules.route, allowUndocumented: rules.allowUndocumented ? true : nil)
        var report = await JobChecker.check(
            document, options: JobCheckOptions(decode: decode, context: RuleContext(route: .image2video, backend: rules.backend)))
        let directory = output ?? defaultDirectory(forJob: input)
        let written = try await BuildWriter.write(
            &report, to: directory, preview: PreviewRenderer(), strict: rules.strict)
        let blocked = report.findings.blocks(strict: rules.strict)
        for finding in report.findings where finding.severity != .info || blocked {
            Output.note(FindingText.line(finding, indent: ""))
        }
        guard let request = written.request, !blocked else {
            Output.note(ReportText.summary(report.findings, strict: rules.strict) + " Nothing was sent; see \(written.report).")
            if json { try Output.printJSON(BuildReport(report: report, output: written, strict: rules.strict)) }
            throw ExitCodes.invalidInput
        }
        Output.note("built \(request) (\(written.requestBytes ?? 0) bytes); preview: \(written.preview ?? "none")")
        return SubmissionBody(path: request, route: report.job.effectiveRoute)
    }

    /// `DIR/NAME.klingprep` for the job `DIR/NAME.yaml`.
    static func defaultDirectory(forJob path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(name).klingprep").path
    }
}
