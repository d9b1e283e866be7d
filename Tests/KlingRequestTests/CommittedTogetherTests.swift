import Foundation
import KlingCheck
import KlingRequest
import TestSupport
import Testing

/// A build's files are written under temporary names and committed together
/// (`AtomicOutput.commitAll`): flushed side by side, renamed in order; a failure leaves no
/// temporary file and nothing after it renamed.
struct CommittedTogetherTests {
    /// Every entry under `directory`, relative, sorted (hidden temporary files included).
    static func entries(_ directory: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String { names.append(name) }
        return names.sorted()
    }

    @Test func everyOutputIsRenamedInOrderWithItsBytes() throws {
        let directory = try TestPaths.temporaryDirectory()
        let outputs = try (1...5).map { number in
            let output = try AtomicOutput(destination: directory.appendingPathComponent("file-\(number)").path)
            try output.write(Data(repeating: UInt8(number), count: number * 1000))
            return output
        }
        #expect(try Self.entries(directory).allSatisfy { $0.hasSuffix(".tmp") })
        let counts = try AtomicOutput.commitAll(outputs)
        #expect(counts == [1000, 2000, 3000, 4000, 5000])
        #expect(try Self.entries(directory) == (1...5).map { "file-\($0)" })
        for number in 1...5 {
            let data = try Data(contentsOf: directory.appendingPathComponent("file-\(number)"))
            #expect(data == Data(repeating: UInt8(number), count: number * 1000))
        }
        // Committed outputs are not renamed twice.
        #expect(try AtomicOutput.commitAll(outputs) == counts)
    }

    @Test func aFailedRenameLeavesTheLaterOutputsUnwritten() throws {
        let directory = try TestPaths.temporaryDirectory()
        let gone = directory.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        let first = try AtomicOutput(destination: directory.appendingPathComponent("first").path)
        let middle = try AtomicOutput(destination: gone.appendingPathComponent("middle").path)
        let last = try AtomicOutput(destination: directory.appendingPathComponent("last").path)
        for output in [first, middle, last] { try output.write(Data("bytes".utf8)) }
        // The middle one's folder goes away (with its temporary file) before the commit.
        try FileManager.default.removeItem(at: gone)
        #expect(throws: FileError.self) { try AtomicOutput.commitAll([first, middle, last]) }
        #expect(try Self.entries(directory) == ["first"])
    }

    @Test func aBuildLeavesNoTemporaryFile() async throws {
        let (_, _, directory) = try await PreviewHookTests.build(failure: nil)
        let names = try Self.entries(directory)
        #expect(names.contains("request.json") && names.contains("preview.png") && names.contains("report.json"))
        #expect(names.contains("masks/static.png") && names.contains("masks/dynamic-1.png"))
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    }

    @Test func aPreviewThatStopsTheBodyLeavesOnlyTheReport() async throws {
        // The body's files were written while the preview was drawn; the preview's error stops
        // them: none is renamed into place, and no temporary file is left.
        let (output, _, directory) = try await PreviewHookTests.build(
            failure: .undecodable(imagePath: "images[0]", reason: "premature end of data"))
        #expect(output.request == nil && output.staticMask == nil && output.dynamicMasks.isEmpty)
        let files = try Self.entries(directory).filter { $0 != "masks" }
        #expect(files == ["report.json"])
        let data = try Data(contentsOf: directory.appendingPathComponent("report.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(document["outputs"] as? [String: Any])
        #expect(outputs["request"] == nil && outputs["static_mask"] == nil)
    }
}

extension CommittedTogetherTests {
    /// Builds of one folder in one process take turns on its lock without holding a thread
    /// (more builds than cores: a blocking wait would starve the one holding the lock).
    @Test func buildsOfOneFolderTakeTurns() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let job = try JobFile.load(path: TestPaths.fixture("demo/job.yaml"))
        let outputs = try await withThrowingTaskGroup(of: BuildOutput.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    var report = await JobChecker.check(job)
                    return try await BuildWriter.write(&report, to: directory.path)
                }
            }
            var outputs: [BuildOutput] = []
            for try await output in group { outputs.append(output) }
            return outputs
        }
        #expect(outputs.count == 6 && outputs.allSatisfy { $0.request != nil })
        let names = try Self.entries(directory)
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
        let body = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("request.json")))
        #expect((body as? [String: Any])?["dynamic_masks"] != nil)
    }
}
