import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingPreview
import KlingRequest

/// `klingprep build JOB -o DIR [--decode] [--json]`.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a job and write request.json, masks/*.png, preview.png and report.json.",
        discussion: "No request.json is written when the job has errors. Exit 0 ok, 1 errors, 64 usage."
    )

    @OptionGroup var input: JobInputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var checks: CheckOptions

    @Option(name: .shortAndLong, help: "Output directory (created when missing).")
    var output: String

    @Flag(help: "Do not draw preview.png.")
    var noPreview = false

    @Flag(help: "Print the report as one JSON document on stdout.")
    var json = false

    func run() async throws {
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        if let path = input.job, RequestInput.classify(path: path) == .body {
            try buildRawBody(path, limits: limits)
            return
        }
        let document = try input.document(rules: rules)
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil,
            context: RuleContext(route: .image2video, backend: rules.backend))
        var report = await JobChecker.check(document, options: options)
        let written = try await BuildWriter.write(
            &report, to: output, preview: noPreview ? nil : PreviewRenderer(limits: limits), strict: rules.strict)
        if json {
            try Output.printJSON(BuildReport(report: report, output: written))
        } else {
            Output.line(ReportText.render(report, strict: rules.strict))
            if let request = written.request {
                Output.line("wrote \(request) (\(written.requestBytes ?? 0) bytes)")
                if let mask = written.staticMask { Output.line("wrote \(mask)") }
                for mask in written.dynamicMasks { Output.line("wrote \(mask)") }
            } else {
                Output.line(
                    "no request.json written: fix the \(report.hasErrors ? "errors" : "warnings (--strict)") above first.")
            }
            if let preview = written.preview { Output.line("wrote \(preview)  <- look at it") }
            Output.line("wrote \(written.report)")
        }
        if report.findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
    }

    /// A raw body: checked as `validate` does; its canonical bytes are written as
    /// `request.json` when nothing blocks, and `report.json` always.
    private func buildRawBody(_ path: String, limits: DecodeLimits) throws {
        let read = try RawBodyValidator.load(
            path: path, route: rules.route, backend: rules.backend, allowUndocumented: rules.allowUndocumented)
        let findings = RawBodyChecker.check(read, decode: checks.decode, limits: limits)
        let written = try RawBodyBuild.write(read, findings: findings, to: output, strict: rules.strict)
        if json {
            try Output.printJSON(written)
        } else {
            Output.line("\(path): request body for \(read.context.route)")
            for finding in findings { Output.line(FindingText.line(finding, indent: "")) }
            Output.line(ReportText.summary(findings, strict: rules.strict))
            if let request = written.request {
                Output.line("wrote \(request)")
            } else {
                Output.line("no request.json written: fix the problems above first.")
            }
            Output.line("wrote \(written.report)")
        }
        if findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
    }
}

/// `klingprep preview JOB -o FILE`.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw the plan of a job (areas, paths, legend, thumbnails) as a PNG."
    )

    @OptionGroup var input: JobInputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var checks: CheckOptions

    @Option(name: .shortAndLong, help: "The PNG file to write.")
    var output: String

    func run() async throws {
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        let document = try input.document(rules: rules)
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil,
            context: RuleContext(route: .image2video, backend: rules.backend))
        let report = await JobChecker.check(document, options: options)
        let canvas = try PreviewRenderer(limits: limits).render(report)
        try AtomicFile.write(try PreviewRenderer.png(canvas), to: output)
        Output.line("wrote \(output) (\(canvas.width)x\(canvas.height))")
        for finding in report.findings where finding.severity != .info { Output.note(FindingText.line(finding, indent: "")) }
        if report.hasErrors { throw ExitCodes.invalidInput }
    }
}
