import ArgumentParser
import Foundation
import KlingPreview
import KlingRequest
import KlingCheck
import KlingSubmit

/// `klingprep submit JOB|request.json [--wait] [-o DIR] [--dry-run] [--force-new]`
struct SubmitCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Create a task from a job or a request body (never twice: re-running resumes it).",
        discussion: "A job file is checked first (refused with its errors, exit 1) and built like "
            + "`klingprep build` into -o DIR, or into JOBNAME.klingprep/ beside the job; the journal "
            + "lives beside the built request.json. The route is the job's; a request body goes where its "
            + "top-level image field says: image -> /kling/v1/videos/image2video, image_list -> "
            + "/kling/v1/videos/multi-image2video (--dry-run shows the path). The journal records the route, "
            + "so wait, download and re-runs follow the task on the same path.")

    @Argument(
        help: "A job file (YAML or JSON), or a request body file (e.g. out/request.json).",
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var input: String

    @Flag(help: "Decode a job's images fully before building (as build --decode).")
    var decode = false

    @Flag(name: .long, help: "Follow the task until it ends.")
    var wait = false

    @Option(
        name: .shortAndLong, help: "Download the videos into this directory (implies --wait).",
        completion: .directory)
    var output: String?

    @Flag(name: .long, help: "Print the request that would be sent (key redacted) and send nothing.")
    var dryRun = false

    @Flag(
        name: .long,
        help: "Create a new task on purpose, with a fresh external_task_id, even if the journal knows this body.")
    var forceNew = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Fill callback_url with the hook's secret path under this public base URL (https://, or http:// to loopback).",
            discussion: "The secret path comes from the hook's state file (see `klingprep hook serve`); run the "
                + "hook once first. The callback is only a hint: the hook confirms each task with your own "
                + "credentials. A body's callback_url is not part of its derived external_task_id.",
            valueName: "url"))
    var callbackBase: String?

    @Option(name: .long, help: "The hook's state file (default: hook.json in the state directory).")
    var hookState: String?

    @OptionGroup var rules: RuleOptions
    @OptionGroup var options: SubmitOptions

    static let formats: [OutputFormat] = [.text, .json, .jsonl]

    var formatOption: FormatOption { options.formatOption }

    var consoleMode: Console.Mode {
        Console.Mode(
            format: formatOption.resolved, style: .line, streamsEvents: options.json && (wait || output != nil))
    }

    func run(on console: Console) async throws {
        // The service and credentials first: a wrong base URL or a missing key is reported before
        // anything is built (a dry run only needs the base URL).
        let backend = rules.backend
        let endpoint: ServiceEndpoint
        var credentials: Credentials? = nil
        do throws(SubmitError) {
            endpoint = try options.endpoint(backend)
            if !dryRun { credentials = try options.credentials(backend) }
        } catch {
            throw CommandFailure(error, advice: nil)
        }
        var callbackURL: String? = nil
        if let callbackBase {
            let stateURL = hookState.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? HookState.defaultURL()
            do throws(HookError) {
                callbackURL = try HookState.load(from: stateURL).callbackURL(base: callbackBase)
            } catch {
                var hint = ""
                if case .stateUnreadable = error {
                    hint = " Start `klingprep hook serve` once to create the hook's state, or give --hook-state FILE."
                }
                throw CommandFailure("--callback-base: \(error.description)\(hint)", exitCode: ExitCodes.usage)
            }
        }
        var preparation = rules.preparation(decode: decode, preview: PreviewRenderer())
        // A refused job keeps the request.json its journal may point at.
        preparation.keepEarlierBody = true
        let prepared = try await SubmissionPreparation.prepare(
            input: input, output: output, options: preparation)
        try SubmissionText.show(prepared, strict: rules.strict, on: console)
        guard let bodyPath = prepared.bodyPath else { throw ExitCodes.invalidInput }
        let bodyURL = URL(fileURLWithPath: bodyPath).standardizedFileURL
        let journal = options.journalFile(defaultFor: bodyURL)
        let opts = options
        let findings = try? DoctorState.standard(environment: options.environment).findings(for: endpoint)
        let submitOptions = KlingSubmit.SubmitOptions(
            route: prepared.route, forceNew: forceNew, wait: wait || output != nil,
            timeout: opts.timeoutDuration ?? SubmitOptions.defaultWait,
            outputDirectory: output.map { URL(fileURLWithPath: $0).standardizedFileURL },
            callbackURL: callbackURL, lookupForms: findings?.lookupForms ?? LookupForm.allCases,
            // --timeout bounds the account's concurrency wait too ("retries included").
            concurrency: ConcurrencyPolicy(maximumWait: opts.timeoutDuration ?? .seconds(3600)))
        let (credentialsFound, output) = (credentials, self.output)
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
            guard let credentials = credentialsFound else {
                let found = (try? opts.credentials(backend)) != nil
                let report = try DryRunReport.make(
                    body: bodyURL, route: submitOptions.route, endpoint: endpoint, apiKeyFound: found,
                    journal: journal, forceNew: submitOptions.forceNew)
                if opts.json { try console.document(report) } else { console.note(report.text) }
                return
            }
            let client = KlingClient(endpoint: endpoint, credentials: credentials, settings: opts.settings())
            let result: Result<SubmitOutcome, SubmitError>
            do throws(SubmitError) {
                let submitter = Submitter(
                    client: client, journal: journal, poll: opts.pollSchedule(), report: console.handle)
                result = .success(try await submitter.submit(body: bodyURL, options: submitOptions))
            } catch {
                result = .failure(error)
            }
            try? await client.shutdown()
            let outcome = try result.get()
            if opts.json { try console.document(outcome) } else { console.note(SubmitterText.describe(outcome)) }
        }
    }
}
