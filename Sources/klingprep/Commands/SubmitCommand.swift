import ArgumentParser
import Foundation
import KlingSubmit

/// `klingprep submit JOB|request.json [--wait] [-o DIR] [--dry-run] [--force-new]`
struct SubmitCommand: AsyncParsableCommand {
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

    func run() async throws {
        let body = try await JobSubmission.body(
            for: input, output: output, decode: decode, rules: rules, json: options.json)
        let bodyURL = URL(fileURLWithPath: body.path).standardizedFileURL
        let journal = options.journalFile(defaultFor: bodyURL)
        let console = Console(json: options.json, streamJSON: options.json && (wait || output != nil))
        let opts = options
        let submitOptions = KlingSubmit.SubmitOptions(
            route: body.route, forceNew: forceNew, wait: wait || output != nil, timeout: opts.timeoutDuration,
            outputDirectory: output.map { URL(fileURLWithPath: $0).standardizedFileURL })
        let (dryRun, bodyPath, output) = (self.dryRun, self.input, self.output)
        let rerun =
            ["klingprep", "submit", CommandRunner.quote(bodyPath)] + (wait ? ["--wait"] : [])
            + (output.map { ["-o", CommandRunner.quote($0)] } ?? [])
            + (opts.journal.map { ["--journal", CommandRunner.quote($0)] } ?? [])
        try await CommandRunner.run(
            console: console,
            resumeHint: { error in
                switch error {
                case .interrupted(let taskID?, _), .waitTimedOut(let taskID, _, _):
                    return "Resume with: " + CommandRunner.waitCommand(taskID: taskID, output: output, journal: journal)
                case .interrupted(nil, _?), .retriesExhausted, .unreachable, .connectionLost, .requestTimedOut:
                    return "Safe to re-run (the journal prevents a second task): " + rerun.joined(separator: " ")
                default:
                    return nil
                }
            }
        ) {
            if dryRun {
                let found = (try? opts.apiKey()) != nil
                let report = try DryRunReport.make(
                    body: bodyURL, route: submitOptions.route, endpoint: try opts.endpoint(), apiKeyFound: found,
                    journal: journal,
                    forceNew: submitOptions.forceNew)
                if opts.json { console.out(ProgressFormatter.jsonDocument(report)) } else { console.err(report.text) }
                return
            }
            let outcome = try await CommandRunner.withClient(opts) { client in
                let submitter = Submitter(
                    client: client, journal: journal, poll: opts.pollSchedule(), report: console.handle)
                return try await submitter.submit(body: bodyURL, options: submitOptions)
            }
            if opts.json {
                console.out(ProgressFormatter.jsonDocument(outcome))
            } else {
                console.err(CommandRunner.describe(outcome))
            }
        }
    }
}
