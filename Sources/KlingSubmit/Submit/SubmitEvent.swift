public import KlingCheck

/// Something a person may want to see while the submitter works; the CLI renders these as a
/// progress line or JSON status lines.
public enum SubmitEvent: Sendable, Equatable {
    /// The body is ready to send to `route` (size in bytes; `generatedID` when the id was
    /// generated now).
    case prepared(externalID: String, route: Route, bytes: Int64, generatedID: Bool)
    /// The journal already knows this body: the run resumes it.
    case resumed(externalID: String, taskID: String?)
    /// The POST created a task.
    case created(taskID: String, externalID: String)
    /// A task with the job's external id already existed and was adopted.
    case adopted(taskID: String, externalID: String)
    /// A request failed and is retried after `delaySeconds`.
    case retrying(endpoint: String, attempt: Int, delaySeconds: Double, reason: String)
    /// A status was read while waiting.
    case status(TaskProgress)
    /// A video was saved.
    case downloaded(DownloadedFile)
    /// A video is already on disk as the journal recorded it.
    case alreadyDownloaded(DownloadedFile)
}

/// One status reading while waiting for a task.
public struct TaskProgress: Sendable, Equatable, Codable {
    /// The task id.
    public let taskID: String
    /// Its status.
    public let status: TaskStatus
    /// Seconds since the wait began.
    public let elapsedSeconds: Double
    /// The service's `task_status_msg`, when present.
    public let message: String?

    /// Creates a reading.
    public init(taskID: String, status: TaskStatus, elapsedSeconds: Double, message: String?) {
        self.taskID = taskID
        self.status = status
        self.elapsedSeconds = elapsedSeconds
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status
        case elapsedSeconds = "elapsed_s"
        case message
    }
}
