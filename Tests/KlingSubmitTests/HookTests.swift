import AsyncHTTPClient
import Foundation
import KlingCheck
import KlingFakeService
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
@testable import KlingSubmit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects hook events.
final class HookEventLog: Sendable {
    private let events = Mutex<[HookEvent]>([])
    var all: [HookEvent] { events.withLock { $0 } }
    var report: @Sendable (HookEvent) -> Void { { [self] e in events.withLock { $0.append(e) } } }
}

/// A fake service, a journal that knows one seeded task, a running hook server on
/// 127.0.0.1:0 and an HTTP client to post callbacks with.
struct HookHarness: Sendable {
    let base: Harness
    let state: HookState
    let server: HookServer
    let http: HTTPClient
    let events: HookEventLog
    /// The seeded task the journal knows (multi-image2video, succeeds at once).
    let taskID: String
    let externalID = "hook-job-1"

    var output: URL { base.scratch.file("videos") }
    var service: FakeKlingService { base.service }
    var journal: Journal { base.journal }
    var url: String { "http://127.0.0.1:\(server.address.port)" }

    /// Posts `body` to `path` (the secret path by default); returns the status and body.
    func post(_ body: [UInt8], path: String? = nil, method: HTTPMethod = .POST) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url + (path ?? state.secretPath))
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json")
        if method == .POST { request.body = .bytes(body) }
        let response = try await http.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    /// Posts a callback in the documented flat shape.
    func callback(taskID: String, status: String, numericID: Bool = false) async throws -> (Int, String) {
        try await post(Array(Self.callbackJSON(taskID: taskID, status: status, numericID: numericID).utf8))
    }

    static func callbackJSON(taskID: String, status: String, numericID: Bool = false, externalID: String = "x")
        -> String
    {
        let id = numericID ? taskID : "\"\(taskID)\""
        var videos = ""
        if status == "succeed" {
            videos = #","task_result":{"videos":[{"id":"v1","url":"https://example.invalid/v.mp4","duration":"5.1"}]}"#
        }
        return #"{"task_id":\#(id),"task_status":"\#(status)","task_status_msg":"","created_at":1722769557708,"#
            + #""updated_at":"1722769557999","task_info":{"external_task_id":"\#(externalID)"}\#(videos)}"#
    }

    /// Runs `body` with a fresh hook and always stops everything.
    static func with(
        configure: (inout HookServerConfiguration) -> Void = { _ in }, _ body: (HookHarness) async throws -> Void
    ) async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .zero, processing: .zero)) { h in
            let taskID = try #require(h.service.seedTask(on: .multiImage2video, externalID: "hook-job-1"))
            try h.journal.append(
                JournalRecord(
                    event: .prepared, route: .multiImage2video, bodySHA256: "ab", externalTaskID: "hook-job-1"))
            try h.journal.append(
                JournalRecord(
                    event: .created, route: .multiImage2video, bodySHA256: "ab", externalTaskID: "hook-job-1",
                    taskID: taskID, status: "submitted"))
            let state = try HookState.loadOrCreate(at: h.scratch.file("state/hook.json"))
            let events = HookEventLog()
            let processor = CallbackProcessor(
                submitter: h.submitter(), outputDirectory: h.scratch.file("videos"), report: events.report)
            var configuration = HookServerConfiguration(
                address: HookListenAddress(host: "127.0.0.1", port: 0), secretPath: state.secretPath)
            configure(&configuration)
            let server = try await HookServer.start(
                configuration: configuration, processor: processor, report: events.report)
            var http = HTTPClient.Configuration(timeout: .init(connect: .seconds(2)))
            http.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 250)
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
            let hook = HookHarness(
                base: h, state: state, server: server, http: client, events: events, taskID: taskID)
            do {
                try await body(hook)
            } catch {
                try? await client.shutdown()
                await server.shutdown()
                throw error
            }
            try await client.shutdown()
            await server.shutdown()
            // Nothing logged names the secret or the key.
            let logged = events.all.map { String(describing: $0) }.joined() + String(describing: state)
            #expect(!logged.contains(state.secretPath.dropFirst(6)))
            #expect(!logged.contains(testKey))
            #expect(try h.assertNoKey())
        }
    }

    func journalBytes() throws -> Data { (try? Data(contentsOf: journal.url)) ?? Data() }
}

@Suite(.serialized) struct HookServerTests {
    @Test func aSucceededCallbackIsConfirmedJournaledAndDownloaded() async throws {
        try await HookHarness.with { hook in
            let (status, body) = try await hook.callback(taskID: hook.taskID, status: "succeed")
            #expect(status == 200)
            #expect(body == #"{"ok":true}"#)
            await hook.server.settle()
            let records = try hook.journal.records()
            #expect(records.last(where: { $0.status != nil })?.event == .succeeded)
            #expect(records.last?.event == .downloaded)
            let file = hook.output.appendingPathComponent("\(hook.taskID).mp4")
            #expect(try Data(contentsOf: file) == Data(hook.service.videoContent()))
            #expect(hook.service.requestCount(.get) == 1)
            #expect(hook.service.requestCount(.download) == 1)
            // The video URL in the callback was not used: only the service's own answer counts.
            #expect(
                records.last(where: { $0.event == .succeeded })?.videos?.first?.url.contains("example.invalid") == false
            )
        }
    }

    @Test func aCallbackForAnUnknownTaskChangesNothing() async throws {
        try await HookHarness.with { hook in
            let before = try hook.journalBytes()
            let (status, _) = try await hook.callback(taskID: "999000111", status: "succeed", numericID: true)
            #expect(status == 200)
            await hook.server.settle()
            #expect(try hook.journalBytes() == before)
            #expect(!FileManager.default.fileExists(atPath: hook.output.path))
            #expect(hook.service.requestCount(.get) == 0)
            #expect(hook.service.requestCount(.download) == 0)
            #expect(await hook.server.processor.statistics.unknownTasks == 1)
        }
    }

    @Test func repeatsAndReorderingNeverMoveAFinishedTaskBack() async throws {
        try await HookHarness.with { hook in
            for (status, numeric) in [
                ("succeed", false), ("processing", true), ("succeed", true), ("submitted", false),
            ] {
                let (code, _) = try await hook.callback(taskID: hook.taskID, status: status, numericID: numeric)
                #expect(code == 200)
                await hook.server.settle()
            }
            let records = try hook.journal.records()
            #expect(records.filter { $0.event == .downloaded }.count == 1)
            #expect(records.filter { $0.event == .succeeded }.count == 1)
            #expect(records.last(where: { $0.status != nil })?.status == "succeed")
            #expect(hook.service.requestCount(.download) == 1)
            // Once the journal holds the finished task and its video, hints are not even looked up.
            #expect(hook.service.requestCount(.get) == 1)
            let statistics = await hook.server.processor.statistics
            #expect(statistics.updated == 1)
            #expect(statistics.alreadyFinished == 3)
        }
    }

    @Test func aLostVideoIsFetchedAgainOnTheNextCallback() async throws {
        try await HookHarness.with { hook in
            _ = try await hook.callback(taskID: hook.taskID, status: "succeed")
            await hook.server.settle()
            try FileManager.default.removeItem(at: hook.output.appendingPathComponent("\(hook.taskID).mp4"))
            _ = try await hook.callback(taskID: hook.taskID, status: "succeed")
            await hook.server.settle()
            let records = try hook.journal.records()
            #expect(records.filter { $0.event == .succeeded }.count == 1)
            #expect(records.filter { $0.event == .downloaded }.count == 2)
            #expect(hook.service.requestCount(.download) == 2)
        }
    }

    @Test func aHintForARunningTaskRecordsTheConfirmedStatusOnly() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .seconds(60), processing: .seconds(60))) { h in
            let taskID = try #require(h.service.seedTask(on: .image2video, externalID: "slow-1"))
            try h.journal.append(
                JournalRecord(event: .created, route: .image2video, externalTaskID: "slow-1", taskID: taskID))
            let outcome = try await h.submitter().confirm(taskID: taskID, outputDirectory: h.scratch.file("v"))
            #expect(outcome.effect == .updated)
            #expect(outcome.status == .submitted)
            #expect(try h.journal.records().last?.status == "submitted")
            let again = try await h.submitter().confirm(taskID: taskID, outputDirectory: h.scratch.file("v"))
            #expect(again.effect == .unchanged)
            #expect(try h.journal.records().count == 2)
            #expect(h.service.requestCount(.get, on: .image2video) == 2)
        }
    }

    @Test func aBodyOver64KiBIs413() async throws {
        try await HookHarness.with { hook in
            let padding = String(repeating: " ", count: 65 * 1024)
            let body = Array(
                (HookHarness.callbackJSON(taskID: hook.taskID, status: "succeed").dropLast()
                    + ",\"pad\":\"\(padding)\"}")
                    .utf8)
            let (status, _) = try await hook.post(body)
            #expect(status == 413)
            #expect(hook.server.accepted == 0)
            // Exactly 64 KiB is still accepted.
            let fits = HookHarness.callbackJSON(taskID: "unknown-1", status: "processing")
            let filler = String(repeating: " ", count: 64 * 1024 - fits.utf8.count)
            let (ok, _) = try await hook.post(Array((fits + filler).utf8))
            #expect(ok == 200)
        }
    }

    @Test func aWrongPathOrMethodIs404AndNothingIsProcessed() async throws {
        try await HookHarness.with { hook in
            let body = Array(HookHarness.callbackJSON(taskID: hook.taskID, status: "succeed").utf8)
            for path in [
                "/hook/wrong", "/", hook.state.secretPath + "x", String(hook.state.secretPath.dropLast()),
                "/HOOK/" + hook.state.secretPath.dropFirst(6),
            ] {
                let (status, text) = try await hook.post(body, path: path)
                #expect(status == 404)
                #expect(text.isEmpty)
            }
            let (get, _) = try await hook.post([], method: .GET)
            #expect(get == 404)
            #expect(hook.server.accepted == 0)
            #expect(await hook.server.processor.statistics.queued == 0)
            #expect(hook.service.requestCount(.get) == 0)
            // The query string is not part of the path.
            let (withQuery, _) = try await hook.post(
                Array(HookHarness.callbackJSON(taskID: "u-2", status: "processing").utf8),
                path: hook.state.secretPath + "?from=kling")
            #expect(withQuery == 200)
        }
    }

    @Test func aBodyThatIsNotTheCallbackObjectIs400() async throws {
        try await HookHarness.with { hook in
            let bad = [
                "", "[1,2]", "not json", #"{"task_status":"succeed"}"#, #"{"task_id":"","task_status":"succeed"}"#,
                #"{"task_id":"1","task_status":7}"#, #"{"task_id":"1","task_status":"succeed","created_at":true}"#,
                #"{"task_id":"1","task_status":"succeed","task_result":{"videos":"none"}}"#,
                #"{"task_id":{"a":1},"task_status":"succeed"}"#,
            ]
            for text in bad {
                let (status, _) = try await hook.post(Array(text.utf8))
                #expect(status == 400, "\(text)")
            }
            #expect(hook.server.accepted == 0)
        }
    }

    @Test func twoHundredConcurrentCallbacksAreAllAnswered() async throws {
        try await HookHarness.with { hook in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    let id = index % 20 == 0 ? hook.taskID : "unknown-\(index)"
                    group.addTask { try await hook.callback(taskID: id, status: "succeed").0 }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 })
            await hook.server.settle()
            let statistics = await hook.server.processor.statistics
            #expect(statistics.queued == 200)
            #expect(statistics.failures == 0)
            #expect(hook.service.requestCount(.download) == 1)
            #expect(try hook.journal.records().filter { $0.event == .downloaded }.count == 1)
        }
    }

    @Test func requestsBeyondTheLimitAre503() async throws {
        try await HookHarness.with(configure: { $0.maximumConcurrentRequests = 1 }) { hook in
            // One request sends half its body and waits: it holds the only slot.
            let body = Array(HookHarness.callbackJSON(taskID: "held-1", status: "processing").utf8)
            let (chunks, feed) = AsyncStream<ByteBuffer>.makeStream()
            feed.yield(ByteBuffer(bytes: body.prefix(10)))
            var request = HTTPClientRequest(url: hook.url + hook.state.secretPath)
            request.method = .POST
            request.body = .stream(chunks, length: .known(Int64(body.count)))
            let held = Task { try await hook.http.execute(request, timeout: .seconds(20)).status.code }
            try await waitUntil { hook.server.requestsInProgress == 1 }
            let (busy, _) = try await hook.callback(taskID: "other-1", status: "processing")
            #expect(busy == 503)
            feed.yield(ByteBuffer(bytes: body.dropFirst(10)))
            feed.finish()
            #expect(try await held.value == 200)
            let (free, _) = try await hook.callback(taskID: "other-2", status: "processing")
            #expect(free == 200)
        }
    }

    @Test func shutdownFinishesTheQueuedWork() async throws {
        try await HookHarness.with { hook in
            let (status, _) = try await hook.callback(taskID: hook.taskID, status: "succeed")
            #expect(status == 200)
            await hook.server.shutdown()
            #expect(
                FileManager.default.fileExists(atPath: hook.output.appendingPathComponent("\(hook.taskID).mp4").path))
            #expect(try hook.journal.records().last?.event == .downloaded)
            // Closed: nothing listens any more.
            await #expect(throws: (any Error).self) { _ = try await hook.callback(taskID: "late", status: "succeed") }
        }
    }

    @Test func runReturnsWhenCancelledAfterShuttingDown() async throws {
        try await HookHarness.with { hook in
            let running = Task { await hook.server.run() }
            _ = try await hook.callback(taskID: hook.taskID, status: "succeed")
            running.cancel()
            await running.value
            #expect(try hook.journal.records().last?.event == .downloaded)
        }
    }

    @Test func aBusyAddressIsABindFailure() async throws {
        try await HookHarness.with { hook in
            let processor = CallbackProcessor(submitter: hook.base.submitter(), outputDirectory: hook.output)
            do throws(HookError) {
                _ = try await HookServer.start(
                    configuration: HookServerConfiguration(
                        address: HookListenAddress(host: "127.0.0.1", port: hook.server.address.port),
                        secretPath: hook.state.secretPath),
                    processor: processor)
                Issue.record("a second server bound the same port")
            } catch {
                #expect(error == .bindFailed(address: "127.0.0.1:\(hook.server.address.port)", reason: reason(error)))
            }
        }
    }
}

/// The reason of a bind failure (the system's words vary).
func reason(_ error: HookError) -> String {
    if case .bindFailed(_, let reason) = error { return reason }
    return ""
}

/// Polls `condition` every 10 ms for up to 10 s.
func waitUntil(_ condition: () async -> Bool) async throws {
    let end = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < end {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met in time")
}

struct HookStateTests {
    @Test func theStateFileIsPrivateAndReused() throws {
        let scratch = try Scratch()
        let url = scratch.file("deep/klingprep/hook.json")
        let first = try HookState.loadOrCreate(at: url)
        var status = stat()
        #expect(stat(url.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        var folder = stat()
        #expect(stat(url.deletingLastPathComponent().path, &folder) == 0)
        #expect(folder.st_mode & 0o777 == 0o700)
        let second = try HookState.loadOrCreate(at: url)
        #expect(second.secretPath == first.secretPath)
        #expect(try HookState.load(from: url).secretPath == first.secretPath)
        #expect(first.secretPath.hasPrefix("/hook/"))
        let secret = first.secretPath.dropFirst(6)
        #expect(secret.count == 64)
        #expect(secret.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(!String(describing: first).contains(secret))
        var dumped = ""
        dump(first, to: &dumped)
        #expect(!dumped.contains(secret))
        // Another file, another secret.
        #expect(try HookState.loadOrCreate(at: scratch.file("other.json")).secretPath != first.secretPath)
        // No temporary files left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["hook.json"])
    }

    @Test func aBrokenOrMissingStateFileIsRefused() throws {
        let scratch = try Scratch()
        #expect(throws: HookError.self) { try HookState.load(from: scratch.file("missing.json")) }
        for text in [
            "", "{}", #"{"version":1,"secret":"short"}"#,
            #"{"version":1,"secret":"\#(String(repeating: "G", count: 40))"}"#,
            #"{"version":2,"secret":"\#(String(repeating: "a", count: 40))"}"#,
        ] {
            let url = scratch.file("bad.json")
            try Data(text.utf8).write(to: url)
            do throws(HookError) {
                _ = try HookState.loadOrCreate(at: url)
                Issue.record("accepted \(text)")
            } catch {
                guard case .stateMalformed = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
        do throws(HookError) {
            _ = try HookState.loadOrCreate(at: scratch.url)
            Issue.record("accepted a folder")
        } catch {
            #expect(error.description.contains(scratch.url.path))
        }
    }

    @Test func theDefaultPlaceFollowsXDG() {
        #expect(
            HookState.defaultURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/klingprep/hook.json")
        #expect(
            HookState.defaultURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]).path
                == "/h/.local/state/klingprep/hook.json")
        #expect(HookState.defaultURL(environment: ["HOME": "/h"]).path == "/h/.local/state/klingprep/hook.json")
    }

    @Test func theCallbackURLJoinsThePublicBaseAndTheSecretPath() throws {
        let scratch = try Scratch()
        let state = try HookState.loadOrCreate(at: scratch.file("hook.json"))
        #expect(
            try state.callbackURL(base: "https://example.com/klingprep/")
                == "https://example.com/klingprep" + state.secretPath)
        #expect(try state.callbackURL(base: "https://example.com") == "https://example.com" + state.secretPath)
        #expect(try state.callbackURL(base: "http://127.0.0.1:8787") == "http://127.0.0.1:8787" + state.secretPath)
        #expect(throws: HookError.insecurePublicBase("http://example.com")) {
            try state.callbackURL(base: "http://example.com")
        }
        for bad in [
            "example.com", "ftp://example.com", "https://example.com/?a=1", "https://u:p@example.com", "https://",
        ] {
            #expect(throws: HookError.self, "\(bad)") { try state.callbackURL(base: bad) }
        }
    }
}

struct HookParsingTests {
    @Test func listenAddresses() throws {
        #expect(try HookListenAddress(parsing: "127.0.0.1:0") == HookListenAddress(host: "127.0.0.1", port: 0))
        #expect(try HookListenAddress(parsing: "[::1]:8787") == HookListenAddress(host: "::1", port: 8787))
        #expect(try HookListenAddress(parsing: "localhost:65535").port == 65535)
        #expect(HookListenAddress(host: "::1", port: 80).description == "[::1]:80")
        for bad in [
            "", "8080", ":8080", "host:", "host:65536", "host:-1", "host:+80", "::1:80", "[::1]80", "[::1", "a b:1",
        ] {
            #expect(throws: HookError.self, "\(bad)") { try HookListenAddress(parsing: bad) }
        }
    }

    @Test func callbackBodies() throws {
        let hint = try #require(
            CallbackHint.decode(Array(HookHarness.callbackJSON(taskID: "123", status: "succeed", numericID: true).utf8))
        )
        #expect(hint.taskID == "123")
        #expect(hint.status == .succeed)
        #expect(hint.statusMessage == nil)
        #expect(hint.externalTaskID == "x")
        #expect(hint.createdAt == "1722769557708")
        #expect(hint.updatedAt == "1722769557999")
        #expect(hint.videos.count == 1)
        let extra = try #require(
            CallbackHint.decode(
                Array(
                    #"{"task_id":"a","task_status":"failed","task_status_msg":"nope","final_unit_deduction":"1","created_at":null}"#
                        .utf8)))
        #expect(extra.status == .failed)
        #expect(extra.statusMessage == "nope")
        #expect(extra.createdAt == nil)
        #expect(CallbackHint.decode(Array(#"{"task_id":"a/b","task_status":"failed"}"#.utf8)) == nil)
        #expect(CallbackHint.decode(Array(#"{"task_id":"a","task_status":"failed","updated_at":[1]}"#.utf8)) == nil)
    }
}
