import Foundation
import KlingCheck
import KlingFakeService
import Synchronization
import Testing
@testable import KlingSubmit

/// CometAPI's documented endpoint, for journal matching in unit tests.
let cometEndpoint: ServiceEndpoint = {
    // swift-format-ignore: NeverUseForceTry
    try! ServiceEndpoint(baseURL: ServiceEndpoint.defaultBaseURL)
}()

/// The key used in every test; tests grep outputs for it.
let testKey = "sk-test-SECRET-7f3a9c1e"
/// Kling's access key and secret key in tests; tests grep outputs for them too.
let testAccessKey = "AK-test-ACCESS-41c9e2"
let testSecretKey = "SK-test-SECRETKEY-93b0d7"

/// Records requested delays and returns almost at once.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])

    var recorded: [Duration] { delays.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            delays.withLock { $0.append(duration) }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}

/// Collects events.
final class EventLog: Sendable {
    private let events = Mutex<[SubmitEvent]>([])
    var all: [SubmitEvent] { events.withLock { $0 } }
    var report: @Sendable (SubmitEvent) -> Void { { [self] e in events.withLock { $0.append(e) } } }
}

/// A scratch directory removed at deinit.
final class Scratch: Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("klingprep-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes a valid request body (two tiny base64 images) and returns its URL.
    func body(_ name: String = "request.json", externalID: String? = nil, image: String? = nil, extra: String = "")
        throws -> URL
    {
        let b64 = image ?? Data("not really a png".utf8).base64EncodedString()
        var members = [
            "\"model_name\":\"kling-v1-6\"", "\"duration\":\"5\"",
            "\"image_list\":[{\"image\":\"\(b64)\"},{\"image\":\"\(b64)\"}]", "\"prompt\":\"walk\(extra)\"",
        ]
        if let externalID { members.append("\"external_task_id\":\"\(externalID)\"") }
        let url = file(name)
        try Data(("{" + members.joined(separator: ",") + "}").utf8).write(to: url)
        return url
    }

    /// Writes a body with the given top-level members (JSON text each) and returns its URL; a
    /// member of `extra` replaces the member of `members` with the same key.
    func body(_ name: String, members: [String], extra: [String] = []) throws -> URL {
        func key(_ member: String) -> Substring { member.prefix { $0 != ":" } }
        let replaced = Set(extra.map(key))
        let all = members.filter { !replaced.contains(key($0)) } + extra
        let url = file(name)
        try Data(("{" + all.joined(separator: ",") + "}").utf8).write(to: url)
        return url
    }

    /// A tiny base64 "picture" (the fake checks syntax, not pixels).
    static let picture = Data("not really a png".utf8).base64EncodedString()

    /// The motion brush as api.md documents it: a static mask and one dynamic group.
    static let brushMembers = [
        "\"static_mask\":\"\(picture)\"",
        "\"dynamic_masks\":[{\"mask\":\"\(picture)\",\"trajectories\":[{\"x\":10,\"y\":20},{\"x\":40,\"y\":20}]}]",
    ]

    /// An image2video body (one `image`), with `extra` members.
    func image2videoBody(_ name: String = "i2v.json", extra: [String] = []) throws -> URL {
        try body(
            name,
            members: [
                "\"model_name\":\"kling-v1\"", "\"mode\":\"pro\"", "\"duration\":\"5\"",
                "\"image\":\"\(Self.picture)\"", "\"prompt\":\"the arm rises\"",
            ], extra: extra)
    }

    /// A multi-image2video body (`image_list` of two), with `extra` members.
    func multiImageBody(_ name: String = "multi.json", extra: [String] = []) throws -> URL {
        try body(
            name,
            members: [
                "\"model_name\":\"kling-v1-6\"", "\"duration\":\"5\"",
                "\"image_list\":[{\"image\":\"\(Self.picture)\"},{\"image\":\"\(Self.picture)\"}]",
                "\"prompt\":\"walk\"",
            ], extra: extra)
    }
}

/// A running fake service plus a client and submitter wired to it with fast timings.
struct Harness: Sendable {
    let service: FakeKlingService
    let client: KlingClient
    let sleeps: SleepRecorder
    let events: EventLog
    let scratch: Scratch

    static func start(
        requestTimeout: Duration = .seconds(15), timeline: FakeTimeline = FakeTimeline(),
        key: String = testKey, maxAttempts: Int = 6, backend: Backend = .cometapi, concurrencyLimit: Int? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Harness {
        let fakeBackend: FakeBackend =
            backend == .kling
            ? .kling(accessKey: testAccessKey, secretKey: testSecretKey) : .cometapi(apiKey: testKey)
        let service = FakeKlingService(
            backend: fakeBackend, timeline: timeline, videoBytes: 48 * 1024, concurrencyLimit: concurrencyLimit)
        try await service.start()
        let sleeps = SleepRecorder()
        let settings = ClientSettings(
            requestTimeout: requestTimeout, uploadTimeout: requestTimeout, connectTimeout: .seconds(10),
            downloadTimeout: requestTimeout,
            retry: RetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(50), sleep: sleeps.sleep))
        let credentials: Credentials =
            backend == .kling
            ? .kling(try KlingKeys(accessKey: testAccessKey, secretKey: key == testKey ? testSecretKey : key))
            : .apiKey(try APIKey(key))
        let client = KlingClient(
            endpoint: try ServiceEndpoint(baseURL: service.baseURL, backend: backend), credentials: credentials,
            settings: settings, now: now)
        return Harness(service: service, client: client, sleeps: sleeps, events: EventLog(), scratch: try Scratch())
    }

    /// Another client of the same service and credentials with `attempts` attempts per request.
    static func withAttempts(_ h: Harness, _ attempts: Int) -> KlingClient {
        KlingClient(
            endpoint: h.client.endpoint, credentials: h.client.authorizer.credentials,
            settings: ClientSettings(
                retry: RetryPolicy(maxAttempts: attempts, initialDelay: .milliseconds(10), sleep: h.sleeps.sleep)))
    }

    var poll: PollSchedule {
        PollSchedule(initial: .milliseconds(20), maximum: .milliseconds(60), factor: 1.5)
    }

    func submitter(journal: Journal? = nil) -> Submitter {
        Submitter(
            client: client, journal: journal ?? Journal(url: scratch.file("journal.jsonl")), poll: poll,
            report: events.report)
    }

    var journal: Journal { Journal(url: scratch.file("journal.jsonl")) }

    func stop() async {
        try? await client.shutdown()
        await service.stop()
    }

    /// Every text a run produced that could leak the key, the key pair or a token the service
    /// was shown.
    func assertNoKey(_ extra: [String] = []) throws -> Bool {
        let journalText = (try? String(contentsOf: journal.url, encoding: .utf8)) ?? ""
        let eventText = events.all.map { String(describing: $0) }.joined()
        let text = journalText + eventText + extra.joined()
        let secrets =
            [testKey, testAccessKey, testSecretKey]
            + service.presentedTokens.map { $0.replacingOccurrences(of: "Bearer ", with: "") }
        return !secrets.contains { !$0.isEmpty && text.contains($0) }
    }
}

/// The service's refusal that `work` ends with, or `nil` (an issue is recorded) when it ends
/// otherwise.
func serviceRefusal(_ work: () async throws -> Void) async -> ServiceFailure? {
    do {
        try await work()
        Issue.record("expected the service to refuse")
    } catch SubmitError.service(let failure) {
        return failure
    } catch {
        Issue.record("unexpected \(error)")
    }
    return nil
}
