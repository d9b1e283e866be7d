public import Foundation
public import KlingCheck

/// What a journal record says happened.
public enum JournalEvent: String, Sendable, Equatable, Codable {
    /// The job got its `external_task_id`; written before anything is sent.
    case prepared
    /// The service created the task (the POST answered).
    case created
    /// An existing task with the job's external id was found and adopted.
    case adopted
    /// A status was seen that differs from the last one recorded.
    case status
    /// The task succeeded; `videos` lists the results.
    case succeeded
    /// The task failed; `message` holds the service's reason.
    case failed
    /// A video was downloaded to `file`.
    case downloaded
    /// The run was interrupted (SIGINT); informational.
    case interrupted
}

/// One line of the journal: a single state change of one job, keyed by the body's content hash
/// and the external id, with the route the task lives on.
public struct JournalRecord: Sendable, Equatable, Codable {
    /// Format version of the record.
    public var version: Int
    /// The KlingPrep that wrote the record (``KlingPrepVersion/current``); records written
    /// before it was recorded have none.
    public var klingprepVersion: String?
    /// When the record was written (ISO 8601, UTC, milliseconds).
    public var time: String
    /// What happened.
    public var event: JournalEvent
    /// The route of the job's task, so that following it uses the path it was created on.
    /// Records written before routes were recorded have none: they mean multi-image2video, the
    /// only route then (see ``JobState/route``).
    public var route: Route?
    /// The backend the task lives at (`cometapi`, `kling`); records written before backends
    /// were recorded have none: they mean CometAPI, the only backend then.
    public var backend: Backend?
    /// The base URL the task was created at (see ``ServiceEndpoint/baseURL``), when recorded.
    public var baseURL: String?
    /// SHA-256 of the body file as given (hex); absent for tasks followed by id only.
    public var bodySHA256: String?
    /// SHA-256 of the body without its `external_task_id` and `callback_url` values, from
    /// which the derived id comes (see ``PreparedBody/contentSHA256``).
    public var contentSHA256: String?
    /// The take number (`--force-new` makes take 2, 3, …), on `prepared`.
    public var take: Int?
    /// What the task cost (`final_unit_deduction`), on `succeeded` when the service reports it.
    public var cost: String?
    /// The body file's path, on `prepared`.
    public var bodyPath: String?
    /// The job's `external_task_id`.
    public var externalTaskID: String?
    /// The service's task id, once known.
    public var taskID: String?
    /// The task status (`status`, `succeeded`, `failed`).
    public var status: String?
    /// The service's message (`failed`).
    public var message: String?
    /// Results (`succeeded`).
    public var videos: [TaskVideo]?
    /// The downloaded file (`downloaded`).
    public var file: DownloadedFile?

    /// Creates a record stamped with the current time.
    public init(
        event: JournalEvent, route: Route?, backend: Backend? = nil, baseURL: String? = nil,
        bodySHA256: String? = nil, contentSHA256: String? = nil, bodyPath: String? = nil,
        externalTaskID: String? = nil, take: Int? = nil,
        taskID: String? = nil, status: String? = nil, message: String? = nil, videos: [TaskVideo]? = nil,
        cost: String? = nil, file: DownloadedFile? = nil, time: Date = Date()
    ) {
        self.version = 1
        self.klingprepVersion = KlingPrepVersion.current
        self.time = Self.timestamp(time)
        self.event = event
        self.route = route
        self.backend = backend
        self.baseURL = baseURL
        self.bodySHA256 = bodySHA256
        self.contentSHA256 = contentSHA256
        self.take = take
        self.cost = cost
        self.bodyPath = bodyPath
        self.externalTaskID = externalTaskID
        self.taskID = taskID
        self.status = status
        self.message = message
        self.videos = videos
        self.file = file
    }

    enum CodingKeys: String, CodingKey {
        case version = "v"
        case time, event, route, backend, status, message, videos, file, take, cost
        case baseURL = "base_url"
        case bodySHA256 = "body_sha256"
        case contentSHA256 = "content_sha256"
        case bodyPath = "body_path"
        case externalTaskID = "external_task_id"
        case taskID = "task_id"
        case klingprepVersion = "klingprep_version"
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// A video saved on disk.
public struct DownloadedFile: Sendable, Equatable, Codable {
    /// The service's video id.
    public let videoID: String
    /// Absolute path of the file.
    public let path: String
    /// Its size in bytes.
    public let bytes: Int64
    /// SHA-256 of its bytes (hex).
    public let sha256: String

    /// Creates a record of a downloaded file.
    public init(videoID: String, path: String, bytes: Int64, sha256: String) {
        self.videoID = videoID
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case videoID = "video_id"
        case path, bytes, sha256
    }
}
