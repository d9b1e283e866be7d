import Foundation
import KlingFakeService
import Testing

@Suite(.serialized) struct TTYTests {
    /// Under a pseudo-terminal (util-linux `script`), the progress line is rewritten with `\r`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressUsesCarriageReturnOnATerminal() async throws {
        try await withCLI { h in
            let submitted = try await h.run(["submit", try h.body().path, "--json"] + h.fast)
            let taskID = try #require(json(submitted.stdout)?["task_id"] as? String)
            let (status, output) = try Self.onATerminal(["wait", taskID] + h.fast, environment: h.environment)
            #expect(status == 0)
            #expect(output.contains("\r"))
            #expect(output.contains("succeed"))
            #expect(!output.contains(cliKey))
        }
    }
}

extension TTYTests {
    /// Runs `klingprep ARGUMENTS` under a pseudo-terminal (util-linux `script`); its exit status
    /// and everything it wrote (stdout and stderr together, as a terminal shows them).
    static func onATerminal(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let command = ([try CLIProcess.binary().path] + arguments).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// A batch on a terminal shows one progress line, rewritten in place.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func batchShowsProgressOnATerminal() async throws {
        try await withCLI { h in
            let folder = try BatchCommandTests.jobs(in: h.directory, count: 6)
            let out = h.directory.appendingPathComponent("out").path
            let (status, output) = try Self.onATerminal(
                ["batch", folder, "--submit", "--wait", "-o", out, "--no-preview"] + h.fast, environment: h.environment)
            #expect(status == 0, "\(output)")
            #expect(output.contains("\r\u{1B}[Kbatch: 0/6 done"))
            #expect(output.contains("/6 done"))
            #expect(output.contains("6 jobs: 6 succeed"))
            #expect(!output.contains(cliKey))
        }
    }
}
