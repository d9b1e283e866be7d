import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingRequest

/// `klingprep validate JOB|request.json [--route R] [--backend B] [--strict] [--decode] [--remote]
/// [--format text|json|github|junit|sarif]`.
struct ValidateCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a job (or a raw request.json of either route) for everything the service would reject.",
        discussion: "Every problem at once. Exit 0 when there are no errors (with --strict: no warnings either), "
            + "1 otherwise, 64 for usage errors."
    )

    @OptionGroup var input: JobInputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var checks: CheckOptions

    @OptionGroup var formatOption: FormatOption

    static let formats = OutputFormat.findingFormats

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        try await FormatOutput.judging(
            command: "validate", name: input.job ?? "(flags)", file: input.job, strict: rules.strict, on: console
        ) { try await judge(on: console) }
    }

    private func judge(on console: Console) async throws {
        let started = ContinuousClock.now
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        if let path = input.job, RequestInput.classify(path: path) == .body {
            let report = try RawBodyValidator.load(
                path: path, route: rules.route, backend: rules.backend, allowUndocumented: rules.allowUndocumented)
            let findings = RawBodyChecker.check(report, decode: checks.decode, limits: limits)
            try show(
                FormatUnit(
                    body: path, findings: findings, report: report, status: status(findings), strict: rules.strict,
                    seconds: started.secondsSince),
                route: report.context.route, heading: "\(path): request body for \(report.context.route)",
                on: console)
            if findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
            return
        }
        if let path = input.job, RequestInput.classify(path: path) == .image {
            // A picture: checked as the input image of a job on the chosen route would be.
            let context = RuleContext(route: rules.route ?? .image2video, backend: rules.backend)
            let findings = ImageRules.verdict(
                path: path, decode: checks.decode, limits: limits, context: context, findingPath: path
            ).findings
            try show(
                FormatUnit(
                    image: path, findings: findings, status: status(findings), strict: rules.strict,
                    seconds: started.secondsSince),
                route: context.route, heading: "\(path): an image, checked as a job's input image on \(context.route)",
                on: console)
            if findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
            return
        }
        let document = try input.document(rules: rules)
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil,
            context: RuleContext(route: .image2video, backend: rules.backend))
        let report = await JobChecker.check(document, options: options)
        switch console.format {
        case .json: try console.document(BuildReport(report: report))
        case .text: console.out(ReportText.render(report, strict: rules.strict))
        default:
            let unit = FormatUnit(
                job: report, status: status(report.findings), strict: rules.strict, seconds: started.secondsSince)
            try FormatOutput.write(FormatReport(command: "validate", units: [unit], strict: rules.strict), on: console)
        }
        if report.findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
    }

    /// `valid` or `invalid`.
    private func status(_ findings: [Finding]) -> String { findings.blocks(strict: rules.strict) ? "invalid" : "valid" }

    /// A raw body's or an image's findings: `--json`'s ``RawBodyOutput``, the text lines under
    /// `heading`, or `unit` in another format.
    private func show(_ unit: FormatUnit, route: Route, heading: String, on console: Console) throws {
        let findings = unit.findings.map(\.finding)
        switch console.format {
        case .json: try console.document(RawBodyOutput(route: route, findings: findings, strict: rules.strict))
        case .text:
            console.out(heading)
            for finding in findings { console.out(FindingText.line(finding, indent: "")) }
            console.out(ReportText.summary(findings, strict: rules.strict))
        default:
            try FormatOutput.write(FormatReport(command: "validate", units: [unit], strict: rules.strict), on: console)
        }
    }
}

/// `validate --json` for a raw body.
struct RawBodyOutput: Encodable {
    var ok: Bool
    var route: Route
    var findings: [Finding]

    init(route: Route, findings: [Finding], strict: Bool) {
        ok = !findings.blocks(strict: strict)
        self.route = route
        self.findings = findings
    }
}
