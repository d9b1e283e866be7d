import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// One callback the fake POSTed, and what came back.
public struct FakeCallbackRecord: Sendable, Equatable {
    /// Where it went.
    public let url: String
    /// The JSON text sent.
    public let body: String
    /// The body's `task_status`, when it has one.
    public let taskStatus: String?
    /// The receiver's HTTP status, or `nil` when sending failed.
    public let httpStatus: Int?
    /// Why sending failed, or `nil`.
    public let error: String?
}

/// Callbacks (api.md, "Callback"): on each status change the fake POSTs the flat task object
/// to the create body's `callback_url`.
///
/// Assumptions: the flat object is the same as the query's `data` (with `task_status_msg`
/// always present, empty unless the task failed); the first callback (`submitted`) leaves at
/// creation, possibly before the create answer; a callback's HTTP answer changes nothing (no
/// retry on failure); there is no signature header (none is defined).
extension FakeKlingService {
    /// Everything sent so far, in order.
    public var callbacksSent: [FakeCallbackRecord] { state.withLock { $0.callbacks } }

    /// Waits until every scheduled callback has been sent (or failed).
    public func awaitCallbacks() async {
        let tasks = callbackTasks.withLock { $0.tasks }
        for task in tasks { await task.value }
    }

    /// POSTs `json` to `url` now, as the service would, records it and returns the record (for
    /// callbacks about tasks the client does not know, or hand-made bodies). A receiver that
    /// cannot be reached is retried by the HTTP client until `timeout`.
    @discardableResult
    public func sendCallback(
        to url: String, json: String, timeout: Duration = .seconds(5)
    ) async -> FakeCallbackRecord {
        let status = (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["task_status"]
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let record: FakeCallbackRecord
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: TimeAmount(timeout))
            _ = try? await response.body.collect(upTo: 1 << 20)
            record = FakeCallbackRecord(
                url: url, body: json, taskStatus: status as? String, httpStatus: Int(response.status.code), error: nil)
        } catch {
            record = FakeCallbackRecord(
                url: url, body: json, taskStatus: status as? String, httpStatus: nil, error: String(describing: error))
        }
        state.withLock { $0.callbacks.append(record) }
        return record
    }

    /// Sends `task`'s callbacks along the timeline: submitted at creation, processing after
    /// `timeline.submitted`, the final status after `submitted + processing`; each
    /// ``callbackRepeats`` times; with ``callbackReorder``, all at the final time, final first.
    func scheduleCallbacks(for task: FakeTask, to url: String) {
        let switches = state.withLock { $0.switches }
        let changes = [Duration.zero, timeline.submitted, timeline.submitted + timeline.processing]
        let order = switches.callbackReorder ? [2, 0, 1] : [0, 1, 2]
        let bodies = changes.map { callbackBody(task, at: task.createdAt + $0, strings: switches.timestampsAsStrings) }
        let work = Task<Void, Never> {
            for index in order {
                let due = task.createdAt + changes[switches.callbackReorder ? 2 : index]
                do { try await Task.sleep(until: due, clock: .continuous) } catch { return }
                for _ in 0..<max(1, switches.callbackRepeats) {
                    if Task.isCancelled { return }
                    await sendCallback(to: url, json: bodies[index])
                }
            }
        }
        let accepted = callbackTasks.withLock { tasks -> Bool in
            guard !tasks.stopped else { return false }
            tasks.tasks.append(work)
            return true
        }
        if !accepted { work.cancel() }
    }

    /// The flat callback object for `task` as of `instant`.
    func callbackBody(_ task: FakeTask, at instant: ContinuousClock.Instant, strings: Bool) -> String {
        var object = task.json(at: instant, timeline: timeline, baseURL: baseURL, stringTimestamps: strings)
        if object["task_status_msg"] == nil { object["task_status_msg"] = "" }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Cancels every pending callback and waits for them (from ``stop()``).
    func stopCallbacks() async {
        let tasks = callbackTasks.withLock { state -> [Task<Void, Never>] in
            state.stopped = true
            return state.tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

/// The callback tasks of a service.
struct FakeCallbackTasks: Sendable {
    var tasks: [Task<Void, Never>] = []
    var stopped = false
}
