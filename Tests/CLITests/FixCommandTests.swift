import Foundation
import TestSupport
import Testing

/// `klingprep fix`, run as a process.
struct FixCommandTests {
    struct Report: Decodable {
        struct Image: Decodable {
            struct Step: Decodable {
                var kind: String
                var before: String
                var after: String
                var note: String?
                var warning: Bool
            }
            struct Geometry: Decodable {
                var orientation: Int
                var outputSize: Size
                struct Size: Decodable {
                    var width: Int
                    var height: Int
                }
            }
            var path: String
            var status: String
            var output: String?
            var format: String?
            var width: Int?
            var height: Int?
            var steps: [Step]
            var geometry: Geometry?
            var error: String?
        }
        var ok: Bool
        var images: [Image]
    }

    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fixcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func fixesWhatNeedsItAndLeavesTheRestAlone() throws {
        let output = try Self.folder()
        let result = try CommandRunner.run([
            "fix", "fixtures/bad/too-small.png", "fixtures/images/landscape.jpg", "-o", output,
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("fixed fixtures/bad/too-small.png -> \(output)/too-small.png"))
        #expect(result.stdout.contains("(upscaled: detail is invented)"))
        #expect(result.stdout.contains("ok   fixtures/images/landscape.jpg: nothing to fix (left alone)"))
        #expect(result.stdout.contains("2 image(s) compliant."))
        #expect(FileManager.default.fileExists(atPath: "\(output)/too-small.png"))
        #expect(!FileManager.default.fileExists(atPath: "\(output)/landscape.jpg"))
        let inspect = try CommandRunner.run(["inspect", "--decode", "\(output)/too-small.png"])
        #expect(inspect.status == 0, "\(inspect.stdout)")
        // Again on its own output: nothing to do.
        let again = try CommandRunner.run(["fix", "\(output)/too-small.png", "-o", "\(output)/again"])
        #expect(again.status == 0 && again.stdout.contains("nothing to fix (left alone)"))
        // --copy-all copies what needs nothing.
        let copied = try CommandRunner.run(["fix", "--copy-all", "fixtures/images/landscape.jpg", "-o", output])
        #expect(copied.status == 0 && copied.stdout.contains("nothing to fix, copied to"))
        #expect(
            FileManager.default.contents(atPath: "\(output)/landscape.jpg")
                == FileManager.default.contents(atPath: TestPaths.fixture("images/landscape.jpg")))
    }

    @Test func jsonHasTheStableShapeAndFailuresExitOne() throws {
        let output = try Self.folder()
        let result = try CommandRunner.run([
            "fix", "--json", "--aspect", "crop", "--crop-anchor", "top-left", "--background", "#102030",
            "fixtures/bad/too-small.png", "fixtures/bad/notes.png", "-o", output,
        ])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        #expect(!report.ok && report.images.count == 2)
        let fixed = report.images[0]
        #expect(fixed.status == "fixed" && fixed.format == "png")
        #expect(fixed.steps.contains { $0.kind == "size" && $0.warning })
        #expect(fixed.geometry?.outputSize.width == fixed.width)
        let failed = report.images[1]
        #expect(failed.status == "failed" && failed.output == nil && failed.error != nil)
    }

    @Test(arguments: [
        ["fix", "fixtures/images/landscape.jpg"],
        ["fix", "fixtures/images/landscape.jpg", "-o", "x", "--background", "white"],
        ["fix", "fixtures/images/landscape.jpg", "-o", "x", "--max-side", "200"],
        ["fix", "fixtures/images/landscape.jpg", "-o", "x", "--aspect", "stretch"],
        ["fix", "fixtures/images/landscape.jpg", "-o", "x", "--format", "sarif"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }

    @Test func neverOverwritesItsInput() throws {
        let folder = try Self.folder()
        let input = "\(folder)/photo.jpg"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("images/landscape.jpg"), toPath: input)
        let result = try CommandRunner.run(["fix", "--copy-all", input, "-o", folder])
        #expect(result.status == 1)
        #expect(result.stdout.contains("is the input itself"))
        #expect(
            FileManager.default.contents(atPath: input)
                == FileManager.default.contents(atPath: TestPaths.fixture("images/landscape.jpg")))
    }
}
