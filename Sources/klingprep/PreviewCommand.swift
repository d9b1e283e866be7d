import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingPreview
import KlingRequest

/// `klingprep preview JOB -o FILE [--format text|github|junit|sarif]`.
struct PreviewCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw the plan of a job (areas, paths, legend, thumbnails) as a PNG."
    )

    @OptionGroup var input: JobInputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var checks: CheckOptions

    @Option(name: .shortAndLong, help: "The PNG file to write.", completion: .file(extensions: ["png"]))
    var output: String

    @OptionGroup var formatOption: FormatOption

    static let formats: [OutputFormat] = [.text, .github, .junit, .sarif]

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        try await FormatOutput.judging(
            command: "preview", name: input.job ?? "(flags)", file: input.job, strict: false, on: console
        ) { try await draw(on: console) }
    }

    private func draw(on console: Console) async throws {
        let started = ContinuousClock.now
        let limits = DecodeLimits(maximumPixels: checks.maxMegapixels * 1_000_000)
        let document = try input.document(rules: rules)
        let options = JobCheckOptions(
            decode: checks.decode, limits: limits, remote: checks.remote ? RemoteFetcher.make() : nil,
            context: RuleContext(route: .image2video, backend: rules.backend))
        let report = await JobChecker.check(document, options: options)
        var inputs = report.job.inputFiles
        if let job = input.job { inputs.append(JobInputFile(path: job, role: "the job file")) }
        if let read = JobInputFile.overwritten(by: output, among: inputs) {
            throw CommandFailure("cannot write \(output): it is \(read.role); choose another file for the preview")
        }
        let canvas = try PreviewRenderer(limits: limits).render(report)
        try AtomicFile.write(try PreviewRenderer.png(canvas), to: output)
        let wrote = "wrote \(output) (\(canvas.width)x\(canvas.height))"
        if console.format.writesUnits {
            let unit = FormatUnit(
                job: report, status: report.hasErrors ? "invalid" : "drawn", strict: false,
                seconds: started.secondsSince)
            try FormatOutput.write(FormatReport(command: "preview", units: [unit]), on: console)
            console.note(wrote)
        } else {
            console.out(wrote)
            for finding in report.findings where finding.severity != .info {
                console.note(FindingText.line(finding, indent: ""))
            }
        }
        if report.hasErrors { throw ExitCodes.invalidInput }
    }
}
