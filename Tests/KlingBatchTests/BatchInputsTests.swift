import Foundation
import KlingBatch
import KlingCheck
import KlingRequest
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import KlingBatch

@Suite struct BatchInputsTests {
    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("batch-inputs-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func foldersAreSearchedRecursivelyAndOutputsSkipped() throws {
        let root = try folder([
            "jobs/b.yaml": "prompt: b", "jobs/a.yml": "prompt: a", "jobs/sub/c.json": "{}",
            "jobs/sub/c.yaml": "prompt: c", "jobs/notes.txt": "x", "jobs/.hidden.yaml": "x",
            "jobs/old.klingprep/request.json": "{}", "jobs/x/report.json": "{}", "jobs/summary.json": "{}",
            "jobs/out/jobs/z.yaml": "x",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let jobs = try BatchInputs.expand(
            [root.appendingPathComponent("jobs").path], skipping: root.appendingPathComponent("jobs/out").path)
        #expect(jobs.map(\.shardKey) == ["a.yml", "b.yaml", "sub/c.json", "sub/c.yaml"])
        // Folder names are unique: sub/c.json and sub/c.yaml would both be sub/c.klingprep.
        #expect(jobs.map(\.folder) == ["a.klingprep", "b.klingprep", "sub/c.klingprep", "sub/c~2.klingprep"])
    }

    @Test func aFileGivenTwiceIsOneJobAndManifestLinesAreJobs() async throws {
        let root = try folder([
            "one.yaml": "prompt: x", "m.jsonl": "{\"prompt\": \"a\"}\n\n  {\"prompt\": \"b\"}  \n",
            "bad.jsonl": "{\"prompt\": \"a\"}\nnot json\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let one = root.appendingPathComponent("one.yaml").path
        let manifest = root.appendingPathComponent("m.jsonl").path
        let jobs = try BatchInputs.expand([one, root.path + "/./one.yaml", manifest])
        #expect(jobs.map(\.input) == [one, "\(manifest):1", "\(manifest):3"])
        #expect(jobs[2].shardKey == "{\"prompt\": \"b\"}")
        #expect(jobs[1].folder == "m/line-1.klingprep")
        // A line that is not a job is a job all the same, judged invalid; the batch goes on.
        let bad = try BatchInputs.expand([root.appendingPathComponent("bad.jsonl").path])
        #expect(bad.count == 2)
        let judged = await BatchRunner(options: BatchOptions(mode: .validate)).run(bad)
        #expect(judged[1].status == .invalid && judged[1].findings.first?.finding.code == "job.syntax")
        #expect(judged[1].findings.first?.line == 2)
        #expect(throws: BatchError.inputNotFound(path: "/no/such/thing")) {
            try BatchInputs.expand(["/no/such/thing"])
        }
    }

    @Test func linksAreFollowedAndUnreadableEntriesKeptAsJobs() throws {
        let root = try folder(["real/a.yaml": "prompt: a", "jobs/b.yaml": "prompt: b"])
        defer { try? FileManager.default.removeItem(at: root) }
        let jobs = root.appendingPathComponent("jobs")
        // A ConfigMap-style link to a file, a link to a folder, a loop, a dangling link, a FIFO.
        try FileManager.default.createSymbolicLink(
            atPath: jobs.appendingPathComponent("linked.yaml").path, withDestinationPath: root.path + "/real/a.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: jobs.appendingPathComponent("folder").path, withDestinationPath: root.path + "/real")
        try FileManager.default.createSymbolicLink(
            atPath: jobs.appendingPathComponent("self").path, withDestinationPath: jobs.path)
        try FileManager.default.createSymbolicLink(
            atPath: jobs.appendingPathComponent("loop.yaml").path, withDestinationPath: jobs.path + "/loop.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: jobs.appendingPathComponent("gone.yaml").path, withDestinationPath: root.path + "/nothing.yaml")
        #expect(mkfifo(jobs.appendingPathComponent("fifo.yaml").path, 0o600) == 0)
        let found = try BatchInputs.expand([jobs.path])
        // linked.yaml is real/a.yaml, also reached through folder/: two paths, two jobs (one body).
        #expect(
            found.map(\.shardKey) == [
                "b.yaml", "fifo.yaml", "folder/a.yaml", "gone.yaml", "linked.yaml", "loop.yaml",
            ])
        let alone = try BatchInputs.expand([jobs.path + "/linked.yaml"])
        #expect(alone.count == 1)
    }

    @Test func warningsMakeAJobInvalidOnlyUnderStrict() async throws {
        // A prompt over the older CometAPI page's 500 characters: a warning on CometAPI.
        let prompt = String(repeating: "slow drift ", count: 60)
        let root = try folder(["w.yaml": "prompt: \(prompt)\nimages: [{url: \"https://example.com/a.jpg\"}]\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let jobs = try BatchInputs.expand([root.path])
        let lenient = await BatchRunner(options: BatchOptions(mode: .validate)).run(jobs)
        #expect(lenient.map(\.status) == [.valid])
        #expect(lenient[0].findings.contains { $0.finding.severity == .warning })
        var strict = BatchOptions(mode: .validate)
        strict.preparation.strict = true
        let judged = await BatchRunner(options: strict).run(jobs)
        #expect(judged.map(\.status) == [.invalid])
        #expect(BatchSummary(judged).exitCode == 1)
    }
}
