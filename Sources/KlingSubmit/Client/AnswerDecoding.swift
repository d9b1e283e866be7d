import Foundation
import NIOCore
import NIOHTTP1

/// The service-answer decoder alone, for the fuzz targets and their regression tests: no
/// networking, no retries; only ``ResponseReader`` on one raw answer.
@_spi(Fuzzing) public enum AnswerDecoding {
    /// How one raw answer read for one payload type.
    public enum Reading: Sendable, Equatable {
        /// The documented envelope with a payload; `summary` names what was read.
        case success(summary: String)
        /// A classified failure.
        case failure(SubmitError)
    }

    /// How one raw answer read as a task (follow), a task list (listing) and a lookup's task or
    /// list.
    public struct Readings: Sendable, Equatable {
        /// As the answer of `GET {path}/{task_id}`.
        public var task: Reading
        /// As the answer of the listing route.
        public var list: Reading
        /// As the answer of a lookup by external id (one task or a list).
        public var lookup: Reading
    }

    /// Reads `body` answered with `status` (and an optional `Retry-After`) by
    /// ``ResponseReader`` as a task, as a task list and as a lookup answer, redacting `secrets`.
    public static func decode(
        status: Int, body: [UInt8], retryAfter: String? = nil, secrets: [String] = []
    ) -> Readings {
        var headers = HTTPHeaders()
        if let retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
        let raw = RawResponse(status: status, headers: headers, body: ByteBuffer(bytes: body))
        let endpoint = "/kling/v1/videos/image2video"
        let task = reading(ResponseReader.read(raw, as: KlingTask.self, endpoint: endpoint, redacting: secrets)) {
            "task \($0.taskID) \($0.status)"
        }
        let list = reading(ResponseReader.read(raw, as: [KlingTask].self, endpoint: endpoint, redacting: secrets)) {
            "\($0.count) tasks"
        }
        let lookup = reading(ResponseReader.read(raw, as: TaskOrList.self, endpoint: endpoint, redacting: secrets)) {
            switch $0 {
            case .one(let task): "task \(task.taskID)"
            case .many(let tasks): "\(tasks.count) tasks"
            }
        }
        return Readings(task: task, list: list, lookup: lookup)
    }

    /// The secret ``decode(fuzzInput:)`` redacts; it must reach no text.
    public static let fuzzSecret = "sk-fuzz-SECRET"

    /// Reads one input of the fuzz target (Fuzz/FuzzAnswer) and of its regression fixtures
    /// (fixtures/fuzz/FuzzAnswer): the first two bytes pick the status, 100 + (b0 << 8 | b1) % 500,
    /// the rest is the body; an odd first byte adds `Retry-After: 2`; ``fuzzSecret`` is redacted.
    /// `nil` for an input shorter than two bytes.
    public static func decode(fuzzInput bytes: [UInt8]) -> Readings? {
        guard bytes.count >= 2 else { return nil }
        let status = 100 + (Int(bytes[0]) << 8 | Int(bytes[1])) % 500
        return decode(
            status: status, body: Array(bytes.dropFirst(2)), retryAfter: bytes[0] & 1 == 0 ? nil : "2",
            secrets: [fuzzSecret])
    }

    private static func reading<Payload>(_ answer: Answer<Payload>, summary: (Payload) -> String) -> Reading {
        switch answer {
        case .success(let payload): .success(summary: summary(payload))
        case .failure(let error, _, _): .failure(error)
        }
    }
}
