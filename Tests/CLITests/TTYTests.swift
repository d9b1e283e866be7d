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
            let command = ([try CLIProcess.binary().path, "wait", taskID] + h.fast).joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.environment = h.environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(output.contains("\r"))
            #expect(output.contains("succeed"))
            #expect(!output.contains(cliKey))
        }
    }
}
