import Foundation
import TestSupport
import Testing

/// `klingprep inspect`, run as a process.
struct InspectCommandTests {
    struct Report: Decodable {
        struct Image: Decodable {
            struct Finding: Decodable {
                var severity: String
                var code: String
                var message: String
                var source: String?
            }
            var path: String
            var format: String?
            var width: Int?
            var height: Int?
            var bytes: Int?
            var decodable: Bool?
            var findings: [Finding]
        }
        var ok: Bool
        var images: [Image]
    }

    @Test func goodImagesPassWithExitZero() throws {
        let result = try CommandRunner.run([
            "inspect", "--decode", "fixtures/images/landscape.jpg", "fixtures/images/gradient.png",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("2 image(s) pass."))
        #expect(result.stdout.contains("JPEG 1800x1200"))
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonHasTheStableShape() throws {
        let result = try CommandRunner.run([
            "inspect", "--json", "fixtures/images/portrait.jpg", "fixtures/bad/too-small.png",
        ])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        #expect(report.ok == false)
        #expect(report.images.count == 2)
        let portrait = report.images[0]
        #expect(portrait.format == "jpeg" && portrait.width == 1200 && portrait.height == 1800)
        #expect(portrait.decodable == nil)
        #expect(portrait.findings.isEmpty)
        let small = report.images[1]
        #expect(small.findings.map(\.code) == ["images.too_small"])
        #expect(small.findings.first?.severity == "error")
        // "decodable" is present as null without --decode.
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let images = object?["images"] as? [[String: Any]]
        #expect(images?.first?.keys.contains("decodable") == true)
    }

    @Test func everyBadFixtureGetsOneClearSentence() throws {
        let bad = ["animation.jpg", "empty.jpg", "notes.png", "too-small.png", "too-wide.png", "truncated.jpg"]
        let result = try CommandRunner.run(
            ["inspect", "--decode", "--json"] + bad.map { "fixtures/bad/\($0)" } + ["no/such/file.png"])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        let codes = report.images.map { $0.findings.filter { $0.severity == "error" }.map(\.code) }
        #expect(
            codes == [
                ["images.unsupported_format"], ["images.empty"], ["images.not_an_image"], ["images.too_small"],
                ["images.aspect_ratio"], ["images.truncated", "images.corrupt"], ["images.unreadable"],
            ])
        #expect(report.images[0].format == "gif")
        #expect(report.images.map(\.decodable) == [false, false, false, true, true, false, false])
    }

    /// A photo with a video appended passes with a note of the trailing bytes; one cut in the
    /// middle and closed with an end marker fails `--decode`; a device is not "empty".
    @Test func verdictsOnRealBytes() throws {
        let directory = try TestPaths.temporaryDirectory()
        let photo = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("images/landscape.jpg")))
        let withVideo = directory.appendingPathComponent("with-video.jpg")
        try (photo + Data([0, 0, 0, 0x18]) + Data("ftypmp42".utf8) + Data(count: 5000)).write(to: withVideo)
        let cut = directory.appendingPathComponent("cut.jpg")
        try (photo.prefix(photo.count / 2) + Data([0xFF, 0xD9])).write(to: cut)
        let result = try CommandRunner.run(["inspect", "--decode", "--json", withVideo.path, cut.path, "/dev/null"])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        let video = report.images[0]
        #expect(video.findings.map(\.code) == ["images.trailing_data"])
        #expect(video.findings.first?.severity == "info")
        #expect(video.findings.first?.message.contains("5,012 bytes after its end-of-image marker") == true)
        #expect(video.bytes == photo.count + 5012)
        #expect(report.images[1].findings.map(\.code) == ["images.data_missing"])
        #expect(report.images[1].decodable == true)
        let device = report.images[2]
        #expect(device.findings.map(\.code) == ["images.unreadable"])
        #expect(device.findings.first?.message.contains("character device") == true)
        #expect(device.findings.first?.source == "KlingPrep")
        let text = try CommandRunner.run(["inspect", withVideo.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("info    images.trailing_data: the file has 5,012 bytes"))
    }

    @Test func jsonFailuresHaveOneShape() throws {
        let result = try CommandRunner.run(["inspect", "--json"])
        #expect(result.status == 64)
        let document = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        #expect(document?["ok"] as? Bool == false)
        let error = document?["error"] as? [String: Any]
        #expect(error?["exit_code"] as? Int == 64)
        #expect((error?["message"] as? String)?.isEmpty == false)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try CommandRunner.run(["inspect"]).status == 64)
        #expect(try CommandRunner.run(["inspect", "--bogus", "x.png"]).status == 64)
    }

    /// `inspect --decode --json` over the whole corpus gives the manifest's verdict and
    /// dimensions for every file, never crashes, and prints nothing on stderr.
    @Test(.enabled(if: TestPaths.corpusAvailable, Comment(rawValue: TestPaths.corpusMissingMessage)))
    func wholeCorpusGivesTheManifestVerdicts() throws {
        let rows = CorpusRow.all()
        let result = try CommandRunner.run(["inspect", "--decode", "--json"] + rows.map(\.absolutePath))
        #expect(result.stderr.isEmpty)
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        #expect(report.images.count == rows.count)
        for (row, image) in zip(rows, report.images) {
            let codes = image.findings.map(\.code)
            let unsupported =
                codes.contains("images.unsupported_precision") || codes.contains("images.unsupported_process")
            if row.valid && !unsupported {
                #expect(image.decodable == true, "\(row.path)")
                #expect(image.width == row.width && image.height == row.height, "\(row.path)")
            } else if !row.valid {
                #expect(image.decodable == false, "\(row.path)")
                #expect(image.findings.contains { $0.severity == "error" }, "\(row.path)")
            }
        }
    }
}
