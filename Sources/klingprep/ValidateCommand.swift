import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingRequest

/// `klingprep validate JOB|request.json [--decode] [--remote] [--json]`.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a job (or a raw request.json) for everything the service would reject.",
        discussion: "Every problem at once. Exit 0 when there are no errors, 1 otherwise, 64 for usage errors."
    )

    @OptionGroup var input: JobInputOptions
    @OptionGroup var checks: CheckOptions

    @Flag(help: "Print one JSON document on stdout instead of text.")
    var json = false

    func run() async throws {
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        if let path = input.job, RawBody.looksLikeBody(path: path) {
            let report = try RawBodyValidator.load(path: path)
            let findings = RawBodyChecker.check(report, decode: checks.decode, limits: limits)
            if json {
                try Output.printJSON(RawBodyOutput(findings: findings))
            } else {
                for finding in findings { Output.line(FindingText.line(finding, indent: "")) }
                Output.line(ReportText.summary(findings))
            }
            if findings.hasErrors { throw ExitCodes.invalidInput }
            return
        }
        let document = try input.document()
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil)
        let report = await JobChecker.check(document, options: options)
        if json {
            try Output.printJSON(BuildReport(report: report))
        } else {
            Output.line(ReportText.render(report))
        }
        if report.hasErrors { throw ExitCodes.invalidInput }
    }
}

/// `validate --json` for a raw body.
struct RawBodyOutput: Encodable {
    var ok: Bool
    var findings: [Finding]

    init(findings: [Finding]) {
        ok = !findings.hasErrors
        self.findings = findings
    }
}

/// Telling a raw request body from a job file.
enum RawBody {
    /// A JSON file holding the key `"image_list"` is a request body (a job uses `images`).
    static func looksLikeBody(path: String) -> Bool {
        guard path.lowercased().hasSuffix(".json"), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let key = Data("\"image_list\"".utf8)
        var carry = Data()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let window = carry + chunk
            if window.range(of: key) != nil { return true }
            carry = window.suffix(key.count)
        }
        return false
    }
}
