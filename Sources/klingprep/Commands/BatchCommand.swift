import ArgumentParser
import Foundation
import KlingBatch
import KlingCheck
import KlingPreview
import KlingRequest
import KlingSubmit
import Synchronization

/// `klingprep batch INPUT... [--validate-only | --build DIR | --submit] [--wait] [--shard K/N] …`
struct BatchCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Validate, build or submit many jobs at once: resumable, shardable, with a report per job.",
        discussion: """
            INPUT is job files, folders of job files (searched recursively for *.yaml, *.yml, *.json), or \
            JSON-lines manifests (*.jsonl: one job per line in the job file's schema, paths relative to the \
            manifest). Jobs are judged and built on all cores; submissions run --concurrency at a time and \
            share one backoff (a rate limit or the account's concurrency limit slows the whole batch). \
            Killed and run again, a batch finishes its work without creating any task twice. \
            Exit codes: 0 all ok, 1 some jobs invalid, 2 some tasks failed, 3 service errors (or a job \
            that could not be processed), 4 some waits timed out; with several, the first of 3, 2, 4, 1.
            """)

    @Argument(help: "Job files, folders of job files, or .jsonl manifests.", completion: .file())
    var inputs: [String] = []

    @Flag(help: "Only judge the jobs (the default when neither --build nor --submit is given).")
    var validateOnly = false

    @Option(help: ArgumentHelp("Build every job into DIR/jobs/... (and write DIR/summary.json).", valueName: "dir"))
    var build: String?

    @Flag(help: "Build every job, then submit every valid one (into --build DIR or -o DIR).")
    var submit = false

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "The batch's folder: jobs/ (each job's outputs and videos), summary.json and the journal.",
            valueName: "dir"))
    var output: String?

    @Flag(help: "With --submit: follow every task to its end and download its videos into its job folder.")
    var wait = false

    @Option(
        help: ArgumentHelp(
            "Submissions at once (with --wait: the batch's tasks running at once; give each shard its part of the account's concurrency).",
            valueName: "n"))
    var concurrency: Int = 4

    @Option(help: ArgumentHelp("Jobs judged or built at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "Only this part of the batch: K of N (from 1), by a hash of each job's path.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "The same as --format jsonl: one JSON line per job as it finishes, then the summary line.")
    var jsonl = false

    @Flag(help: "Decode every image fully.")
    var decode = false

    @Flag(help: "Write no preview.png for the jobs (faster builds).")
    var noPreview = false

    @OptionGroup var rules: RuleOptions
    @OptionGroup var options: SubmitOptions

    static let formats = OutputFormat.allCases

    var formatOption: FormatOption {
        var option = options.formatOption
        if jsonl && option.format == nil && !option.json { option.format = .jsonl }
        return option
    }

    /// What stdout carries: text, one JSON document, JSON lines, or github/junit/sarif.
    var format: OutputFormat { formatOption.resolved }

    var consoleMode: Console.Mode { Console.Mode(format: format) }

    var mode: BatchOptions.Mode { submit ? .submit : build != nil ? .build : .validate }

    /// The batch's folder: -o, else --build's.
    var folder: String? { output ?? build }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give job files, folders of job files or .jsonl manifests") }
        if [validateOnly, build != nil && !submit, submit].filter({ $0 }).count > 1 || (validateOnly && build != nil) {
            throw ValidationError("give one of --validate-only, --build DIR and --submit")
        }
        if jsonl && (options.formatOption.json || options.formatOption.format.map { $0 != .jsonl } == true) {
            throw ValidationError("--jsonl means --format jsonl; give one of them")
        }
        if submit && folder == nil {
            throw ValidationError(
                "--submit needs a folder for the bodies, the journal and the videos: -o DIR (or --build DIR)")
        }
        if let build, let output, build != output {
            throw ValidationError("--build \(build) and -o \(output) name two folders; give one")
        }
        if wait && !submit { throw ValidationError("--wait follows submitted tasks: give --submit too") }
        if concurrency < 1 || concurrency > 100 { throw ValidationError("--concurrency is \(concurrency); give 1…100") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs is \(jobs); give 1…256") }
        if let shard {
            do throws(BatchError) { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
    }

    func run(on console: Console) async throws {
        let shard = try shard.map { text throws(CommandFailure) in
            do throws(BatchError) { return try Shard(parsing: text) } catch {
                throw CommandFailure(error.description, exitCode: ExitCodes.usage)
            }
        }
        let all: [BatchJob]
        do throws(BatchError) {
            all = try BatchInputs.expand(inputs, skipping: folder)
        } catch {
            throw CommandFailure(error.description, exitCode: ExitCodes.usage)
        }
        if all.isEmpty {
            throw CommandFailure(BatchError.noJobs(inputs: inputs).description, exitCode: ExitCodes.usage)
        }
        let mine = shard.map { shard in all.filter(shard.contains) } ?? all
        var batchOptions = BatchOptions(
            mode: mode, output: folder,
            preparation: rules.preparation(decode: decode, preview: noPreview ? nil : PreviewRenderer()),
            parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount, concurrency: concurrency,
            wait: wait, timeout: options.timeoutDuration ?? (wait ? SubmitOptions.defaultWait : nil),
            // --timeout bounds the account's concurrency wait too ("retries included").
            concurrencyWait: options.timeoutDuration ?? .seconds(3600))
        if mode == .validate { batchOptions.preparation.preview = nil }
        let view = BatchView(console: console, strict: rules.strict)
        if let shard { view.note("shard \(shard): \(mine.count) of \(all.count) jobs") }
        var results: [BatchJobResult]
        var interrupted = false
        if mode == .submit {
            (results, interrupted) = try await submitBatch(mine, options: batchOptions, view: view)
        } else {
            results = await BatchRunner(options: batchOptions, report: view.handle).run(mine)
        }
        let summary = BatchSummary(results, shard: shard, otherShards: all.count - mine.count)
        let document = BatchDocument(jobs: results, summary: summary)
        // The document first: a summary.json that cannot be written must not cost a pipeline
        // the jobs array on stdout.
        try view.finish(document)
        if let folder, !writeSummary(document, into: folder, view: view) { throw ExitCodes.serviceUnavailable }
        if interrupted {
            view.note("interrupted: run the same command again to finish the batch (nothing is sent twice)")
            throw ExitCodes.interrupted
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// Submits with one client, one journal and one pace; Ctrl-C stops the batch (the journal
    /// stays consistent, and running the same command again resumes).
    /// - Returns: the results, and whether Ctrl-C stopped the batch.
    private func submitBatch(
        _ jobs: [BatchJob], options batchOptions: BatchOptions, view: BatchView
    ) async throws -> (results: [BatchJobResult], interrupted: Bool) {
        let backend = rules.backend
        let endpoint: ServiceEndpoint
        let credentials: Credentials
        do throws(SubmitError) {
            endpoint = try options.endpoint(backend)
            credentials = try options.credentials(backend)
        } catch {
            throw CommandFailure(error, advice: nil)
        }
        var batchOptions = batchOptions
        let findings = try? DoctorState.standard(environment: options.environment).findings(for: endpoint)
        batchOptions.lookupForms = findings?.lookupForms ?? LookupForm.allCases
        let folderURL = URL(fileURLWithPath: folder ?? ".").standardizedFileURL
        let journal =
            options.journal.map { Journal(url: URL(fileURLWithPath: $0).standardizedFileURL) }
            ?? Journal(url: folderURL.appendingPathComponent(Journal.defaultFileName))
        let pace = RequestPace()
        var settings = options.settings()
        settings.pace = pace
        // A rate limit shared by many jobs costs each more attempts than one job alone would meet.
        settings.retry.maxAttempts = max(settings.retry.maxAttempts, 12)
        let client = KlingClient(endpoint: endpoint, credentials: credentials, settings: settings)
        let service = BatchService(client: client, journal: journal, pace: pace, poll: options.pollSchedule())
        let runner = BatchRunner(options: batchOptions, service: service, report: view.handle)
        let box = ResultBox()
        do {
            try await SubmitterRun.run(console: view.console) {
                box.set(await runner.run(jobs))
                try Task.checkCancellation()
            }
        } catch let failure as CommandFailure {
            try? await client.shutdown()
            // Ctrl-C: what finished is reported; the rest is resumed by the same command.
            if let results = box.get() { return (results, true) }
            throw failure
        }
        try? await client.shutdown()
        return (box.get() ?? [], false)
    }

    /// Writes `summary.json` into `folder`; false (and a line on stderr) when it cannot.
    private func writeSummary(_ document: BatchDocument, into folder: String, view: BatchView) -> Bool {
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + "summary.json"
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            let data = try encoder.encode(document) + Data("\n".utf8)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(data, to: path)
        } catch {
            view.note("Error: cannot write \(path): \(Files.reason(of: error))")
            return false
        }
        view.note("wrote \(path)")
        return true
    }
}

/// The results of a batch run inside ``SubmitterRun``.
final class ResultBox: Sendable {
    private let results = Mutex<[BatchJobResult]?>(nil)

    func set(_ value: [BatchJobResult]) { results.withLock { $0 = value } }
    func get() -> [BatchJobResult]? { results.withLock { $0 } }
}
