import Foundation

/// One callback as the service POSTs it (api.md, "Callback"): the flat task object, taken as a
/// hint only. Nothing in it is trusted: the task is confirmed by querying it with our own
/// credentials (``Submitter/confirm(taskID:outputDirectory:)``).
///
/// Decoding accepts `task_id` as a string or a number, `created_at`/`updated_at` as numbers or
/// strings, and unknown members (`task_info` and `task_result` as ``KlingTask`` reads them); it refuses anything else (a missing or empty `task_id`, a
/// `task_status` that is not a string, members of the wrong type).
public struct CallbackHint: Sendable, Equatable, Decodable {
    /// The longest task id accepted, in UTF-8 bytes.
    public static let maximumTaskIDBytes = 256

    /// The service's task id.
    public let taskID: String
    /// The status the callback claims (a hint; never recorded as such).
    public let status: TaskStatus
    /// The service's `task_status_msg`, when present and not empty.
    public let statusMessage: String?
    /// `task_info.external_task_id`, when present.
    public let externalTaskID: String?
    /// `created_at` as sent (milliseconds since 1970, as a number or a string).
    public let createdAt: String?
    /// `updated_at` as sent (milliseconds since 1970, as a number or a string).
    public let updatedAt: String?
    /// `task_result.videos[]`, when present.
    public let videos: [TaskVideo]

    /// Creates a hint (for tests and callers that build one themselves).
    public init(
        taskID: String, status: TaskStatus, statusMessage: String? = nil, externalTaskID: String? = nil,
        createdAt: String? = nil, updatedAt: String? = nil, videos: [TaskVideo] = []
    ) {
        self.taskID = taskID
        self.status = status
        self.statusMessage = statusMessage
        self.externalTaskID = externalTaskID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.videos = videos
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status = "task_status"
        case statusMessage = "task_status_msg"
        case taskInfo = "task_info"
        case taskResult = "task_result"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try Self.stringOrNumber(c, .taskID), !id.isEmpty, id.utf8.count <= Self.maximumTaskIDBytes,
            !id.contains(where: { $0.isNewline || $0 == "/" })
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .taskID, in: c, debugDescription: "task_id is missing, empty, too long or has '/'")
        }
        taskID = id
        status = try c.decode(TaskStatus.self, forKey: .status)
        statusMessage = try c.decodeIfPresent(String.self, forKey: .statusMessage).flatMap { $0.isEmpty ? nil : $0 }
        externalTaskID = try c.decodeIfPresent(KlingTask.Info.self, forKey: .taskInfo)?.externalTaskID
        videos = try c.decodeIfPresent(KlingTask.Result.self, forKey: .taskResult)?.videos ?? []
        createdAt = try Self.stringOrNumber(c, .createdAt)
        updatedAt = try Self.stringOrNumber(c, .updatedAt)
    }

    /// The member `key` as text when it is a string or a number; `nil` when absent or null.
    ///
    /// - Throws: `DecodingError.typeMismatch` for any other JSON value.
    static func stringOrNumber(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        if let text = try? c.decode(String.self, forKey: key) { return text }
        if let integer = try? c.decode(Int64.self, forKey: key) { return String(integer) }
        if let number = try? c.decode(Double.self, forKey: key), number.isFinite {
            return number == number.rounded() && abs(number) < 1e18 ? String(Int64(number)) : String(number)
        }
        throw DecodingError.typeMismatch(
            String.self,
            DecodingError.Context(codingPath: c.codingPath + [key], debugDescription: "expected a string or a number"))
    }

    /// Decodes a callback body.
    ///
    /// - Returns: `nil` when `body` is not a JSON object of the documented shape.
    public static func decode(_ body: some Sequence<UInt8>) -> CallbackHint? {
        let data = Data(body)
        guard data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else { return nil }
        return try? JSONDecoder().decode(CallbackHint.self, from: data)
    }
}
