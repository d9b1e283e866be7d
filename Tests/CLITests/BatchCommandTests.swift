import Foundation
import KlingFakeService
import Testing
import TestSupport

/// `klingprep batch` as a process: killed mid-run and run again, every job accounted for and no
/// task created twice; the documents' shapes; shards; usage errors.
@Suite struct BatchCommandTests {
    /// Writes `count` image2video jobs under `DIR/jobs/` (every 10th invalid) and returns the folder.
    static func jobs(in directory: URL, count: Int) throws -> String {
        let jobs = directory.appendingPathComponent("jobs")
        try FileManager.default.createDirectory(at: jobs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("demo/images/rocket.jpg"), toPath: jobs.appendingPathComponent("rocket.jpg").path)
        for number in 1...count {
            let text = """
                duration: \(number % 10 == 0 ? "7" : "5")
                prompt: Shot \(number), the rocket lifts off.
                images: [rocket.jpg]

                """
            try Data(text.utf8).write(to: jobs.appendingPathComponent(String(format: "shot-%03d.yaml", number)))
        }
        return jobs.path
    }

    @Test func killedMidRunThenRunAgainFinishesWithNoTaskTwice() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .milliseconds(400), processing: .milliseconds(400))) { h in
            let folder = try Self.jobs(in: h.directory, count: 30)
            let out = h.directory.appendingPathComponent("out").path
            let arguments =
                ["batch", folder, "--submit", "--wait", "-o", out, "--concurrency", "4", "--no-preview"] + h.fast
            let first = try h.start(arguments)
            try await h.until(seconds: 60) { h.service.totalCreated >= 6 }
            first.signal(SIGKILL)
            let killed = await first.wait()
            #expect(killed.status != 0)
            let createdBeforeRerun = h.service.totalCreated
            #expect(createdBeforeRerun < 27)
            let rerun = try await h.run(arguments + ["--json"])
            #expect(rerun.status == 1, "\(rerun.stderr)")  // 3 invalid jobs, every task succeeded
            #expect(h.service.totalCreated == 27)
            #expect(h.service.externalIDs.allSatisfy { h.service.createdCount(externalID: $0) == 1 })
            let document = try #require(json(rerun.stdout))
            let jobs = try #require(document["jobs"] as? [[String: Any]])
            #expect(jobs.count == 30)
            #expect(Set(jobs.compactMap { $0["input"] as? String }).count == 30)
            #expect(jobs.filter { $0["status"] as? String == "succeed" }.count == 27)
            #expect(jobs.filter { $0["status"] as? String == "invalid" }.count == 3)
            let summary = try #require(document["summary"] as? [String: Any])
            #expect(
                summary["total"] as? Int == 30 && summary["succeed"] as? Int == 27 && summary["invalid"] as? Int == 3)
            // summary.json holds the same document.
            let saved = try #require(json(try String(contentsOfFile: out + "/summary.json", encoding: .utf8)))
            #expect((saved["jobs"] as? [[String: Any]])?.count == 30)
            #expect(!h.keyLeaked([killed, rerun]))
        }
    }

    @Test func ctrlCStopsTheBatchWithItsSummaryAndARunAgainFinishesIt() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .seconds(1), processing: .seconds(1))) { h in
            let folder = try Self.jobs(in: h.directory, count: 8)
            let out = h.directory.appendingPathComponent("out").path
            let arguments =
                ["batch", folder, "--submit", "--wait", "-o", out, "--concurrency", "2", "--no-preview"] + h.fast
            let first = try h.start(arguments + ["--json"])
            try await h.until(seconds: 60) { h.service.totalCreated >= 2 }
            first.signal(SIGINT)
            let stopped = await first.wait()
            #expect(stopped.status == 130, "\(stopped.stderr)")
            let document = try #require(json(stopped.stdout), "\(stopped.stdout)")
            let jobs = try #require(document["jobs"] as? [[String: Any]])
            #expect(jobs.count == 8)
            #expect(jobs.contains { ($0["message"] as? String)?.contains("interrupted") == true })
            #expect(FileManager.default.fileExists(atPath: out + "/summary.json"))
            let rerun = try await h.run(arguments)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(h.service.totalCreated == 8)
            #expect(h.service.externalIDs.allSatisfy { h.service.createdCount(externalID: $0) == 1 })
        }
    }

    @Test func twoProcessesOnOneOutputFolderCreateEachTaskOnce() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .milliseconds(300), processing: .milliseconds(300))) { h in
            // The costly answer: the service would create a second task for a reused id.
            h.service.acceptsReusedExternalID = true
            let folder = try Self.jobs(in: h.directory, count: 20)
            let out = h.directory.appendingPathComponent("out").path
            let arguments = ["batch", folder, "--submit", "-o", out, "--concurrency", "3", "--no-preview"] + h.fast
            let first = try h.start(arguments)
            let second = try h.start(arguments)
            let (a, b) = (await first.wait(), await second.wait())
            #expect(a.status == 1 && b.status == 1, "\(a.stderr)\n\(b.stderr)")  // 2 invalid jobs each
            #expect(h.service.totalCreated == 18)
            #expect(h.service.externalIDs.allSatisfy { h.service.createdCount(externalID: $0) == 1 })
        }
    }

    @Test func timeoutBoundsTheConcurrencyWait() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .seconds(60), processing: .seconds(60))) { h in
            // Someone else's task holds the account's only slot for two minutes.
            h.service.concurrencyLimit = 1
            _ = h.service.seedTask(on: .image2video)
            let folder = try Self.jobs(in: h.directory, count: 1)
            let out = h.directory.appendingPathComponent("out").path
            let started = ContinuousClock.now
            let batch = try await h.run(
                ["batch", folder, "--submit", "-o", out, "--timeout", "3", "--no-preview", "--json"] + h.fast)
            #expect(batch.status == 3, "\(batch.stderr)")
            let submit = try await h.run(["submit", try h.body().path, "--timeout", "3", "--json"] + h.fast)
            #expect(submit.status == 3, "\(submit.stderr)")
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(h.service.totalCreated == 1)  // the seeded task only
            #expect(h.service.concurrencyRefusals >= 2)
        }
    }

    @Test func aSummaryThatCannotBeWrittenKeepsTheDocumentOnStdout() async throws {
        try await withCLI { h in
            let folder = try Self.jobs(in: h.directory, count: 3)
            let blocker = h.directory.appendingPathComponent("afile")
            try Data("x".utf8).write(to: blocker)
            let result = try await h.run(["batch", folder, "--build", blocker.path, "--json", "--no-preview"])
            #expect(result.status == 3)
            let jobs = try #require(json(result.stdout)?["jobs"] as? [[String: Any]])
            #expect(jobs.count == 3)
            #expect(result.stderr.contains("summary.json"))
        }
    }

    @Test func anUnreadableJobIsAJUnitErrorAndTheBatchGoesOn() async throws {
        try await withCLI { h in
            let folder = try Self.jobs(in: h.directory, count: 2)
            #expect(mkfifo(folder + "/stuck.yaml", 0o600) == 0)
            let result = try await h.run(["batch", folder, "--format", "junit"])
            #expect(result.status == 1)
            let xml = try JUnitDocument(Data(result.stdout.utf8))
            let suite = try #require(xml.elements.first { $0.name == "testsuite" }?.attributes)
            #expect(suite["tests"] == "3" && suite["errors"] == "1" && suite["failures"] == "0")
            #expect(
                xml.elements.contains { $0.name == "error" && $0.attributes["message"]?.contains("stuck.yaml") == true }
            )
        }
    }

    @Test func jsonlPrintsOneLinePerJobThenTheSummary() async throws {
        try await withCLI { h in
            let folder = try Self.jobs(in: h.directory, count: 12)
            let result = try await h.run(["batch", folder, "--validate-only", "--jsonl"])
            #expect(result.status == 1)
            let lines = result.stdoutLines.compactMap(json)
            #expect(lines.count == 13)
            #expect(
                lines.prefix(12).allSatisfy { ($0["status"] as? String).map(["valid", "invalid"].contains) == true })
            let invalid = try #require(lines.first { $0["status"] as? String == "invalid" })
            let finding = try #require((invalid["findings"] as? [[String: Any]])?.first)
            #expect(finding["code"] as? String == "duration.unknown" && finding["line"] as? Int == 1)
            let summary = try #require(lines.last?["summary"] as? [String: Any])
            #expect(summary["valid"] as? Int == 11 && summary["invalid"] as? Int == 1)
            #expect(summary["findings_by_code"] as? [String: Int] == ["duration.unknown": 1])
        }
    }

    @Test func shardsSplitTheJobsWithoutOverlap() async throws {
        try await withCLI { h in
            let folder = try Self.jobs(in: h.directory, count: 40)
            var seen: [String] = []
            for k in 1...3 {
                let result = try await h.run(["batch", folder, "--shard", "\(k)/3", "--json"])
                let jobs = try #require(json(result.stdout)?["jobs"] as? [[String: Any]])
                #expect(!jobs.isEmpty)
                seen += jobs.compactMap { $0["input"] as? String }
                let summary = try #require(json(result.stdout)?["summary"] as? [String: Any])
                #expect(summary["shard"] as? String == "\(k)/3")
                #expect((summary["other_shards"] as? Int).map { $0 + jobs.count } == 40)
            }
            #expect(seen.count == 40 && Set(seen).count == 40)
        }
    }

    @Test func usageErrorsNameTheProblem() async throws {
        try await withCLI { h in
            let folder = try Self.jobs(in: h.directory, count: 2)
            let cases: [([String], String)] = [
                (["batch"], "give job files"),
                (["batch", folder, "--submit"], "-o DIR"),
                (["batch", folder, "--shard", "4/3"], "K/N"),
                (["batch", folder, "--shard", "x"], "K/N"),
                (["batch", "nope/"], "no such file or folder"),
                (["batch", folder, "--wait"], "--submit"),
                (["batch", folder, "--concurrency", "0"], "--concurrency"),
                (["batch", h.directory.appendingPathComponent("empty").path], "no such file"),
            ]
            for (arguments, expected) in cases {
                let result = try await h.run(arguments)
                #expect(result.status == 64, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            }
        }
    }
}
