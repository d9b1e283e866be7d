import Foundation
import KlingCheck
import KlingFakeService
import TestSupport
import Testing

/// Issue 11 through the binary: both backends create, follow and download from the same body;
/// a run killed after its POST is found again with the journal deleted; no credential or token
/// reaches any output or file; doctor's findings steer submit; the hook fills callback_url.
@Suite(.serialized) struct BackendCLITests {
    @Test(arguments: [Backend.cometapi, .kling])
    func killedAfterThePostAndRerunWithoutTheJournalFindsTheTask(backend: Backend) async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .seconds(60), processing: .seconds(60)), backend: backend) {
            h in
            let body = try h.body()
            let first = try h.start(["submit", body.path, "--wait"] + h.fast)
            try await h.until { h.service.totalCreated == 1 }
            first.signal(SIGKILL)
            _ = await first.wait()
            try? FileManager.default.removeItem(at: h.journalURL)
            let rerun = try await h.run(["submit", body.path, "--json"] + h.fast)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let outcome = try #require(json(rerun.stdoutLines.last))
            #expect(outcome["origin"] as? String == "adopted")
            #expect(outcome["backend"] as? String == backend.rawValue)
            #expect(h.service.requestCount(.create) == 1)
            #expect(!h.keyLeaked([rerun]))
        }
    }

    @Test(arguments: [Backend.cometapi, .kling])
    func everyCommandKeepsTheCredentialsAndTokensSecret(backend: Backend) async throws {
        try await withCLI(
            timeline: FakeTimeline(submitted: .milliseconds(20), processing: .milliseconds(20)), backend: backend
        ) {
            h in
            let body = try h.body()
            var results: [CLIResult] = []
            results.append(try await h.run(["submit", body.path, "--dry-run"] + h.fast))
            let submitted = try await h.run(["submit", body.path, "--wait", "-o", "out", "--json"] + h.fast)
            #expect(submitted.status == 0, "\(submitted.stderr)")
            results.append(submitted)
            let outcome = try #require(json(submitted.stdoutLines.last))
            let taskID = try #require(outcome["task_id"] as? String)
            let externalID = try #require(outcome["external_task_id"] as? String)
            let journal = ["--journal", h.journalURL.path]
            for arguments in [
                ["status", taskID], ["status", "--external-id", externalID], ["wait", taskID, "-o", "again"],
                ["download", taskID, "-o", "dl"], ["doctor", "--json"],
            ] {
                let result = try await h.run(arguments + journal + h.fast)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                results.append(result)
            }
            // Wrong credentials: the fake echoes what it was shown.
            var wrong = h.environment
            wrong["COMETAPI_KEY"] = cliKey + "-wrong"
            wrong["KLING_SECRET_KEY"] = cliSecretKey + "-wrong"
            let refused = try await h.run(["status", taskID] + h.fast, environment: wrong)
            #expect(refused.status == 3, "\(refused.stderr)")
            #expect(!refused.stderr.contains(cliKey + "-wrong") && !refused.stderr.contains(cliSecretKey))
            results.append(refused)
            #expect(!h.keyLeaked(results))
            #expect(h.service.presentedTokens.isEmpty == (backend == .cometapi))
        }
    }

    @Test func doctorRecordsTheFormsThatWorkAndSubmitAsksOnlyThose() async throws {
        try await withCLI { h in
            // The path form does not resolve external ids here; the query form does.
            let first = try await h.run(["submit", try h.body().path] + h.fast)
            #expect(first.status == 0, "\(first.stderr)")
            let doctor = try await h.run(["doctor", "--journal", h.journalURL.path, "--json"] + h.fast)
            #expect(doctor.status == 0, "\(doctor.stderr)")
            let findings = try #require(json(doctor.stdout))
            #expect(findings["lookup_forms"] as? [String] == ["query"])
            let forms = try #require(findings["forms"] as? [[String: Any]])
            let path = try #require(forms.first { $0["form"] as? String == "path" })
            #expect(path["answers_not_found"] as? Bool == true && path["finds_known_task"] as? Bool == false)
            #expect(FileManager.default.fileExists(atPath: h.stateDirectory.appendingPathComponent("doctor.json").path))
            #expect(h.service.requestCount(.create) == 1)  // doctor created nothing
            // The query form goes away: with no record of a new body, submit sends it and warns.
            h.service.queryLookup = .off
            h.service.unknownPathAnswer = .html404
            let other = try h.body("other.json", externalID: nil, model: "kling-v1-6")
            try Data(
                (try String(contentsOf: other, encoding: .utf8)).replacingOccurrences(of: "walk", with: "run").utf8
            )
            .write(to: other)
            let second = try await h.run(["submit", other.path, "--journal", "j2.jsonl"] + h.fast)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stderr.contains("could not tell whether it exists"))
            // One from the first submit, two from doctor's probes: the second submit did not ask it.
            #expect(h.service.lookupCount(.path) == 3)
        }
    }

    @Test func callbackBaseSendsTheHooksSecretURLAndTheHookSavesTheVideo() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .milliseconds(50), processing: .milliseconds(50))) { h in
            let hook = try h.start(
                ["hook", "serve", "--listen", "127.0.0.1:0", "--journal", h.journalURL.path, "-o", "videos", "--json"]
                    + h.fast)
            var port = 0
            try await h.until {
                let text = (try? String(contentsOf: hook.outURL, encoding: .utf8)) ?? ""
                port = (json(text.split(separator: "\n").first.map(String.init))?["port"] as? Int) ?? 0
                return port > 0
            }
            let submit = try await h.run(
                ["submit", try h.body().path, "--callback-base", "http://127.0.0.1:\(port)", "--json"] + h.fast)
            #expect(submit.status == 0, "\(submit.stderr)")
            let taskID = try #require(json(submit.stdoutLines.last)?["task_id"] as? String)
            let video = h.directory.appendingPathComponent("videos/\(taskID).mp4")
            try await h.until { FileManager.default.fileExists(atPath: video.path) }
            #expect(try Data(contentsOf: video) == Data(h.service.videoContent()))
            let sent = h.service.callbacksSent
            #expect(!sent.isEmpty && sent.allSatisfy { $0.url.contains("/hook/") && $0.httpStatus == 200 })
            let secret = try #require(sent.first?.url.split(separator: "/").last.map(String.init))
            #expect(!(submit.stdout + submit.stderr).contains(secret))
            hook.signal(SIGINT)
            let stopped = await hook.wait()
            #expect(stopped.status == 0, "\(stopped.stderr)")
        }
    }

    @Test func statusWarnsWhileASucceededTasksVideoIsNotDownloaded() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .milliseconds(10), processing: .milliseconds(10))) { h in
            let submitted = try await h.run(["submit", try h.body().path, "--wait", "--json"] + h.fast)
            #expect(submitted.status == 0, "\(submitted.stderr)")
            let taskID = try #require(json(submitted.stdoutLines.last)?["task_id"] as? String)
            #expect(json(submitted.stdoutLines.last)?["cost"] as? String == "1.5")
            let journal = ["--journal", h.journalURL.path]
            let before = try await h.run(["status", taskID] + journal + h.fast)
            #expect(
                before.stderr.contains("not recorded as downloaded") && before.stderr.contains("of 30 days are left"))
            #expect(before.stderr.contains("cost: 1.5"))
            _ = try await h.run(["download", taskID, "-o", "dl"] + journal + h.fast)
            let after = try await h.run(["status", taskID] + journal + h.fast)
            #expect(after.status == 0 && !after.stderr.contains("not recorded as downloaded"), "\(after.stderr)")
            let help = try await h.run(["wait", "--help"])
            #expect(help.stdout.contains("60 minutes"))
        }
    }

    /// A multi-image job file in the scratch directory; `prompt` varies it.
    func job(_ h: CLIHarness, prompt: String = "Waves roll in.", model: String = "kling-v1-6") throws -> String {
        let job = h.directory.appendingPathComponent("job.yaml").path
        try Data(
            """
            model: \(model)
            duration: 5
            prompt: \(prompt)
            images:
              - \(TestPaths.fixture("images/landscape.jpg"))
              - \(TestPaths.fixture("images/gradient.png"))
            """.utf8
        ).write(to: URL(fileURLWithPath: job))
        return job
    }

    @Test func aRefusedSubmitKeepsTheBodyTheJournalPointsAt() async throws {
        try await withCLI { h in
            let job = try job(h)
            let out = h.directory.appendingPathComponent("out").path
            let first = try await h.run(["submit", job, "-o", out] + h.fast)
            #expect(first.status == 0, "\(first.stderr)")
            let body = try Data(contentsOf: URL(fileURLWithPath: out + "/request.json"))
            // The job now breaks a rule: submit refuses it, and the body already sent stays.
            _ = try self.job(h, model: "kling-v9-unknown-and-wrong")
            let refused = try await h.run(["submit", job, "-o", out, "--strict"] + h.fast)
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/request.json")) == body)
            #expect(h.service.requestCount(.create) == 1)
        }
    }

    @Test func submitChecksTheCredentialsBeforeBuildingAnything() async throws {
        try await withCLI { h in
            let job = try job(h)
            let out = h.directory.appendingPathComponent("never").path
            var env = h.environment
            env["COMETAPI_KEY"] = nil
            let result = try await h.run(["submit", job, "-o", out] + h.fast, environment: env)
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("COMETAPI_KEY"))
            #expect(!FileManager.default.fileExists(atPath: out))
            let kling = try await h.run(["submit", job, "-o", out, "--backend", "kling"] + h.fast, environment: env)
            #expect(kling.status == 64 && kling.stderr.contains("KLING_ACCESS_KEY and KLING_SECRET_KEY"))
            let badURL = try await h.run(["submit", job, "-o", out, "--base-url", "http://example.com"])
            #expect(badURL.status == 64 && badURL.stderr.contains("Refusing plain http://"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func aKeyFileOthersCanReadIsUsedWithAWarning() async throws {
        try await withCLI { h in
            try FileManager.default.createDirectory(at: h.credentialsDirectory, withIntermediateDirectories: true)
            let key = h.credentialsDirectory.appendingPathComponent("key")
            try Data(cliKey.utf8).write(to: key)
            var env = h.environment
            env["COMETAPI_KEY"] = nil
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
            let open = try await h.run(["status", "1", "--api-key-file", key.path] + h.fast, environment: env)
            #expect(open.stderr.contains("can be read by anyone on this machine (mode 644)"), "\(open.stderr)")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
            let closed = try await h.run(["status", "1", "--api-key-file", key.path] + h.fast, environment: env)
            #expect(!closed.stderr.contains("can be read by"), "\(closed.stderr)")
            #expect(closed.status == 3)  // the fake knows no task 1: the key itself was accepted
            #expect(h.service.authorizationFailures == 0)
        }
    }
}
