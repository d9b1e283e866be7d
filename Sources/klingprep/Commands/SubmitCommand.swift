import ArgumentParser
import Foundation
import KlingPreview
import KlingRequest
import KlingSubmit

/// `klingprep submit JOB|request.json [--wait] [-o DIR] [--dry-run] [--force-new]`
struct SubmitCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Create a task from a job or a request body (never twice: re-running resumes it).",
        discussion: "A job file is checked first (refused with its errors, exit 1) and built like "
            + "`klingprep build` into -o DIR, or into JOBNAME.klingprep/ beside the job; the journal "
            + "lives beside the built request.json. The route is the job's; a request body goes where its "
            + "top-level image field says: image → /kling/v1/videos/image2video, image_list → "
            + "/kling/v1/videos/multi-image2video (--dry-run shows the path). The journal records the route, "
            + "so wait, download and re-runs follow the task on the same path.")

    @Argument(help: "A job file (YAML or JSON), or a request body file (e.g. out/request.json).")
    var input: String

    @Flag(help: "Decode a job's images fully before building (as build --decode).")
    var decode = false

    @Flag(name: .long, help: "Follow the task until it ends.")
    var wait = false

    @Option(name: .shortAndLong, help: "Download the videos into this directory (implies --wait).")
    var output: String?

    @Flag(name: .long, help: "Print the request that would be sent (key redacted) and send nothing.")
    var dryRun = false

    @Flag(
        name: .long,
        help: "Create a new task on purpose, with a fresh external_task_id, even if the journal knows this body.")
    var forceNew = false

    @OptionGroup var rules: RuleOptions
    @OptionGroup var options: SubmitOptions

    var consoleMode: Console.Mode {
        Console.Mode(json: options.json, style: .line, streamsEvents: options.json && (wait || output != nil))
    }

    func run(on console: Console) async throws {
        let prepared = try await SubmissionPreparation.prepare(
            input: input, output: output, options: rules.preparation(decode: decode, preview: PreviewRenderer()))
        try SubmissionText.show(prepared, strict: rules.strict, on: console)
        guard let bodyPath = prepared.bodyPath else { throw ExitCodes.invalidInput }
        let bodyURL = URL(fileURLWithPath: bodyPath).standardizedFileURL
        let journal = options.journalFile(defaultFor: bodyURL)
        let opts = options
        let submitOptions = KlingSubmit.SubmitOptions(
            route: prepared.route, forceNew: forceNew, wait: wait || output != nil, timeout: opts.timeoutDuration,
            outputDirectory: output.map { URL(fileURLWithPath: $0).standardizedFileURL })
        let (dryRun, output) = (self.dryRun, self.output)
        let rerun =
            ["klingprep", "submit", SubmitterText.quote(input)] + (wait ? ["--wait"] : [])
            + (output.map { ["-o", SubmitterText.quote($0)] } ?? [])
            + (opts.journal.map { ["--journal", SubmitterText.quote($0)] } ?? [])
        try await SubmitterRun.run(
            console: console,
            advice: { error in
                SubmitterText.advice(
                    ResumeAdvice.afterSubmitting(error), output: output, journal: journal, rerun: rerun)
            }
        ) {
            if dryRun {
                let found = (try? opts.apiKey()) != nil
                let report = try DryRunReport.make(
                    body: bodyURL, route: submitOptions.route, endpoint: try opts.endpoint(), apiKeyFound: found,
                    journal: journal, forceNew: submitOptions.forceNew)
                if opts.json { try console.document(report) } else { console.note(report.text) }
                return
            }
            let outcome = try await SubmitterRun.withClient(opts) { client throws(SubmitError) in
                let submitter = Submitter(
                    client: client, journal: journal, poll: opts.pollSchedule(), report: console.handle)
                return try await submitter.submit(body: bodyURL, options: submitOptions)
            }
            if opts.json { try console.document(outcome) } else { console.note(SubmitterText.describe(outcome)) }
        }
    }
}
