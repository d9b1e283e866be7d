import Foundation
import KlingBatch
import KlingCheck
import KlingFakeService
import KlingRequest
import KlingSubmit
import Testing

/// Whole batches against the fake service on 127.0.0.1: every job accounted for exactly once,
/// no task created twice, faults and the account's limits absorbed by the shared pace.
@Suite struct BatchRunTests {
    @Test func validatesEveryJobOnceInInputOrder() async throws {
        let fixture = try BatchFixture.make(count: 200)
        defer { fixture.remove() }
        let jobs = try BatchInputs.expand([fixture.jobsFolder])
        #expect(jobs.count == 200)
        let events = BatchEvents()
        let results = await BatchRunner(options: BatchOptions(mode: .validate), report: events.record).run(jobs)
        #expect(results.map(\.input) == jobs.map(\.input))
        #expect(Set(events.finishedInputs) == Set(jobs.map(\.input)) && events.finishedInputs.count == 200)
        for result in results {
            let number = try #require(BatchFixture.number(of: result))
            #expect(result.status == (fixture.invalid.contains(number) ? .invalid : .valid), "\(result.input)")
        }
        let summary = BatchSummary(results)
        #expect(summary.counts[.valid] == 180 && summary.counts[.invalid] == 20)
        #expect(summary.findingsByCode["duration.unknown"] == 20)
        #expect(summary.exitCode == 1)
        // The finding points at the duration's line (line 2 of each job file).
        let bad = try #require(results.first { $0.status == .invalid })
        let duration = try #require(bad.findings.first { $0.finding.code == "duration.unknown" })
        #expect(duration.line == 2)
    }

    @Test func submitsTwoHundredJobsThroughFaultsWithNoTaskTwice() async throws {
        let fixture = try BatchFixture.make(count: 200)
        defer { fixture.remove() }
        // The account runs 3 tasks at once; the batch asks for 4: 1303 answers, waited out.
        let h = try await BatchHarness.start(concurrencyLimit: 3)
        h.fake.inject(
            .rateLimited(retryAfter: 1), .closeAfterBody, .status(500, code: 5000, afterCreating: true),
            .closeBeforeBody, .rateLimited(retryAfter: 1), .slowReply(.milliseconds(300)), .closeAfterBody,
            on: .create)
        h.fake.inject(.status(503, code: 5001), .malformedJSON, .status(500, code: 5000), on: .get)
        h.fake.inject(.truncatedBody, on: .download)
        h.fake.setNextTaskFates([.succeed, .fail("bad luck"), .succeed, .succeed, .fail("bad luck")])
        let out = fixture.root.appendingPathComponent("out").path
        let options = BatchOptions(
            mode: .submit, output: out, parallelism: 2, concurrency: 4, wait: true, timeout: .seconds(120))
        let jobs = try BatchInputs.expand([fixture.jobsFolder])
        let events = BatchEvents()
        let runner = BatchRunner(
            options: options, service: h.service(journal: URL(fileURLWithPath: out + "/journal.jsonl")),
            report: events.record)
        let results = await runner.run(jobs)
        let snapshot = h.pace.snapshot()
        let (created, ids, concurrencyRefusals) = (h.fake.totalCreated, h.fake.externalIDs, h.fake.concurrencyRefusals)
        await h.stop()

        #expect(results.count == 200)
        #expect(events.finishedInputs.count == 200 && Set(events.finishedInputs).count == 200)
        let byStatus = Dictionary(grouping: results, by: \.status)
        #expect(byStatus[.invalid]?.count == 20)
        #expect(byStatus[.succeed]?.count == 178, "\(results.filter { $0.status == .error }.map { $0.message ?? "" })")
        #expect(byStatus[.failed]?.count == 2)
        #expect(byStatus[.error] == nil)
        // One task per valid job, and each external id once.
        #expect(created == 180)
        #expect(Set(ids).count == ids.count)
        let reported = Set(results.compactMap(\.externalTaskID))
        #expect(reported.symmetricDifference(Set(ids)).isEmpty, "\(reported.symmetricDifference(Set(ids)))")
        // Every succeeded job has its video in its folder.
        for result in byStatus[.succeed] ?? [] {
            #expect(result.files.count == 1)
            #expect(
                result.files.allSatisfy { $0.hasPrefix(out + "/jobs/") && FileManager.default.fileExists(atPath: $0) })
            #expect(result.cost != nil)
        }
        // The limits were met and waited out by the batch, not turned into failures.
        #expect(snapshot.rateLimits >= 2)
        #expect(concurrencyRefusals > 0 && snapshot.concurrencyLimits > 0)
        #expect(BatchSummary(results).exitCode == 2)
        #expect(BatchSummary(results).cost == results.compactMap(\.cost).reduce(0, +))
    }

    @Test func twoShardsAndAnOverlappingRunCreateNothingTwice() async throws {
        let fixture = try BatchFixture.make(count: 60)
        defer { fixture.remove() }
        let h = try await BatchHarness.start()
        let jobs = try BatchInputs.expand([fixture.jobsFolder])
        var seen: [String: Int] = [:]
        // Two machines, each with its own folder and journal; then a third run of the whole
        // batch on a third machine (nothing shared but the service).
        for (index, shard) in [Shard(index: 1, count: 2), Shard(index: 2, count: 2), nil].enumerated() {
            let out = fixture.root.appendingPathComponent("machine-\(index)").path
            let mine = shard.map { shard in jobs.filter(shard.contains) } ?? jobs
            let runner = BatchRunner(
                options: BatchOptions(mode: .submit, output: out, concurrency: 3),
                service: h.service(journal: URL(fileURLWithPath: out + "/journal.jsonl")))
            for result in await runner.run(mine) { seen[result.input, default: 0] += 1 }
        }
        let (created, ids) = (h.fake.totalCreated, h.fake.externalIDs)
        await h.stop()
        let valid = 60 - fixture.invalid.count
        #expect(created == valid)
        #expect(Set(ids).count == valid)
        // Shards 1 and 2 together saw each job once; the third run saw each again.
        #expect(seen.count == 60 && seen.values.allSatisfy { $0 == 2 })
        #expect(jobs.filter { Shard(index: 1, count: 2)?.contains($0) == true }.count > 10)
    }

    @Test func aWaitThatRunsOutIsTimedOutAndExitsFour() async throws {
        let fixture = try BatchFixture.make(count: 3, invalidEvery: 100)
        defer { fixture.remove() }
        let fake = FakeKlingService(
            backend: .cometapi(apiKey: batchKey),
            timeline: FakeTimeline(submitted: .seconds(60), processing: .seconds(60)))
        try await fake.start()
        let pace = RequestPace()
        let client = KlingClient(
            endpoint: try ServiceEndpoint(baseURL: fake.baseURL, backend: .cometapi),
            credentials: .apiKey(try APIKey(batchKey)), settings: ClientSettings(pace: pace))
        let out = fixture.root.appendingPathComponent("out").path
        let runner = BatchRunner(
            options: BatchOptions(mode: .submit, output: out, wait: true, timeout: .milliseconds(300)),
            service: BatchService(
                client: client, journal: Journal(url: URL(fileURLWithPath: out + "/j.jsonl")), pace: pace,
                poll: PollSchedule(initial: .milliseconds(50), maximum: .milliseconds(100))))
        let results = await runner.run(try BatchInputs.expand([fixture.jobsFolder]))
        try? await client.shutdown()
        await fake.stop()
        #expect(results.map(\.status) == [.timedOut, .timedOut, .timedOut])
        #expect(results.allSatisfy { $0.taskID != nil })
        #expect(BatchSummary(results).exitCode == 4)
    }

    @Test func exitCodesFollowThePrecedenceThreeTwoFourOne() {
        func summary(_ statuses: [BatchJobResult.Status]) -> Int32 {
            BatchSummary(statuses.map { BatchJobResult(input: "x", file: "x", status: $0) }).exitCode
        }
        #expect(summary([.valid, .built, .submitted, .succeed]) == 0)
        #expect(summary([.valid, .invalid]) == 1)
        #expect(summary([.invalid, .timedOut]) == 4)
        #expect(summary([.invalid, .timedOut, .failed]) == 2)
        #expect(summary([.invalid, .timedOut, .failed, .error]) == 3)
    }
}

/// The same body twice at once: one task, whatever a reused external id would get.
@Suite struct SameBodyTests {
    @Test func identicalJobsInOneBatchShareOneTask() async throws {
        let fixture = try BatchFixture.make(count: 1, invalidEvery: 100)
        defer { fixture.remove() }
        let line = #"{"prompt": "twin line", "images": ["jobs/frame.png"]}"#
        let manifest = fixture.root.appendingPathComponent("twins.jsonl")
        try Data(String(repeating: line + "\n", count: 6).utf8).write(to: manifest)
        let h = try await BatchHarness.start()
        // The costly answer: the service would create a second task for a reused id.
        h.fake.acceptsReusedExternalID = true
        let out = fixture.root.appendingPathComponent("out").path
        let runner = BatchRunner(
            options: BatchOptions(mode: .submit, output: out, concurrency: 6, wait: true, timeout: .seconds(60)),
            service: h.service(journal: URL(fileURLWithPath: out + "/journal.jsonl")))
        let results = await runner.run(try BatchInputs.expand([manifest.path]))
        let created = h.fake.totalCreated
        await h.stop()
        #expect(results.count == 6 && results.allSatisfy { $0.status == .succeed })
        #expect(created == 1)
        #expect(Set(results.compactMap(\.taskID)).count == 1)
    }

    @Test func twoBatchesOnOneJournalAtOnceCreateEachTaskOnce() async throws {
        let fixture = try BatchFixture.make(count: 30, invalidEvery: 100)
        defer { fixture.remove() }
        let h = try await BatchHarness.start()
        h.fake.acceptsReusedExternalID = true
        let out = fixture.root.appendingPathComponent("out").path
        let jobs = try BatchInputs.expand([fixture.jobsFolder])
        let journal = URL(fileURLWithPath: out + "/journal.jsonl")
        async let first = BatchRunner(
            options: BatchOptions(mode: .submit, output: out, concurrency: 3), service: h.service(journal: journal)
        ).run(jobs)
        async let second = BatchRunner(
            options: BatchOptions(mode: .submit, output: out, concurrency: 3), service: h.service(journal: journal)
        ).run(jobs.reversed())
        let (a, b) = await (first, second)
        let (created, ids) = (h.fake.totalCreated, h.fake.externalIDs)
        await h.stop()
        #expect((a + b).allSatisfy { [.submitted, .succeed].contains($0.status) }, "\((a + b).compactMap(\.message))")
        #expect(created == 30)
        #expect(Set(ids).count == 30)
    }
}
