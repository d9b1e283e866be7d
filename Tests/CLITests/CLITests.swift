import Foundation
import KlingFakeService
import Testing

@Suite(.serialized) struct CLITests {
    @Test func submitWaitWithEveryFaultMakesOneTaskAndOneVideo() async throws {
        try await withCLI { h in
            h.service.inject(
                .rateLimited(retryAfter: 0), .closeBeforeBody, .status(503, code: 5001), .closeAfterBody, on: .create)
            h.service.inject(.status(500, code: 5000), .malformedJSON, .closeAfterBody, on: .get)
            h.service.inject(.status(502, code: 5000), on: .lookup)
            h.service.inject(.truncatedBody, .status(503, code: 5001), on: .download)
            let body = try h.body()
            let result = try await h.run(["submit", body.path, "--wait", "-o", "out", "--json"] + h.fast)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(h.service.totalCreated == 1)
            let ids = h.service.externalIDs
            #expect(ids.count == 1 && h.service.createdCount(externalID: ids[0]) == 1)
            // stdout: JSON lines only; the last is the outcome.
            #expect(result.stdoutLines.allSatisfy { json($0) != nil })
            let outcome = try #require(json(result.stdoutLines.last))
            #expect(outcome["origin"] as? String == "adopted")
            let files = try #require(outcome["files"] as? [[String: Any]])
            #expect(files.count == 1)
            let path = try #require(files.first?["path"] as? String)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == h.service.videoBytes)
            #expect(result.stdoutLines.contains { json($0)?["event"] as? String == "status" })
            #expect(!result.stderr.contains("\r"))  // not a TTY: plain lines
            #expect(!h.keyLeaked([result]))
        }
    }

    @Test func killedAfterThePostWasAcceptedThenRerunAdoptsTheSameTask() async throws {
        try await withCLI { h in
            h.service.inject(.slowReply(.seconds(60)), on: .create)
            let body = try h.body()
            let first = try h.start(["submit", body.path, "--wait", "--json"] + h.fast)
            try await h.until { h.service.totalCreated == 1 }
            first.signal(SIGKILL)
            let killed = await first.wait()
            #expect(killed.status != 0)
            let rerun = try await h.run(["submit", body.path, "--wait", "--json"] + h.fast)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let outcome = try #require(json(rerun.stdoutLines.last))
            #expect(outcome["origin"] as? String == "adopted")
            #expect(h.service.totalCreated == 1)
            #expect(h.service.requestCount(.create) == 1)
            #expect(!h.keyLeaked([killed, rerun]))
        }
    }

    @Test func killedWhileWaitingThenRerunResumesWithoutPosting() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .milliseconds(600), processing: .milliseconds(600))) { h in
            let body = try h.body()
            let first = try h.start(["submit", body.path, "--wait", "-o", "out"] + h.fast)
            try await h.until { h.service.totalCreated == 1 && h.service.requestCount(.get) >= 2 }
            first.signal(SIGKILL)
            _ = await first.wait()
            let rerun = try await h.run(["submit", body.path, "--wait", "-o", "out", "--json"] + h.fast)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(json(rerun.stdoutLines.last)?["origin"] as? String == "resumed")
            #expect(h.service.requestCount(.create) == 1)
            #expect(h.service.totalCreated == 1)
        }
    }

    @Test func ctrlCPrintsHowToResumeAndKeepsTheJournalConsistent() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .seconds(60), processing: .seconds(60))) { h in
            let body = try h.body()
            let process = try h.start(["submit", body.path, "--wait", "-o", "out"] + h.fast)
            // The path-form lookup before the POST is a GET too: wait for a poll after the create.
            try await h.until { h.service.totalCreated == 1 && h.service.requestCount(.get) >= 2 }
            process.signal(SIGINT)
            let result = await process.wait()
            #expect(result.status == 130)
            #expect(result.stderr.contains("Resume with: klingprep wait "))
            #expect(result.stderr.contains("-o out"))
            let lines = try String(contentsOf: h.journalURL, encoding: .utf8).split(separator: "\n")
            #expect(lines.allSatisfy { json(String($0)) != nil })
            #expect(json(lines.last.map(String.init))?["event"] as? String == "interrupted")
            #expect(!h.keyLeaked([result]))
        }
    }

    @Test func dryRunShowsTheRequestAndSendsNothing() async throws {
        try await withCLI { h in
            let body = try h.body()
            let result = try await h.run(["submit", body.path, "--dry-run", "--json"] + h.fast)
            #expect(result.status == 0)
            let report = try #require(json(result.stdout))
            #expect(report["method"] as? String == "POST")
            #expect((report["url"] as? String)?.hasSuffix("/kling/v1/videos/multi-image2video") == true)
            #expect(result.stdout.contains("Bearer <redacted>"))
            #expect(FakeRoute.allCases.allSatisfy { h.service.requestCount($0) == 0 })
            #expect(!FileManager.default.fileExists(atPath: h.journalURL.path))
            let text = try await h.run(["submit", body.path, "--dry-run"] + h.fast)
            #expect(text.stderr.contains("Authorization: Bearer <redacted>"))
            #expect(text.stdout.isEmpty)
            #expect(!h.keyLeaked([result, text]))
        }
    }

    @Test func statusByExternalIDAndDownloadByTaskID() async throws {
        try await withCLI { h in
            let body = try h.body(externalID: "cli-job-1")
            let submitted = try await h.run(["submit", body.path, "--json"] + h.fast)
            #expect(submitted.status == 0, "\(submitted.stderr)")
            let taskID = try #require(json(submitted.stdout)?["task_id"] as? String)
            let status = try await h.run(["status", "--external-id", "cli-job-1", "--json"] + h.fast)
            #expect(json(status.stdout)?["task_id"] as? String == taskID)
            let waited = try await h.run(["wait", taskID, "--json"] + h.fast)
            #expect(waited.status == 0)
            #expect(json(waited.stdoutLines.last)?["status"] as? String == "succeed")
            let downloaded = try await h.run(["download", taskID, "-o", "videos", "--json"] + h.fast)
            #expect(downloaded.status == 0, "\(downloaded.stderr)")
            let saved = h.directory.appendingPathComponent("videos/\(taskID).mp4")
            #expect(try Data(contentsOf: saved).count == h.service.videoBytes)
            #expect(!h.keyLeaked([submitted, status, waited, downloaded]))
        }
    }

    @Test func keyFromAFileWithATrailingNewline() async throws {
        try await withCLI { h in
            try FileManager.default.createDirectory(at: h.credentialsDirectory, withIntermediateDirectories: true)
            let keyFile = h.credentialsDirectory.appendingPathComponent("key.txt")
            try Data((cliKey + "\n").utf8).write(to: keyFile)
            var env = h.environment
            env["COMETAPI_KEY"] = nil
            let result = try await h.run(
                ["submit", try h.body().path, "--api-key-file", keyFile.path] + h.fast, environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(h.service.authorizationFailures == 0)
            #expect(!h.keyLeaked([result]))
        }
    }

    @Test func exitCodes() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .seconds(60), processing: .seconds(60))) { h in
            var results: [CLIResult] = []
            // 64: usage, missing key, insecure URL.
            results.append(try await h.run(["status"] + h.fast))
            #expect(results.last?.status == 64)
            var noKey = h.environment
            noKey["COMETAPI_KEY"] = nil
            results.append(try await h.run(["submit", try h.body().path] + h.fast, environment: noKey))
            #expect(results.last?.status == 64)
            results.append(try await h.run(["status", "1", "--base-url", "http://example.com"]))
            #expect(results.last?.status == 64)
            // 1: the body is not a JSON object.
            let array = h.directory.appendingPathComponent("array.json")
            try Data("[1]".utf8).write(to: array)
            results.append(try await h.run(["submit", array.path] + h.fast))
            #expect(results.last?.status == 1)
            // 4: timed out waiting.
            results.append(
                try await h.run(["submit", try h.body().path, "--wait", "--timeout", "0.3", "--json"] + h.fast))
            #expect(results.last?.status == 4)
            #expect(
                json(results.last?.stdoutLines.last).flatMap { $0["error"] as? [String: Any] }?["exit_code"] as? Int
                    == 4)
            // 3: unreachable.
            results.append(
                try await h.run([
                    "status", "1", "--base-url", "http://127.0.0.1:9", "--retry-delay", "0.01", "--connect-timeout",
                    "0.2",
                ]))
            #expect(results.last?.status == 3)
            #expect(!h.keyLeaked(results))
        }
    }

    @Test func aFailedTaskExitsTwo() async throws {
        try await withCLI { h in
            h.service.setNextTaskFates([.fail("moderation")])
            let result = try await h.run(["submit", try h.body().path, "--wait"] + h.fast)
            #expect(result.status == 2)
            #expect(result.stderr.contains("moderation"))
            #expect(h.service.totalCreated == 1)
        }
    }
}
