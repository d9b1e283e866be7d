import Foundation
import KlingCheck
import KlingFakeService
import Synchronization
import Testing

@testable import KlingSubmit

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_790_000_000))
    var now: @Sendable () -> Date { { [self] in current.withLock { $0 } } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// Issue 11: both backends, both error dialects, JWTs, and the smaller findings.
@Suite(.serialized) struct BackendTests {
    @Test func kingsOwnAPICreatesFollowsAndDownloadsWithAJWT() async throws {
        try await withHarness(backend: .kling) { h in
            let out = h.scratch.file("out")
            let outcome = try await h.submitter().submit(
                body: try h.scratch.image2videoBody(), options: SubmitOptions(wait: true, outputDirectory: out))
            #expect(outcome.status == .succeed && outcome.files.count == 1)
            #expect(outcome.cost == "1.5")
            #expect(h.service.createdCount(on: .image2video) == 1)
            #expect(h.service.authorizationFailures == 0)
            #expect(h.service.tokensSeen >= 1)
            let records = try h.journal.records()
            #expect(records.allSatisfy { $0.backend == .kling && $0.baseURL == h.service.baseURL })
            #expect(records.contains { $0.event == .succeeded && $0.cost == "1.5" })
            #expect(try h.assertNoKey([String(describing: outcome)]))
        }
    }

    @Test func theTokenHasTheDocumentedShapeAndIsSignedAgainBeforeItExpires() throws {
        let clock = TestClock()
        let keys = try KlingKeys(accessKey: testAccessKey, secretKey: testSecretKey)
        let authorizer = Authorizer(credentials: .kling(keys), now: clock.now)
        let first = authorizer.header()
        let parts = first.dropFirst("Bearer ".count).split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        func decode(_ part: String) throws -> [String: Any] {
            var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while text.count % 4 != 0 { text += "=" }
            let data = try #require(Data(base64Encoded: text))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        #expect(try decode(parts[0]) as? [String: String] == ["alg": "HS256", "typ": "JWT"])
        let claims = try decode(parts[1])
        let now = Int(clock.now().timeIntervalSince1970)
        #expect(claims["iss"] as? String == testAccessKey)
        #expect(claims["exp"] as? Int == now + 1800)
        #expect(claims["nbf"] as? Int == now - 5)
        clock.advance(1000)
        #expect(authorizer.header() == first)  // 800 s left: cached
        clock.advance(600)
        let second = authorizer.header()  // 200 s left: signed again
        #expect(second != first)
        #expect(authorizer.secrets.contains(String(first.dropFirst(7))))
        #expect(authorizer.secrets.contains(testSecretKey) && authorizer.secrets.contains(testAccessKey))
        #expect(!"\(keys) \(String(reflecting: keys))".contains(testSecretKey))
    }

    @Test func aClockBehindTheServiceIsResignedOnceThenSaidToBeOff() async throws {
        try await withHarness(backend: .kling) { h in
            h.service.clockOffset = -3600  // the service's now is an hour behind: every nbf is ahead
            do throws(SubmitError) {
                _ = try await h.client.task(id: "1", route: .image2video)
                Issue.record("expected a clock error")
            } catch {
                #expect(error == .clockSkew(endpoint: "\(h.service.baseURL)/v1/videos/image2video/1"))
                #expect(error.description.contains("clock is off"))
            }
            #expect(h.service.authorizationFailures(code: 1003) == 2)
            #expect(h.service.presentedTokens.count == 2)
        }
    }

    @Test func anExpiredTokenIsResignedOnceAndTheRequestRepeated() async throws {
        let clock = TestClock()
        try await withHarness(backend: .kling, now: clock.now) { h in
            // The test clock is in 2026-09: tokens it signs are expired for the service.
            let offset = Date().timeIntervalSince(clock.now())
            h.service.clockOffset = 0
            let taskID = try #require(h.service.seedTask(on: .image2video, externalID: "seeded"))
            await #expect(throws: SubmitError.self) { _ = try await h.client.task(id: taskID, route: .image2video) }
            #expect(h.service.authorizationFailures(code: 1004) == 2)
            clock.advance(offset)
            let task = try await h.client.task(id: taskID, route: .image2video)
            #expect(task.taskID == taskID)
        }
    }

    @Test func aGatewayInvalidRequestIsNeverRetriedAndKeepsItsMessage() async throws {
        try await withHarness { h in
            h.service.inject(.gatewayInvalidRequest, on: .create)
            let body = try h.scratch.image2videoBody()
            do throws(SubmitError) {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions())
                Issue.record("expected the gateway's refusal")
            } catch {
                guard case .gateway(let failure) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(failure.code == "invalid_request" && failure.httpStatus == 500)
                #expect(failure.isInvalidRequest)
                #expect(error.description.contains("gateway said"))
            }
            #expect(h.service.requestCount(.create) == 1)
            #expect(h.sleeps.recorded.isEmpty)
        }
    }

    @Test func gatewayRefusalsOfTheKeyAreRead() async throws {
        try await withHarness(key: "sk-wrong-key-1234") { h in
            h.service.refusalDialect = .gateway
            await #expect(throws: SubmitError.self) { _ = try await h.client.task(id: "1", route: .image2video) }
            do throws(SubmitError) {
                _ = try await h.client.task(id: "1", route: .image2video)
            } catch {
                guard case .gateway(let failure) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(failure.isAuthentication)
                #expect(!error.description.contains("sk-wrong-key-1234"))
            }
        }
    }

    @Test func overTheConcurrencyLimitItWaitsForOwnTasksThenCreates() async throws {
        // Long enough that the seeded task still runs when the create arrives, on a loaded machine
        // (1 s was not: with three builds beside the suite, the create came after it ended).
        let timeline = FakeTimeline(submitted: .seconds(2), processing: .seconds(2))
        try await withHarness(timeline: timeline, concurrencyLimit: 1) { h in
            let running = try #require(h.service.seedTask(on: .image2video, externalID: "ours-running"))
            try h.journal.append(
                JournalRecord(
                    event: .created, route: .image2video, backend: .cometapi, baseURL: h.service.baseURL,
                    externalTaskID: "ours-running", taskID: running, status: "submitted"))
            let waits = SleepRecorder()
            let policy = ConcurrencyPolicy(
                // Nominal delays add up fast while each real wait is 100 ms: no limit in this test.
                initial: .seconds(1), maximumWait: .seconds(10_000_000),
                sleep: { duration in
                    try await waits.sleep(duration)
                    try await Task.sleep(for: .milliseconds(100))
                })
            let outcome = try await h.submitter().submit(
                body: try h.scratch.image2videoBody(), options: SubmitOptions(concurrency: policy))
            #expect(outcome.origin == .created)
            #expect(h.service.concurrencyRefusals >= 1)
            #expect(waits.recorded.first == .seconds(1))
            #expect(h.events.all.contains { if case .waitingForOwnTasks(1, _) = $0 { true } else { false } })
        }
    }

    @Test func stringTimestampsAreRead() async throws {
        try await withHarness { h in
            h.service.timestampsAsStrings = true
            let taskID = try #require(h.service.seedTask(on: .image2video))
            let task = try await h.client.task(id: taskID, route: .image2video)
            #expect((task.createdAtMilliseconds ?? 0) > 1_700_000_000_000)
        }
    }

    @Test func downloadsFollowUpToFiveRedirects() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .milliseconds(5), processing: .milliseconds(5))) { h in
            let taskID = try #require(h.service.seedTask(on: .image2video))
            try await Task.sleep(for: .milliseconds(30))
            let task = try await h.client.task(id: taskID, route: .image2video)
            let video = try #require(task.videos.first)
            h.service.downloadRedirects = 5
            let file = try await h.client.download(video: video, to: h.scratch.file("a.mp4"))
            #expect(file.bytes == Int64(h.service.videoContent().count))
            h.service.downloadRedirects = 6
            await #expect(throws: SubmitError.downloadFailed(url: video.url, reason: "more than 5 redirects")) {
                _ = try await h.client.download(video: video, to: h.scratch.file("b.mp4"))
            }
            #expect(!FileManager.default.fileExists(atPath: h.scratch.file("b.mp4").path))
        }
    }

    @Test func aTaskJournaledAtAnotherBackendIsNotAskedHere() async throws {
        try await withHarness { h in
            try h.journal.append(
                JournalRecord(
                    event: .created, route: .image2video, backend: .kling, baseURL: "https://api-singapore.klingai.com",
                    externalTaskID: "e", taskID: "777", status: "submitted"))
            await #expect(throws: SubmitError.self) {
                _ = try await h.submitter().wait(taskID: "777", timeout: .seconds(1), outputDirectory: nil)
            }
            #expect(h.service.requestCount(.get) == 0)
        }
    }

    @Test func aNameThatDoesNotResolveIsNotRetried() async throws {
        let sleeps = SleepRecorder()
        let client = KlingClient(
            endpoint: try ServiceEndpoint(baseURL: "https://no-such-host.invalid"), key: try APIKey(testKey),
            settings: ClientSettings(connectTimeout: .seconds(3), retry: RetryPolicy(sleep: sleeps.sleep)))
        defer { Task { try? await client.shutdown() } }
        do throws(SubmitError) {
            _ = try await client.task(id: "1", route: .image2video)
            Issue.record("expected a name error")
        } catch {
            guard case .unreachable(_, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reason.contains("name not found"))
            #expect(!reason.contains(".swift") && !reason.contains("NIO"))
        }
        #expect(sleeps.recorded.isEmpty)
    }

    @Test func keyFilesForKlingHoldTwoLines() throws {
        let scratch = try Scratch()
        let file = scratch.file("kling.env")
        try Data("# keys\nexport KLING_ACCESS_KEY=\"\(testAccessKey)\"\nKLING_SECRET_KEY=\(testSecretKey)\n".utf8)
            .write(to: file)
        let keys = try KlingKeys.load(file: file, environment: [:])
        #expect(keys.accessKey == testAccessKey && keys.secretKey == testSecretKey)
        try Data("KLING_ACCESS_KEY=a\n".utf8).write(to: file)
        #expect(throws: SubmitError.apiKeyFileUnreadable(path: file.path, reason: "it sets no KLING_SECRET_KEY")) {
            try KlingKeys.load(file: file, environment: [:])
        }
        #expect(throws: SubmitError.missingKlingKeys(missing: ["KLING_SECRET_KEY"])) {
            try KlingKeys.load(file: nil, environment: ["KLING_ACCESS_KEY": "a"])
        }
        #expect(
            try ServiceEndpoint.resolve(backend: .kling, region: .cn, flag: nil, environment: [:]).baseURL
                == "https://api-beijing.klingai.com")
        #expect(
            try ServiceEndpoint.resolve(backend: .kling, flag: nil, environment: [:]).createURL(route: .image2video)
                == "https://api-singapore.klingai.com/v1/videos/image2video")
    }
}
