public import Foundation
public import KlingCheck

/// What a submit, wait or download run ended with; the CLI prints it (as JSON with `--json`).
public struct SubmitOutcome: Sendable, Equatable, Codable {
    /// How the job came to own its task.
    public enum Origin: String, Sendable, Equatable, Codable {
        /// This run's POST created it.
        case created
        /// It existed with the job's external id and was adopted.
        case adopted
        /// The journal knew it; nothing was sent.
        case resumed
    }

    /// The job's external id, when known.
    public let externalTaskID: String?
    /// The service's task id.
    public let taskID: String
    /// The route the task lives on.
    public let route: Route
    /// The last status seen.
    public let status: TaskStatus
    /// The service's `task_status_msg`, when present.
    public let statusMessage: String?
    /// How the task was obtained (`submit` only).
    public let origin: Origin?
    /// The videos, once the task succeeded.
    public let videos: [TaskVideo]
    /// Files on disk (downloaded now or earlier).
    public let files: [DownloadedFile]
    /// The journal's path, when one was used.
    public let journal: String?
    /// The backend the task lives at.
    public let backend: Backend
    /// What the task cost (`final_unit_deduction`), when the service reported it.
    public let cost: String?
    /// The take number of a derived external id (2, 3, … after `--force-new`), when derived.
    public let take: Int?

    /// Creates an outcome.
    public init(
        externalTaskID: String?, taskID: String, route: Route, status: TaskStatus, statusMessage: String?,
        origin: Origin?,
        videos: [TaskVideo], files: [DownloadedFile], journal: String?, backend: Backend = .cometapi,
        cost: String? = nil, take: Int? = nil
    ) {
        self.backend = backend
        self.cost = cost
        self.take = take
        self.externalTaskID = externalTaskID
        self.taskID = taskID
        self.route = route
        self.status = status
        self.statusMessage = statusMessage
        self.origin = origin
        self.videos = videos
        self.files = files
        self.journal = journal
    }

    enum CodingKeys: String, CodingKey {
        case externalTaskID = "external_task_id"
        case taskID = "task_id"
        case route, status
        case statusMessage = "task_status_msg"
        case origin, videos, files, journal, backend, cost, take
    }
}

/// Options of ``Submitter/submit(body:options:)``.
public struct SubmitOptions: Sendable, Equatable {
    /// The route to send the body to (a job's route); `nil` takes it from the body's shape
    /// (top-level `image` → image2video, `image_list` → multi-image2video; api.md, "Routes").
    public var route: Route?
    /// Create a new task on purpose, with a fresh external id, even if the journal knows the body.
    public var forceNew: Bool
    /// Follow the task until it ends.
    public var wait: Bool
    /// Stop waiting after this long (the task goes on at the service).
    public var timeout: Duration?
    /// Download the videos here once the task succeeded (implies waiting).
    public var outputDirectory: URL?
    /// The `callback_url` to send (``HookState``'s URL under `--callback-base`); `nil` leaves the
    /// body's own.
    public var callbackURL: String?
    /// The lookup forms to ask, in order (from `klingprep doctor`'s findings); both by default.
    public var lookupForms: [LookupForm]
    /// How long to wait out the account's concurrency limit (1303).
    public var concurrency: ConcurrencyPolicy

    /// Creates options; all off by default, the route from the body.
    public init(
        route: Route? = nil, forceNew: Bool = false, wait: Bool = false, timeout: Duration? = nil,
        outputDirectory: URL? = nil, callbackURL: String? = nil, lookupForms: [LookupForm] = LookupForm.allCases,
        concurrency: ConcurrencyPolicy = ConcurrencyPolicy()
    ) {
        self.callbackURL = callbackURL
        self.lookupForms = lookupForms
        self.concurrency = concurrency
        self.route = route
        self.forceNew = forceNew
        self.wait = wait
        self.timeout = timeout
        self.outputDirectory = outputDirectory
    }
}

/// How a submission waits out the account's concurrency limit (api.md, "Errors": 1303, a task
/// holds its slot until it ends; backoff ≥ 1 s): delays from ``initial`` doubling to
/// ``maximum``, for at most ``maximumWait`` in all, reading our own running tasks from the
/// journal in between.
public struct ConcurrencyPolicy: Sendable, Equatable {
    /// The first delay.
    public var initial: Duration
    /// The longest delay.
    public var maximum: Duration
    /// The longest total wait before giving up.
    public var maximumWait: Duration
    /// Waits between attempts; tests inject one that returns at once.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// 2 s doubling to 60 s, for up to 60 minutes.
    public init(
        initial: Duration = .seconds(2), maximum: Duration = .seconds(60), maximumWait: Duration = .seconds(3600),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.initial = max(initial, .seconds(1))
        self.maximum = max(maximum, self.initial)
        self.maximumWait = maximumWait
        self.sleep = sleep
    }

    /// The delay before the POST after the `attempt`-th 1303.
    public func delay(attempt: Int) -> Duration {
        let factor = pow(2, Double(min(max(attempt - 1, 0), 20)))
        return min(maximum, .seconds(initial.seconds * factor))
    }

    public static func == (lhs: ConcurrencyPolicy, rhs: ConcurrencyPolicy) -> Bool {
        lhs.initial == rhs.initial && lhs.maximum == rhs.maximum && lhs.maximumWait == rhs.maximumWait
    }
}
