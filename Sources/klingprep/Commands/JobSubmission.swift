import Foundation
import KlingCheck
import KlingImage
import KlingPreview
import KlingRequest

/// Turns `submit`'s input into a request body: a body is checked as `validate` checks it; a job
/// is checked and built first, exactly as `klingprep build` does. Either is refused on errors.
enum JobSubmission {
    /// The path of the body to send.
    /// - Throws: `ExitCodes.invalidInput` after printing the findings when the job has errors;
    ///   `RequestError` when the job cannot be read or its outputs written.
    static func body(for input: String, output: String?, decode: Bool, json: Bool) async throws -> String {
        if RawBody.looksLikeBody(path: input) {
            // A body is checked as `validate request.json` checks it, and refused on errors.
            let findings = RawBodyChecker.check(try RawBodyValidator.load(path: input), decode: decode)
            for finding in findings where finding.severity != .info || findings.hasErrors {
                Output.note(FindingText.line(finding, indent: ""))
            }
            if findings.hasErrors {
                Output.note(ReportText.summary(findings) + " Nothing was sent.")
                if json { try Output.printJSON(RawBodyOutput(findings: findings)) }
                throw ExitCodes.invalidInput
            }
            return input
        }
        let document = try JobFile.load(path: input)
        var report = await JobChecker.check(document, options: JobCheckOptions(decode: decode))
        let directory = output ?? defaultDirectory(forJob: input)
        let written = try await BuildWriter.write(&report, to: directory, preview: PreviewRenderer())
        for finding in report.findings where finding.severity != .info || report.hasErrors {
            Output.note(FindingText.line(finding, indent: ""))
        }
        guard let request = written.request, !report.hasErrors else {
            Output.note(ReportText.summary(report.findings) + " Nothing was sent; see \(written.report).")
            if json { try Output.printJSON(BuildReport(report: report, output: written)) }
            throw ExitCodes.invalidInput
        }
        Output.note("built \(request) (\(written.requestBytes ?? 0) bytes); preview: \(written.preview ?? "none")")
        return request
    }

    /// `DIR/NAME.klingprep` for the job `DIR/NAME.yaml`.
    static func defaultDirectory(forJob path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(name).klingprep").path
    }
}
