import Foundation

/// The state of a task at the service (api.md, "Follow a task").
public enum TaskStatus: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// Accepted, not started.
    case submitted
    /// Being generated.
    case processing
    /// Done; `task_result.videos` holds the output.
    case succeed
    /// Done without output; `task_status_msg` says why.
    case failed
    /// A value this client does not know, kept verbatim.
    case other(String)

    /// Creates a status from the service's string.
    public init(rawValue: String) {
        switch rawValue {
        case "submitted": self = .submitted
        case "processing": self = .processing
        case "succeed": self = .succeed
        case "failed": self = .failed
        default: self = .other(rawValue)
        }
    }

    /// The service's string.
    public var rawValue: String {
        switch self {
        case .submitted: return "submitted"
        case .processing: return "processing"
        case .succeed: return "succeed"
        case .failed: return "failed"
        case .other(let value): return value
        }
    }

    /// Whether the task will not change any more.
    public var isFinal: Bool { self == .succeed || self == .failed }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One generated video (`task_result.videos[]`).
public struct TaskVideo: Sendable, Equatable, Codable {
    /// The service's video id.
    public let id: String
    /// Where to download it; it expires after some time.
    public let url: String
    /// Length in seconds, as the service writes it (a string such as `"5.1"`).
    public let duration: String?

    /// Creates a video record.
    public init(id: String, url: String, duration: String?) {
        self.id = id
        self.url = url
        self.duration = duration
    }

    enum CodingKeys: String, CodingKey { case id, url, duration }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeLossyString(forKey: .id) ?? ""
        url = try c.decode(String.self, forKey: .url)
        duration = try c.decodeLossyString(forKey: .duration)
    }
}

/// A task as the service reports it (`data` of the create and query answers).
public struct KlingTask: Sendable, Equatable, Codable {
    /// The service's task id.
    public let taskID: String
    /// The current state.
    public let status: TaskStatus
    /// Why it failed, when it did.
    public let statusMessage: String?
    /// The caller's id for the task (`task_info.external_task_id`).
    public let externalTaskID: String?
    /// The videos, once the task succeeded.
    public let videos: [TaskVideo]
    /// Creation time in milliseconds since 1970.
    public let createdAtMilliseconds: Int64?
    /// Last update in milliseconds since 1970.
    public let updatedAtMilliseconds: Int64?
    /// What the task cost (`final_unit_deduction`, as the service writes it, e.g. `"1.5"`), when
    /// the service reports it (api.md, "Follow a task": extra fields may appear).
    public let finalUnitDeduction: String?

    /// Creates a task record.
    public init(
        taskID: String, status: TaskStatus, statusMessage: String? = nil, externalTaskID: String? = nil,
        videos: [TaskVideo] = [], createdAtMilliseconds: Int64? = nil, updatedAtMilliseconds: Int64? = nil,
        finalUnitDeduction: String? = nil
    ) {
        self.taskID = taskID
        self.status = status
        self.statusMessage = statusMessage
        self.externalTaskID = externalTaskID
        self.videos = videos
        self.createdAtMilliseconds = createdAtMilliseconds
        self.updatedAtMilliseconds = updatedAtMilliseconds
        self.finalUnitDeduction = finalUnitDeduction
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case status = "task_status"
        case statusMessage = "task_status_msg"
        case taskInfo = "task_info"
        case taskResult = "task_result"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finalUnitDeduction = "final_unit_deduction"
    }

    struct Info: Codable {
        var externalTaskID: String?
        enum CodingKeys: String, CodingKey { case externalTaskID = "external_task_id" }
    }

    struct Result: Codable {
        var videos: [TaskVideo]?
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try c.decodeLossyString(forKey: .taskID), !id.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .taskID, in: c, debugDescription: "task_id is missing or empty")
        }
        taskID = id
        status = try c.decode(TaskStatus.self, forKey: .status)
        statusMessage = try c.decodeIfPresent(String.self, forKey: .statusMessage).flatMap { $0.isEmpty ? nil : $0 }
        externalTaskID = try c.decodeIfPresent(Info.self, forKey: .taskInfo)?.externalTaskID
        videos = try c.decodeIfPresent(Result.self, forKey: .taskResult)?.videos ?? []
        // Numbers, or strings of digits as some clients see them (api.md, "Follow a task").
        createdAtMilliseconds = try c.decodeLossyString(forKey: .createdAt).flatMap(Self.milliseconds)
        updatedAtMilliseconds = try c.decodeLossyString(forKey: .updatedAt).flatMap(Self.milliseconds)
        finalUnitDeduction = try c.decodeLossyString(forKey: .finalUnitDeduction)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(taskID, forKey: .taskID)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(statusMessage, forKey: .statusMessage)
        try c.encode(Info(externalTaskID: externalTaskID), forKey: .taskInfo)
        if !videos.isEmpty { try c.encode(Result(videos: videos), forKey: .taskResult) }
        try c.encodeIfPresent(createdAtMilliseconds, forKey: .createdAt)
        try c.encodeIfPresent(updatedAtMilliseconds, forKey: .updatedAt)
        try c.encodeIfPresent(finalUnitDeduction, forKey: .finalUnitDeduction)
    }

    /// Milliseconds from a decimal text (`"1722000000000"`, `"1722000000000.0"`); `nil` otherwise.
    static func milliseconds(_ text: String) -> Int64? {
        if let whole = Int64(text) { return whole }
        guard let value = Double(text), value.isFinite, abs(value) < 9e15 else { return nil }
        return Int64(value)
    }
}

/// The envelope every answer comes in: `code`, `message`, `request_id`, `data`.
struct Envelope<Payload: Decodable>: Decodable {
    let code: Int
    let message: String?
    let requestID: String?
    let data: Payload?

    enum CodingKeys: String, CodingKey {
        case code, message, data
        case requestID = "request_id"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(Int.self, forKey: .code)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        requestID = try c.decodeLossyString(forKey: .requestID)
        // Error answers may carry `data: {}` or `data: null`; only decode data on success.
        data = code == 0 ? try c.decodeIfPresent(Payload.self, forKey: .data) : nil
    }
}

/// The envelope without its payload, for reading error answers.
struct BareEnvelope: Decodable {
    let code: Int
    let message: String?
    let requestID: String?

    enum CodingKeys: String, CodingKey {
        case code, message
        case requestID = "request_id"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(Int.self, forKey: .code)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        requestID = try c.decodeLossyString(forKey: .requestID)
    }
}

extension KeyedDecodingContainer {
    /// Reads a string that some services send as a number.
    func decodeLossyString(forKey key: Key) throws -> String? {
        if let s = try? decodeIfPresent(String.self, forKey: key) { return s }
        if let i = try? decodeIfPresent(Int64.self, forKey: key) { return String(i) }
        if let d = try? decodeIfPresent(Double.self, forKey: key) { return String(d) }
        return nil
    }
}
