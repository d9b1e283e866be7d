import Foundation
import Synchronization

/// One task held by the fake service.
struct FakeTask: Sendable {
    let taskID: String
    let route: FakeAPIRoute
    let externalID: String?
    let createdAt: ContinuousClock.Instant
    let createdAtMilliseconds: Int64
    let fate: FakeTaskFate
}

/// Everything the fake service remembers, behind one lock.
struct FakeState: Sendable {
    var tasks: [FakeTask] = []
    var createdPerExternalID: [String: Int] = [:]
    var faults: [FakeRoute: [FakeFault]] = [:]
    var requests: [FakeRoute: Int] = [:]
    var requestsPerAPIRoute: [FakeAPIRoute: [FakeRoute: Int]] = [:]
    var refusals: [String] = []
    var authorizationFailures = 0
    var nextFate: [FakeTaskFate] = []
    var nextID: Int64 = 861_309_198_188_019_700
    var seenAuthorizationValues: Set<String> = []
    var switches = FakeSwitches()
    /// Every bearer token presented to the Kling backend, in order.
    var presentedTokens: [String] = []
    var authorizationFailuresByCode: [Int: Int] = [:]
    var lookups: [FakeLookupForm: Int] = [:]
    var concurrencyRefusals = 0
    var downloadRedirectsServed = 0
    var callbacks: [FakeCallbackRecord] = []

    mutating func takeFault(_ route: FakeRoute) -> FakeFault? {
        guard var queue = faults[route], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[route] = queue
        return fault
    }
}

/// Timing of the task life cycle: submitted → processing → succeed/failed.
public struct FakeTimeline: Sendable {
    /// Time spent in `submitted`.
    public var submitted: Duration
    /// Time spent in `processing`.
    public var processing: Duration

    /// Creates a timeline (defaults: 150 ms, 300 ms).
    public init(submitted: Duration = .milliseconds(150), processing: Duration = .milliseconds(300)) {
        self.submitted = submitted
        self.processing = processing
    }
}

extension FakeTask {
    /// The status at `now` on the timeline.
    func status(at now: ContinuousClock.Instant, timeline: FakeTimeline) -> String {
        let age = now - createdAt
        if age < timeline.submitted { return "submitted" }
        if age < timeline.submitted + timeline.processing { return "processing" }
        switch fate {
        case .succeed: return "succeed"
        case .fail: return "failed"
        }
    }

    /// The units a succeeded task reports in `final_unit_deduction`.
    ///
    /// Assumption: api.md says only that the field "may appear"; the fake sends it on success,
    /// as a string (like `duration`), with this value.
    static let finalUnitDeduction = "1.5"

    /// The task as the API's `data` object; with `stringTimestamps`, `created_at` and
    /// `updated_at` are decimal strings of the milliseconds (api.md: "some clients see them as
    /// strings"; the exact string form is an assumption).
    func json(
        at now: ContinuousClock.Instant, timeline: FakeTimeline, baseURL: String, stringTimestamps: Bool = false
    ) -> [String: Any] {
        let status = status(at: now, timeline: timeline)
        let ageMs =
            Int64((now - createdAt).components.seconds * 1000)
            + Int64((now - createdAt).components.attoseconds / 1_000_000_000_000_000)
        let updated = createdAtMilliseconds + ageMs
        var object: [String: Any] = [
            "task_id": taskID,
            "task_status": status,
            "task_info": externalID.map { ["external_task_id": $0] } ?? [String: Any](),
            "created_at": stringTimestamps ? String(createdAtMilliseconds) : createdAtMilliseconds,
            "updated_at": stringTimestamps ? String(updated) : updated,
        ]
        if status == "failed", case .fail(let message) = fate { object["task_status_msg"] = message }
        if status == "succeed" {
            object["task_result"] = [
                "videos": [["id": "video-\(taskID)", "url": "\(baseURL)/videos/\(taskID)/1.mp4", "duration": "5.1"]]
            ]
            object["final_unit_deduction"] = Self.finalUnitDeduction
        }
        return object
    }

    /// Whether the task still holds a concurrency slot at `now` (submitted or processing).
    func isRunning(at now: ContinuousClock.Instant, timeline: FakeTimeline) -> Bool {
        now - createdAt < timeline.submitted + timeline.processing
    }
}
