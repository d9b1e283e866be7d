import Foundation
import KlingCheck

/// Turns ``SubmitEvent``s into text for people (stderr) or JSON lines for machines (stdout).
/// Pure formatting: the caller decides where lines go and whether to use `\r` (TTY only).
public enum ProgressFormatter {
    /// A line for people, or `nil` for events that need none.
    public static func text(_ event: SubmitEvent) -> String? {
        switch event {
        case .prepared(let id, _, let derived, let take):
            let origin = derived ? " (derived from the body" + (take > 1 ? ", take \(take))" : ")") : ""
            return "external_task_id \(id)\(origin)"
        case .sending(_, let route, let bytes):
            return "Sending \(bytes) bytes to \(route.rawValue)"
        case .lookupInconclusive(let id, let reason):
            return
                "warning: the lookup of external_task_id \(id) could not tell whether it exists (\(reason)); no attempt is recorded here, so it is sent — an attempt from another machine or journal cannot be ruled out"
        case .concurrencyLimited(let attempt):
            return "The account is at its concurrency limit (code 1303, answer \(attempt)); waiting before creating"
        case .waitingForOwnTasks(let running, let delay):
            let what = running == 0 ? "no task of ours is running" : "\(running) of our tasks running"
            return "Waiting \(SubmitError.format((delay * 10).rounded() / 10)) s (\(what)) before creating again"
        case .waitingForSameBody:
            return "Waiting: another submission sharing this journal is creating the task for the same body"
        case .resumed(let id, let taskID):
            if let taskID { return "Resuming task \(taskID) (external_task_id \(id)) from the journal" }
            return "Resuming external_task_id \(id) from the journal: looking it up before sending"
        case .created(let taskID, _):
            return "Created task \(taskID)"
        case .adopted(let taskID, let id):
            return "Adopted existing task \(taskID) for external_task_id \(id) (not sent twice)"
        case .retrying(let endpoint, let attempt, let delay, let reason):
            return
                "Retrying \(endpoint) (attempt \(attempt)) in \(SubmitError.format((delay * 10).rounded() / 10)) s: \(reason)"
        case .status(let progress):
            return statusLine(progress)
        case .downloaded(let file):
            return "Saved \(file.path) (\(file.bytes) bytes)"
        case .alreadyDownloaded(let file):
            return "Already saved: \(file.path) (\(file.bytes) bytes)"
        }
    }

    /// `[mm:ss] status  task ID`, with the service's message when there is one.
    public static func statusLine(_ progress: TaskProgress) -> String {
        let total = Int(progress.elapsedSeconds)
        let clock = String(format: "%02d:%02d", total / 60, total % 60)
        let message = progress.message.map { " — \($0)" } ?? ""
        return
            "[\(clock)] \(progress.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) task \(progress.taskID)\(message)"
    }

    /// A JSON line (`{"event":…}`) for `--json` status streams, or `nil` for events not streamed.
    public static func jsonLine(_ event: SubmitEvent) -> String? {
        let payload: [String: JSONValue]
        switch event {
        case .status(let p):
            payload = [
                "event": .string("status"), "task_id": .string(p.taskID), "status": .string(p.status.rawValue),
                "elapsed_s": .number((p.elapsedSeconds * 10).rounded() / 10),
                "message": p.message.map(JSONValue.string) ?? .null,
            ]
        case .created(let taskID, let id):
            payload = ["event": .string("created"), "task_id": .string(taskID), "external_task_id": .string(id)]
        case .adopted(let taskID, let id):
            payload = ["event": .string("adopted"), "task_id": .string(taskID), "external_task_id": .string(id)]
        case .downloaded(let file), .alreadyDownloaded(let file):
            payload = [
                "event": .string("downloaded"), "path": .string(file.path), "bytes": .number(Double(file.bytes)),
                "video_id": .string(file.videoID),
            ]
        case .lookupInconclusive(let id, let reason):
            payload = [
                "event": .string("lookup_inconclusive"), "external_task_id": .string(id), "reason": .string(reason),
            ]
        case .concurrencyLimited(let attempt):
            payload = ["event": .string("concurrency_limited"), "attempt": .number(Double(attempt))]
        case .prepared, .resumed, .retrying, .sending, .waitingForOwnTasks, .waitingForSameBody:
            return nil
        }
        return encode(payload)
    }

    /// Encodes any `Encodable` value as one line of JSON with sorted keys.
    public static func jsonDocument<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    enum JSONValue: Encodable {
        case string(String)
        case number(Double)
        case null

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let n):
                if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
            case .null: try c.encodeNil()
            }
        }
    }

    static func encode(_ payload: [String: JSONValue]) -> String { jsonDocument(payload) }
}
