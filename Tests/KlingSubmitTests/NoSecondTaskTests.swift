import Foundation
import KlingCheck
import KlingFakeService
import Testing

@testable import KlingSubmit

/// Issue 11: no body is created twice — with the journal, without it, on another machine —
/// whenever the service answers lookups; and when it cannot, nothing is sent on that basis.
@Suite(.serialized) struct NoSecondTaskTests {
    /// Submits `body` once, losing the answer to the POST (the connection closes after the task
    /// was created), with retries off: the run ends with the task created and not recorded.
    func loseTheAnswer(
        _ h: Harness, body: URL, journal: Journal, fault: FakeFault = .closeAfterBody, created: Int = 1
    ) async throws {
        h.service.inject(fault, on: .create)
        let once = Harness.withAttempts(h, 1)
        defer { Task { try? await once.shutdown() } }
        await #expect(throws: SubmitError.self) {
            _ = try await Submitter(client: once, journal: journal, poll: h.poll).submit(
                body: body, options: SubmitOptions())
        }
        #expect(h.service.totalCreated == created)
    }

    @Test(arguments: [Backend.cometapi, .kling])
    func aLostAnswerWithTheJournalDeletedIsAdopted(backend: Backend) async throws {
        try await withHarness(backend: backend) { h in
            let body = try h.scratch.image2videoBody()
            try await loseTheAnswer(h, body: body, journal: h.journal)
            try FileManager.default.removeItem(at: h.journal.url)
            let outcome = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(outcome.origin == .adopted)
            #expect(outcome.backend == backend)
            #expect(h.service.requestCount(.create) == 1)
            #expect(h.service.totalCreated == 1)
            #expect(try h.assertNoKey([String(describing: outcome)]))
        }
    }

    @Test func theSameBodyGetsTheSameIDWithAnyJournalOrNone() async throws {
        try await withHarness { h in
            let body = try h.scratch.image2videoBody()
            let first = try await h.submitter().submit(body: body, options: SubmitOptions())
            let elsewhere = Journal(url: h.scratch.file("other-machine.jsonl"))
            let second = try await h.submitter(journal: elsewhere).submit(body: body, options: SubmitOptions())
            let none = try await Submitter(client: h.client, journal: nil, poll: h.poll).submit(
                body: body, options: SubmitOptions())
            #expect(first.origin == .created)
            #expect(second.origin == .adopted && none.origin == .adopted)
            #expect(Set([first.externalTaskID, second.externalTaskID, none.externalTaskID]).count == 1)
            #expect(first.externalTaskID?.hasPrefix("kp1-") == true)
            #expect(h.service.requestCount(.create) == 1)
        }
    }

    @Test func theDerivedIDIgnoresCallbackURLAndDependsOnBackendAndRoute() throws {
        let scratch = try Scratch()
        let plain = try scratch.image2videoBody("a.json")
        let withCallback = try scratch.image2videoBody(
            "b.json", extra: ["\"callback_url\":\"https://example.com/hook/1\""])
        let otherCallback = try scratch.image2videoBody(
            "c.json", extra: ["\"callback_url\":\"https://example.com/hook/2\""])
        let mine = try scratch.image2videoBody("d.json", extra: ["\"external_task_id\":\"mine\""])
        let yours = try scratch.image2videoBody("e.json", extra: ["\"external_task_id\":\"yours\""])
        func content(_ url: URL) throws -> String { try ContentDigest.of(url, scan: try BodyScanner.scan(url)) }
        #expect(try content(withCallback) == content(otherCallback))
        #expect(try content(mine) == content(yours))
        #expect(try BodyScanner.scan(mine).sha256 != BodyScanner.scan(yours).sha256)
        // Filling either member in, or re-formatting the file, keeps the content.
        #expect(try content(plain) == content(withCallback))
        #expect(try content(plain) == content(mine))
        let pretty = scratch.file("pretty.json")
        let text = try String(contentsOf: withCallback, encoding: .utf8)
        try Data(
            (text.replacingOccurrences(of: ",\"", with: ",\n  \"").replacingOccurrences(of: ":", with: ": ") + "\n")
                .utf8
        )
        .write(to: pretty)
        #expect(try content(pretty) == content(plain))
        let first = try scratch.body("first.json", members: ["\"external_task_id\":\"x\"", "\"prompt\":\"walk\""])
        let only = try scratch.body("only.json", members: ["\"prompt\":\"walk\""])
        #expect(try content(first) == content(only))
        // A string that holds spaces and commas is content.
        let spaced = try scratch.body("spaced.json", members: ["\"prompt\":\"walk , slowly\""])
        #expect(try content(spaced) != content(only))
        let digest = try content(plain)
        let comet = ExternalTaskID.derive(backend: .cometapi, route: .image2video, contentSHA256: digest)
        #expect(comet != ExternalTaskID.derive(backend: .kling, route: .image2video, contentSHA256: digest))
        #expect(comet != ExternalTaskID.derive(backend: .cometapi, route: .multiImage2video, contentSHA256: digest))
        let take3 = ExternalTaskID.derive(backend: .cometapi, route: .image2video, contentSHA256: digest, take: 3)
        #expect(take3 == comet + "-t3")
        #expect(ExternalTaskID.take(of: take3, backend: .cometapi, route: .image2video, contentSHA256: digest) == 3)
        #expect(ExternalTaskID.problem(with: take3) == nil)
    }

    @Test func forceNewTakesTheNextFreeTakeAndRecordsIt() async throws {
        try await withHarness { h in
            let body = try h.scratch.image2videoBody()
            let first = try await h.submitter().submit(body: body, options: SubmitOptions())
            let second = try await h.submitter().submit(body: body, options: SubmitOptions(forceNew: true))
            // Another machine, no journal: take 2 exists at the service, so take 3.
            let third = try await Submitter(client: h.client, journal: nil, poll: h.poll).submit(
                body: body, options: SubmitOptions(forceNew: true))
            #expect(second.take == 2 && third.take == 3)
            #expect(second.externalTaskID == (first.externalTaskID ?? "") + "-t2")
            #expect(h.service.totalCreated == 3)
            #expect(try h.journal.records().contains { $0.event == .prepared && $0.take == 2 })
        }
    }

    @Test func aJournalsRandomIDForThisBodyWins() async throws {
        try await withHarness { h in
            let body = try h.scratch.image2videoBody()
            let scan = try BodyScanner.scan(body)
            try h.journal.append(
                JournalRecord(
                    event: .prepared, route: .image2video, bodySHA256: scan.sha256, externalTaskID: "klingprep-old-1"))
            let outcome = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(outcome.externalTaskID == "klingprep-old-1")
            #expect(h.service.externalIDs == ["klingprep-old-1"])
        }
    }

    @Test func aFailedTaskFoundByTheDerivedIDIsReportedNotAdopted() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .milliseconds(5), processing: .milliseconds(5))) { h in
            h.service.setNextTaskFates([.fail("content policy")])
            let body = try h.scratch.image2videoBody()
            _ = try await Submitter(client: h.client, journal: nil, poll: h.poll).submit(
                body: body, options: SubmitOptions())
            try await Task.sleep(for: .milliseconds(50))
            do {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions())
                Issue.record("expected the failed task to be reported")
            } catch let error as SubmitError {
                guard case .existingTaskFailed(_, _, let message) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(message == "content policy")
                #expect(error.description.contains("--force-new"))
            }
            #expect(h.service.requestCount(.create) == 1)
        }
    }

    /// Configures the fake so that no lookup can tell: the path form does not resolve external
    /// ids and the query form answers as `mode` says; the client asks only the query form, as
    /// `doctor` would have found.
    static let unavailableModes: [(FakeQueryLookupMode, FakeUnknownPathAnswer)] = [
        (.off, .html404), (.off, .redirect301), (.off, .plain404), (.list, .plain404),
    ]

    @Test(arguments: 0..<4)
    func anUnavailableLookupWithAJournalRecordSendsNothing(mode index: Int) async throws {
        try await withHarness { h in
            let (query, unknown) = Self.unavailableModes[index]
            let body = try h.scratch.image2videoBody()
            // A list holding the task would rightly find it: there, the lost POST created nothing.
            let created = query == .list ? 0 : 1
            try await loseTheAnswer(
                h, body: body, journal: h.journal, fault: created == 0 ? .closeBeforeBody : .closeAfterBody,
                created: created)
            h.service.queryLookup = query
            h.service.unknownPathAnswer = unknown
            do {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions(lookupForms: [.query]))
                Issue.record("expected the submission to stop")
            } catch let error as SubmitError {
                guard case .attemptNotRuledOut(let id, let state, _, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(id.hasPrefix("kp1-"))
                #expect(state.contains("prepared"))
                #expect(error.description.contains("dashboard"))
            }
            #expect(h.service.requestCount(.create) == 1)
            #expect(h.service.totalCreated == created)
        }
    }

    @Test func anUnavailableLookupWithoutARecordSendsWithAWarning() async throws {
        try await withHarness { h in
            h.service.queryLookup = .off
            h.service.unknownPathAnswer = .html404
            let outcome = try await h.submitter().submit(
                body: try h.scratch.image2videoBody(), options: SubmitOptions(lookupForms: [.query]))
            #expect(outcome.origin == .created)
            #expect(h.events.all.contains { if case .lookupInconclusive = $0 { true } else { false } })
        }
    }

    @Test func aListAnswerIsSearchedAndAMismatchedTaskIsNeverAdopted() async throws {
        try await withHarness { h in
            h.service.queryLookup = .list
            let body = try h.scratch.image2videoBody()
            let first = try await h.submitter().submit(body: body, options: SubmitOptions())
            try FileManager.default.removeItem(at: h.journal.url)
            let again = try await h.submitter().submit(body: body, options: SubmitOptions(lookupForms: [.query]))
            #expect(again.origin == .adopted && again.taskID == first.taskID)
            // A task whose external id is another: the lookup says nothing.
            h.service.seedTask(on: .image2video, externalID: "someone-else")
            let answer = try await h.client.lookUp(externalID: "kp1-nobody", route: .image2video, form: .query)
            guard case .unavailable(_, let reason) = answer else {
                Issue.record("expected unavailable, got \(answer)")
                return
            }
            #expect(reason.contains("without this id"))
        }
    }

    @Test func thePathFormFindsATaskByItsExternalIDWhenTheServiceResolvesIt() async throws {
        try await withHarness { h in
            h.service.pathLookupByExternalID = true
            h.service.queryLookup = .off
            let body = try h.scratch.image2videoBody()
            _ = try await h.submitter().submit(body: body, options: SubmitOptions())
            try FileManager.default.removeItem(at: h.journal.url)
            let again = try await h.submitter().submit(body: body, options: SubmitOptions(lookupForms: [.path]))
            #expect(again.origin == .adopted)
            #expect(h.service.requestCount(.create) == 1)
        }
    }
}
