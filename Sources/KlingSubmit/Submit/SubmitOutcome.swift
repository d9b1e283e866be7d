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

    /// Creates an outcome.
    public init(
        externalTaskID: String?, taskID: String, route: Route, status: TaskStatus, statusMessage: String?,
        origin: Origin?,
        videos: [TaskVideo], files: [DownloadedFile], journal: String?
    ) {
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
        case origin, videos, files, journal
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

    /// Creates options; all off by default, the route from the body.
    public init(
        route: Route? = nil, forceNew: Bool = false, wait: Bool = false, timeout: Duration? = nil,
        outputDirectory: URL? = nil
    ) {
        self.route = route
        self.forceNew = forceNew
        self.wait = wait
        self.timeout = timeout
        self.outputDirectory = outputDirectory
    }
}
