import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingPreview
import KlingRequest

/// `klingprep build JOB -o DIR [--decode] [--format text|json|github|junit|sarif]`.
struct BuildCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a job and write request.json, masks/*.png, preview.png and report.json.",
        discussion: "No request.json is written when the job has errors. Exit 0 ok, 1 errors, 64 usage."
    )

    @OptionGroup var input: JobInputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var checks: CheckOptions

    @Option(name: .shortAndLong, help: "Output directory (created when missing).", completion: .directory)
    var output: String

    @Flag(help: "Do not draw preview.png.")
    var noPreview = false

    @OptionGroup var formatOption: FormatOption

    static let formats = OutputFormat.findingFormats

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        try await FormatOutput.judging(
            command: "build", name: input.job ?? "(flags)", file: input.job, strict: rules.strict, on: console
        ) { try await build(on: console) }
    }

    private func build(on console: Console) async throws {
        let started = ContinuousClock.now
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        if let path = input.job, RequestInput.classify(path: path) == .body {
            try buildRawBody(path, limits: limits, started: started, on: console)
            return
        }
        let document = try input.document(rules: rules)
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil,
            context: RuleContext(route: .image2video, backend: rules.backend))
        var report = await JobChecker.check(document, options: options)
        let written = try await BuildWriter.write(
            &report, to: output, preview: noPreview ? nil : PreviewRenderer(limits: limits), strict: rules.strict)
        switch console.format {
        case .json:
            try console.document(BuildReport(report: report, output: written))
        case .github, .junit, .sarif, .jsonl:
            let unit = FormatUnit(
                job: report, status: written.request == nil ? "failed" : "built", strict: rules.strict,
                seconds: started.secondsSince)
            try FormatOutput.write(FormatReport(command: "build", units: [unit], strict: rules.strict), on: console)
            for file in [written.request, written.preview, written.report].compactMap({ $0 }) {
                console.note("wrote \(file)")
            }
        case .text:
            console.out(ReportText.render(report, strict: rules.strict))
            if let request = written.request {
                console.out("wrote \(request) (\(written.requestBytes ?? 0) bytes)")
                if let mask = written.staticMask { console.out("wrote \(mask)") }
                for mask in written.dynamicMasks { console.out("wrote \(mask)") }
                for image in written.fixedImages ?? [] {
                    console.out("wrote \(image)  (the fixed image the body carries)")
                }
            } else {
                let what = report.hasErrors ? "errors" : "warnings (--strict)"
                console.out("no request.json written: fix the \(what) above first.")
            }
            if let preview = written.preview { console.out("wrote \(preview)  <- look at it") }
            console.out("wrote \(written.report)")
        }
        if report.findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
    }

    /// A raw body: checked as `validate` does; its canonical bytes are written as
    /// `request.json` when nothing blocks, and `report.json` always.
    private func buildRawBody(
        _ path: String, limits: DecodeLimits, started: ContinuousClock.Instant, on console: Console
    ) throws {
        let read = try RawBodyValidator.load(
            path: path, route: rules.route, backend: rules.backend, allowUndocumented: rules.allowUndocumented)
        let findings = RawBodyChecker.check(read, decode: checks.decode, limits: limits)
        let written = try RawBodyBuild.write(read, findings: findings, to: output, strict: rules.strict)
        switch console.format {
        case .json:
            try console.document(written)
        case .github, .junit, .sarif, .jsonl:
            let unit = FormatUnit(
                body: path, findings: findings, report: read, status: written.request == nil ? "failed" : "built",
                strict: rules.strict, seconds: started.secondsSince)
            try FormatOutput.write(FormatReport(command: "build", units: [unit], strict: rules.strict), on: console)
            for file in [written.request, written.report].compactMap({ $0 }) { console.note("wrote \(file)") }
        case .text:
            console.out("\(path): request body for \(read.context.route)")
            for finding in findings { console.out(FindingText.line(finding, indent: "")) }
            console.out(ReportText.summary(findings, strict: rules.strict))
            if let request = written.request {
                console.out("wrote \(request)")
            } else {
                console.out("no request.json written: fix the problems above first.")
            }
            console.out("wrote \(written.report)")
        }
        if findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
    }
}
