import Foundation
import TestSupport
import Testing

/// The bash completion script (`klingprep --generate-completion-script bash`, the README's
/// "Shell completions") completes file names where a command takes files.
struct CompletionTests {
    /// What the script offers for `line` (the last word being completed), run in `directory`.
    static func completions(of line: [String], in directory: URL, script: URL) throws -> [String] {
        let words = line.map { "'\($0)'" }.joined(separator: " ")
        let command = """
            source '\(script.path)'
            COMP_WORDS=(\(words)); COMP_CWORD=\(line.count - 1)
            COMP_LINE="\(line.joined(separator: " "))"; COMP_POINT=${#COMP_LINE}
            _klingprep klingprep '\(line.last ?? "")' '\(line.dropLast().last ?? "")'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
    }

    @Test func jobsImagesAndFoldersAreCompletedByName() throws {
        let directory = try TestPaths.temporaryDirectory()
        let script = directory.appendingPathComponent("klingprep.bash")
        let generated = try CommandRunner.run(["--generate-completion-script", "bash"])
        #expect(generated.status == 0, "\(generated.stderr)")
        try Data(generated.stdout.utf8).write(to: script)
        for name in ["job.yaml", "jobs.json", "notes.txt", "photo.jpg", "photo.png"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
        #expect(
            try Self.completions(of: ["klingprep", "build", "jo"], in: directory, script: script).contains("job.yaml"))
        let images = try Self.completions(of: ["klingprep", "inspect", "ph"], in: directory, script: script)
        #expect(images.contains("photo.jpg") && images.contains("photo.png"), "\(images)")
        let folders = try Self.completions(
            of: ["klingprep", "build", "job.yaml", "-o", "o"], in: directory, script: script)
        #expect(folders.contains("out"), "\(folders)")
    }
}
