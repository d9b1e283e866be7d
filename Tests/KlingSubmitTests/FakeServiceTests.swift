import Foundation
import KlingCheck
import KlingFakeService
import Testing
@testable import KlingSubmit

/// Runs `body` against a fresh fake service and always stops it.
func withHarness(
    requestTimeout: Duration = .seconds(15), timeline: FakeTimeline = FakeTimeline(), key: String = testKey,
    maxAttempts: Int = 6, backend: Backend = .cometapi, concurrencyLimit: Int? = nil,
    now: @escaping @Sendable () -> Date = { Date() }, _ body: (Harness) async throws -> Void
) async throws {
    let harness = try await Harness.start(
        requestTimeout: requestTimeout, timeline: timeline, key: key, maxAttempts: maxAttempts, backend: backend,
        concurrencyLimit: concurrencyLimit, now: now)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}

/// The single external id the service saw.
func onlyExternalID(_ h: Harness) throws -> String {
    let ids = h.service.externalIDs
    try #require(ids.count == 1, "expected exactly one task, saw \(ids)")
    return ids[0]
}

@Suite(.serialized) struct SubmitHappyPathTests {
    @Test func submitWaitDownloadCreatesOneTaskAndOneVideo() async throws {
        try await withHarness { h in
            let body = try h.scratch.body()
            let out = h.scratch.file("out")
            let outcome = try await h.submitter().submit(
                body: body, options: SubmitOptions(wait: true, outputDirectory: out))
            #expect(outcome.origin == .created)
            #expect(outcome.status == .succeed)
            let id = try onlyExternalID(h)
            #expect(outcome.externalTaskID == id)
            #expect(id.hasPrefix("kp1-"))
            #expect(h.service.createdCount(externalID: id) == 1)
            let file = try #require(outcome.files.first)
            #expect(outcome.files.count == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == Data(h.service.videoContent()))
            #expect(file.sha256 == BodyDigest.hex(of: h.service.videoContent()))
            let events = try h.journal.records().map(\.event)
            #expect(events.first == .prepared)
            #expect(events.contains(.created))
            #expect(events.contains(.succeeded))
            #expect(events.last == .downloaded)
            // No leftover partial files.
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(names == ["\(outcome.taskID).mp4"])
            #expect(try h.assertNoKey([String(describing: outcome)]))
            #expect(h.service.authorizationFailures == 0)
        }
    }

    @Test func theGeneratedIDIsJournaledBeforeSending() async throws {
        try await withHarness { h in
            h.service.inject(.closeBeforeBody, on: .create)
            h.service.inject(.closeBeforeBody, on: .create)
            let body = try h.scratch.body()
            _ = try await h.submitter().submit(body: body, options: SubmitOptions())
            let first = try #require(try h.journal.records().first)
            #expect(first.event == .prepared)
            #expect(first.externalTaskID == (try onlyExternalID(h)))
            #expect(first.bodySHA256 == (try BodyScanner.scan(body)).sha256)
        }
    }

    @Test func usesTheBodysOwnExternalID() async throws {
        try await withHarness { h in
            let body = try h.scratch.body(externalID: "shoot-42-take-3")
            let outcome = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(outcome.externalTaskID == "shoot-42-take-3")
            #expect(h.service.createdCount(externalID: "shoot-42-take-3") == 1)
        }
    }

    @Test func statusByIDAndByExternalIDAndList() async throws {
        try await withHarness { h in
            let body = try h.scratch.body(externalID: "lookup-me")
            let outcome = try await h.submitter().submit(body: body, options: SubmitOptions())
            let byID = try await h.submitter().status(of: outcome.taskID, byExternalID: false)
            let byExternal = try await h.submitter().status(of: "lookup-me", byExternalID: true)
            #expect(byID.task.taskID == byExternal.task.taskID)
            #expect(byExternal.task.externalTaskID == "lookup-me")
            #expect(byID.route == .multiImage2video && byExternal.route == .multiImage2video)
            let listed = try await h.client.listTasks(route: .multiImage2video, page: 1, pageSize: 10)
            #expect(listed.map(\.taskID) == [outcome.taskID])
            #expect(try await h.client.listTasks(route: .image2video).isEmpty)
            await #expect(throws: SubmitError.taskNotFound(id: "nope", route: nil)) {
                try await h.submitter().status(of: "nope", byExternalID: true)
            }
            await #expect(throws: SubmitError.taskNotFound(id: "123", route: nil)) {
                try await h.submitter().status(of: "123", byExternalID: false)
            }
        }
    }
}

@Suite(.serialized) struct NeverTwiceTests {
    /// Submits with faults queued on create and checks exactly one task and how it was obtained.
    func run(_ faults: [FakeFault], requestTimeout: Duration = .seconds(15), expectAdopted: Bool) async throws {
        try await withHarness(requestTimeout: requestTimeout) { h in
            for fault in faults { h.service.inject(fault, on: .create) }
            let body = try h.scratch.body()
            let outcome = try await h.submitter().submit(
                body: body, options: SubmitOptions(wait: true, outputDirectory: h.scratch.file("out")))
            let id = try onlyExternalID(h)
            #expect(h.service.createdCount(externalID: id) == 1)
            #expect(h.service.totalCreated == 1)
            #expect(outcome.origin == (expectAdopted ? .adopted : .created))
            #expect(outcome.files.count == 1)
            #expect(h.service.pendingFaults(on: .create) == 0)
            #expect(try h.assertNoKey())
        }
    }

    @Test func rateLimitIsRetriedAfterRetryAfter() async throws {
        try await withHarness { h in
            h.service.inject(.rateLimited(retryAfter: 7), on: .create)
            let outcome = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
            #expect(outcome.origin == .created)
            #expect(h.service.totalCreated == 1)
            #expect(h.service.requestCount(.create) == 2)
            #expect(h.service.requestCount(.lookup) == 1)  // before the first POST only: 429 proves it was not taken
            #expect(h.sleeps.recorded.contains(.seconds(7)))
        }
    }

    @Test func serviceUnavailableIsRetriedWithoutLookup() async throws {
        try await withHarness { h in
            h.service.inject(.status(503, code: 5001), on: .create)
            _ = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
            #expect(h.service.totalCreated == 1)
            #expect(h.service.requestCount(.lookup) == 1)  // before the first POST only
        }
    }

    @Test func serverErrorAfterCreatingIsAdopted() async throws {
        try await run([.status(500, code: 5000, afterCreating: true)], expectAdopted: true)
    }

    @Test func badGatewayWithoutCreatingLooksUpThenPostsAgain() async throws {
        try await withHarness { h in
            h.service.inject(.status(502, code: 5000), on: .create)
            let outcome = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
            #expect(outcome.origin == .created)
            #expect(h.service.totalCreated == 1)
            #expect(h.service.requestCount(.lookup) == 2)  // before the first POST, and after the 502
            #expect(h.service.requestCount(.create) == 2)
        }
    }

    @Test func connectionClosedBeforeTheBodyWasRead() async throws {
        try await run([.closeBeforeBody], expectAdopted: false)
    }

    @Test func connectionClosedAfterTheTaskWasCreated() async throws {
        try await run([.closeAfterBody], expectAdopted: true)
    }

    @Test func slowReplyBeyondTheTimeoutIsAdopted() async throws {
        try await run([.slowReply(.seconds(8))], requestTimeout: .seconds(3), expectAdopted: true)
    }

    @Test func malformedSuccessIsAdopted() async throws {
        try await run([.malformedJSON], expectAdopted: true)
    }

    @Test func everyCreateFaultInARow() async throws {
        try await run(
            [
                .rateLimited(retryAfter: 1), .status(503, code: 5001), .closeBeforeBody,
                .status(502, code: 5000), .closeAfterBody,
            ], expectAdopted: true)
    }

    @Test func readAndDownloadFaultsAreRetried() async throws {
        try await withHarness(requestTimeout: .seconds(3), maxAttempts: 8) { h in
            h.service.inject(
                .status(500, code: 5000), .rateLimited(retryAfter: 1), .closeAfterBody, .malformedJSON,
                .slowReply(.seconds(8)), .status(502, code: 5000), on: .get)
            h.service.inject(.truncatedBody, .status(503, code: 5001), .closeBeforeBody, on: .download)
            let outcome = try await h.submitter().submit(
                body: try h.scratch.body(), options: SubmitOptions(wait: true, outputDirectory: h.scratch.file("out")))
            #expect(h.service.totalCreated == 1)
            #expect(h.service.pendingFaults(on: .get) == 0)
            #expect(h.service.pendingFaults(on: .download) == 0)
            let file = try #require(outcome.files.first)
            #expect(file.bytes == Int64(h.service.videoBytes))
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)).count == h.service.videoBytes)
        }
    }

    @Test func lookupFailuresDoNotCauseASecondPost() async throws {
        try await withHarness { h in
            h.service.inject(.closeAfterBody, on: .create)
            h.service.inject(.status(503, code: 5001), .closeAfterBody, on: .lookup)
            let outcome = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
            #expect(outcome.origin == .adopted)
            #expect(h.service.totalCreated == 1)
            #expect(h.service.requestCount(.create) == 1)
        }
    }

    @Test func anExternalIDAlreadyUsedIsAdoptedNotDuplicated() async throws {
        try await withHarness { h in
            // A task exists for this id, but this journal has never seen it.
            let first = try h.scratch.body("first.json", externalID: "job-7")
            _ = try await h.submitter(journal: Journal(url: h.scratch.file("other.jsonl")))
                .submit(body: first, options: SubmitOptions())
            let second = try h.scratch.body("second.json", externalID: "job-7", extra: " again")
            let outcome = try await h.submitter().submit(body: second, options: SubmitOptions())
            #expect(outcome.origin == .adopted)
            #expect(h.service.createdCount(externalID: "job-7") == 1)
        }
    }

    @Test func unreachableServiceCreatesNothingAndSaysSo() async throws {
        let scratch = try Scratch()
        let sleeps = SleepRecorder()
        let client = KlingClient(
            endpoint: try ServiceEndpoint(baseURL: "http://127.0.0.1:9"), key: try APIKey(testKey),
            settings: ClientSettings(
                connectTimeout: .seconds(1), retry: RetryPolicy(maxAttempts: 3, sleep: sleeps.sleep)))
        defer { Task { try? await client.shutdown() } }
        let submitter = Submitter(client: client, journal: Journal(url: scratch.file("j.jsonl")))
        await #expect {
            try await submitter.submit(body: try scratch.body(), options: SubmitOptions())
        } throws: { error in
            guard case SubmitError.retriesExhausted(_, let attempts, let last) = error else { return false }
            return attempts == 3 && last.contains("Cannot reach")
        }
        #expect(sleeps.recorded.count == 2)
    }
}

@Suite(.serialized) struct ResumeAndFailureTests {
    @Test func rerunResumesInsteadOfCreating() async throws {
        try await withHarness { h in
            let body = try h.scratch.body()
            let first = try await h.submitter().submit(body: body, options: SubmitOptions())
            let second = try await h.submitter().submit(
                body: body, options: SubmitOptions(wait: true, outputDirectory: h.scratch.file("out")))
            #expect(second.origin == .resumed)
            #expect(second.taskID == first.taskID)
            #expect(h.service.totalCreated == 1)
            #expect(h.service.requestCount(.create) == 1)
            // A third run finds the file on disk and downloads nothing.
            let downloads = h.service.requestCount(.download)
            let third = try await h.submitter().submit(
                body: body, options: SubmitOptions(wait: true, outputDirectory: h.scratch.file("out")))
            #expect(third.files == second.files)
            #expect(h.service.requestCount(.download) == downloads)
        }
    }

    @Test func rerunAfterALostReplyLooksUpFirst() async throws {
        try await withHarness { h in
            let body = try h.scratch.body()
            // Simulate a run killed after the POST was accepted: journal says prepared, no task id.
            let scan = try BodyScanner.scan(body)
            try h.journal.append(
                JournalRecord(
                    event: .prepared, route: .multiImage2video, bodySHA256: scan.sha256, externalTaskID: "lost-1"))
            let prepared = try PreparedBody.prepare(
                original: body, scan: scan, externalID: "lost-1", route: .multiImage2video)
            defer { prepared.discard() }
            _ = try await h.client.createTask(body: prepared)
            let outcome = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(outcome.origin == .adopted)
            #expect(outcome.externalTaskID == "lost-1")
            #expect(h.service.createdCount(externalID: "lost-1") == 1)
            #expect(h.service.requestCount(.create) == 1)
        }
    }

    @Test func forceNewCreatesASecondTaskOnPurpose() async throws {
        try await withHarness { h in
            let body = try h.scratch.body(externalID: "same")
            let first = try await h.submitter().submit(body: body, options: SubmitOptions())
            let second = try await h.submitter().submit(body: body, options: SubmitOptions(forceNew: true))
            #expect(second.origin == .created)
            #expect(second.taskID != first.taskID)
            #expect(second.externalTaskID != "same")
            #expect(h.service.totalCreated == 2)
            // Without --force-new the newest job is the one resumed.
            let third = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(third.taskID == second.taskID)
        }
    }

    @Test func aFailedTaskReportsTheServicesReason() async throws {
        try await withHarness { h in
            h.service.setNextTaskFates([.fail("content policy")])
            await #expect(throws: SubmitError.self) {
                _ = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions(wait: true))
            }
            do {
                _ = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions(wait: true))
                Issue.record("expected a failure")
            } catch let error as SubmitError {
                // The re-run resumes the journal's task: an earlier attempt's failure, with the
                // --force-new hint, never taken as a new result.
                guard case .existingTaskFailed(_, _, let message) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(message == "content policy")
                #expect(error.description.contains("--force-new"))
            }
            #expect(h.service.totalCreated == 1)
            #expect(try h.journal.records().contains { $0.event == .failed && $0.message == "content policy" })
        }
    }

    @Test func waitTimesOutWithExitFour() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .seconds(30), processing: .seconds(30))) { h in
            let created = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
            do {
                _ = try await h.submitter().wait(
                    taskID: created.taskID, timeout: .milliseconds(200), outputDirectory: nil)
                Issue.record("expected a timeout")
            } catch let error as SubmitError {
                guard case .waitTimedOut(let id, _, let status) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(id == created.taskID)
                #expect(status == "submitted")
            }
        }
    }

    @Test func waitRecordsEachStatusOnce() async throws {
        // A processing window that a poll slowed by ThreadSanitizer on a loaded machine still sees.
        try await withHarness(timeline: FakeTimeline(processing: .seconds(2))) { h in
            let created = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
            _ = try await h.submitter().wait(taskID: created.taskID, timeout: .seconds(20), outputDirectory: nil)
            let statuses = try h.journal.records().filter { $0.taskID == created.taskID }.compactMap(\.status)
            #expect(statuses == ["submitted", "processing", "succeed"])
            let progress = h.events.all.compactMap { event -> TaskStatus? in
                if case .status(let p) = event { return p.status }
                return nil
            }
            #expect(progress.last == .succeed)
        }
    }

    @Test func aWrongKeyIsRefusedOnceWithoutRetries() async throws {
        try await withHarness(key: "wrong-key") { h in
            do {
                _ = try await h.submitter().submit(body: try h.scratch.body(), options: SubmitOptions())
                Issue.record("expected a refusal")
            } catch let error as SubmitError {
                guard case .service(let failure) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(failure.code == 1002)
                #expect(failure.family == .authentication)
                #expect(error.description.contains("credentials were rejected"))
                #expect(!error.description.contains(testKey))
                // The fake echoes the presented header; the key it echoes must not come back out.
                #expect(!error.description.contains("wrong-key"))
                #expect(error.description.contains("<redacted>"))
            }
            #expect(h.service.totalCreated == 0)
            #expect(h.sleeps.recorded.isEmpty)
        }
    }

    @Test func anInvalidBodyIsRefusedWithTheServicesMessage() async throws {
        try await withHarness { h in
            let body = try h.scratch.body(image: "data:image/png;base64,AAAA")
            do {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions())
                Issue.record("expected a refusal")
            } catch let error as SubmitError {
                guard case .service(let failure) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(failure.code == 1201)
                #expect(failure.message.contains("data: prefix"))
                #expect(failure.family == .badRequest)
            }
            #expect(h.service.totalCreated == 0)
        }
    }

    @Test func cancellationLeavesTheJournalConsistent() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .seconds(30), processing: .seconds(30))) { h in
            let body = try h.scratch.body()
            let submitter = Submitter(
                client: h.client, journal: h.journal, poll: PollSchedule(initial: .seconds(5), maximum: .seconds(5)))
            let run = Task { try await submitter.submit(body: body, options: SubmitOptions(wait: true)) }
            // The path-form lookup before the POST is a GET too: wait for a poll after the create.
            while h.service.totalCreated == 0 || h.service.requestCount(.get) < 2 {
                try await Task.sleep(for: .milliseconds(10))
            }
            run.cancel()
            do {
                _ = try await run.value
                Issue.record("expected an interrupt")
            } catch let error as SubmitError {
                guard case .interrupted(let taskID, let externalID) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(taskID != nil)
                #expect(externalID == (try onlyExternalID(h)))
            }
            let records = try h.journal.records()
            #expect(records.last?.event == .interrupted)
            let again = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(again.origin == .resumed)
            #expect(h.service.totalCreated == 1)
        }
    }
}
