import Foundation
import Testing
import TestSupport

/// Findings of jobs that new users met while trying `fix:`: each says what applies where.
@Suite struct FixJobMessageTests {
    func job(_ text: String) throws -> String {
        let folder = try TestPaths.temporaryDirectory()
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("demo/images/rocket.jpg"),
            toPath: folder.appendingPathComponent("rocket.jpg").path)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("bad/rotated.png"), toPath: folder.appendingPathComponent("rotated.png").path)
        let url = folder.appendingPathComponent("job.yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func anImageEntryWithoutAPathGetsOneErrorNotAPreviewOne() throws {
        let path = try job("prompt: p\nimages:\n  - {pth: rocket.jpg}\n")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out").path
        let result = try CommandRunner.run(["build", path, "-o", out, "--json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let codes = (report["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
            .compactMap { $0["code"] as? String }
        #expect(codes == ["job.unknown_key"])
    }

    @Test func aRotatedTailIsToldThatFixDoesNotApplyToIt() throws {
        let path = try job("prompt: p\nimages:\n  - rocket.jpg\ntail: rotated.png\nfix: true\n")
        let result = try CommandRunner.run(["validate", path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let finding = try #require(
            (report["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "images.exif_orientation" })
        #expect(finding["path"] as? String == "tail")
        #expect((finding["message"] as? String)?.contains("masks") == false)
        #expect((finding["fix"] as? String)?.contains("does not apply to the tail") == true)
    }
}
