public import KlingCheck

/// Something a person may want to see while the submitter works; the CLI renders these as a
/// progress line or JSON status lines.
public enum SubmitEvent: Sendable, Equatable {
    /// The job has its external id (`derived` from the body's content, or the body's own or the
    /// journal's) and take number (1 unless `--force-new` chose another).
    case prepared(externalID: String, route: Route, derived: Bool, take: Int)
    /// The POST of `bytes` bytes to `route` is being sent.
    case sending(externalID: String, route: Route, bytes: Int64)
    /// The lookup before the first POST could not tell whether a task exists, and no attempt
    /// with this id is recorded here: the POST goes ahead, but an attempt from another machine
    /// or journal cannot be ruled out.
    case lookupInconclusive(externalID: String, reason: String)
    /// The service answered 1303 (over the account's concurrency) for the `attempt`-th time.
    case concurrencyLimited(attempt: Int)
    /// Waiting `delaySeconds` for `running` of our own tasks to end before creating again.
    case waitingForOwnTasks(running: Int, delaySeconds: Double)
    /// Another submission sharing the journal (a job of the same batch, or another process) is
    /// creating the task for the same body: this one waits, then resumes what it recorded.
    case waitingForSameBody
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
