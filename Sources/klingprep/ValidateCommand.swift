import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingRequest

/// `klingprep validate JOB|request.json [--route R] [--backend B] [--strict] [--decode] [--remote] [--json]`.
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

    @Flag(help: "Print one JSON document on stdout instead of text.")
    var json = false

    var consoleMode: Console.Mode { Console.Mode(json: json) }

    func run(on console: Console) async throws {
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        if let path = input.job, RequestInput.classify(path: path) == .body {
            let report = try RawBodyValidator.load(
                path: path, route: rules.route, backend: rules.backend, allowUndocumented: rules.allowUndocumented)
            let findings = RawBodyChecker.check(report, decode: checks.decode, limits: limits)
            if json {
                try console.document(
                    RawBodyOutput(route: report.context.route, findings: findings, strict: rules.strict))
            } else {
                console.out("\(path): request body for \(report.context.route)")
                for finding in findings { console.out(FindingText.line(finding, indent: "")) }
                console.out(ReportText.summary(findings, strict: rules.strict))
            }
            if findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
            return
        }
        if let path = input.job, RequestInput.classify(path: path) == .image {
            // A picture: checked as the input image of a job on the chosen route would be.
            let context = RuleContext(route: rules.route ?? .image2video, backend: rules.backend)
            let findings = ImageRules.verdict(
                path: path, decode: checks.decode, limits: limits, context: context, findingPath: path
            ).findings
            if json {
                try console.document(RawBodyOutput(route: context.route, findings: findings, strict: rules.strict))
            } else {
                console.out("\(path): an image, checked as a job's input image on \(context.route)")
                for finding in findings { console.out(FindingText.line(finding, indent: "")) }
                console.out(ReportText.summary(findings, strict: rules.strict))
            }
            if findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
            return
        }
        let document = try input.document(rules: rules)
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil,
            context: RuleContext(route: .image2video, backend: rules.backend))
        let report = await JobChecker.check(document, options: options)
        if json {
            try console.document(BuildReport(report: report))
        } else {
            console.out(ReportText.render(report, strict: rules.strict))
        }
        if report.findings.blocks(strict: rules.strict) { throw ExitCodes.invalidInput }
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
