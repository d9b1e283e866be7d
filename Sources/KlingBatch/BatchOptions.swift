public import Foundation
public import KlingRequest
public import KlingSubmit

/// How a batch runs (`klingprep batch`).
public struct BatchOptions: Sendable {
    /// What is done with each job.
    public enum Mode: String, Sendable, Equatable {
        /// `--validate-only`: judge every job; nothing is written but `summary.json`.
        case validate
        /// `--build DIR`: judge and build every job into `DIR/jobs/…`.
        case build
        /// `--submit`: judge, build and submit every valid job (and with `wait`, follow it and
        /// download its videos).
        case submit
    }

    public var mode: Mode
    /// The batch's folder: `jobs/<job folder>/` for each job's outputs, `summary.json`, and
    /// the journal by default. Required for ``Mode/build`` and ``Mode/submit``.
    public var output: String?
    /// How each job is judged and built: route, backend, `--strict`, `--decode`, limits, preview.
    public var preparation: SubmissionPreparation.Options
    /// Jobs judged or built at once (all cores by default).
    public var parallelism: Int
    /// Submissions in flight at once: with `wait`, the batch's tasks running at the service at
    /// once (each holds its slot until it ends); without, creations at once.
    public var concurrency: Int
    /// Follow each task until it ends and download its videos into its job folder.
    public var wait: Bool
    /// Stop waiting for one task after this long (the task goes on at the service).
    public var timeout: Duration?
    /// The lookup forms asked before a first POST (doctor's findings; both by default).
    public var lookupForms: [LookupForm]
    /// The `callback_url` to send with every task, if any.
    public var callbackURL: String?
    /// How long one job's submission waits out the account's concurrency limit in all.
    public var concurrencyWait: Duration

    /// Options for `mode`; judging on all cores, 4 submissions at once, no waiting.
    public init(
        mode: Mode, output: String? = nil, preparation: SubmissionPreparation.Options = .init(),
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, concurrency: Int = 4, wait: Bool = false,
        timeout: Duration? = nil, lookupForms: [LookupForm] = LookupForm.allCases, callbackURL: String? = nil,
        concurrencyWait: Duration = .seconds(3600)
    ) {
        self.mode = mode
        self.output = output
        self.preparation = preparation
        self.parallelism = max(1, parallelism)
        self.concurrency = max(1, concurrency)
        self.wait = wait
        self.timeout = timeout
        self.lookupForms = lookupForms
        self.callbackURL = callbackURL
        self.concurrencyWait = concurrencyWait
    }

    /// The folder of `job`'s outputs: `OUTPUT/jobs/<folder>`.
    public func folder(of job: BatchJob) -> String? {
        output.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "jobs/" + job.folder }
    }
}

/// What submitting needs: one client (its ``ClientSettings/pace`` set to ``pace``), the
/// batch's journal, and how tasks are polled.
public struct BatchService: Sendable {
    public var client: KlingClient
    public var journal: Journal
    /// Shared by every submission of the batch: one backoff for rate limits and 1303.
    public var pace: RequestPace
    public var poll: PollSchedule

    public init(client: KlingClient, journal: Journal, pace: RequestPace, poll: PollSchedule = PollSchedule()) {
        self.client = client
        self.journal = journal
        self.pace = pace
        self.poll = poll
    }
}

/// What a running batch reports.
public enum BatchEvent: Sendable {
    /// A job reached its final state in this run.
    case finished(BatchJobResult, done: Int, total: Int)
    /// Where the batch is (about once a second, and after each job).
    case progress(BatchProgress)
    /// An event of one job's submission (created, waiting, retrying, …).
    case submission(input: String, SubmitEvent)
}

/// Where a running batch is, for a progress display.
public struct BatchProgress: Sendable, Equatable {
    /// Jobs finished in this run.
    public var done: Int
    /// Jobs in this run.
    public var total: Int
    /// Submissions in flight (created or being created, followed, downloaded).
    public var running: Int
    /// What the shared pace is waiting out.
    public var pace: RequestPace.Snapshot
    /// Seconds since the batch started.
    public var elapsed: Double
    /// Estimated seconds left, once a job has finished.
    public var remaining: Double?
}
