import Foundation
import KlingCheck
import TestSupport
import Testing

@testable import KlingRequest

/// What a new user's run found wrong, each kept from coming back.
@Suite("Found by a new user")
struct NewUserFindingsTests {
    @Test("an empty image entry is a missing source, not an ok job", arguments: ["[null]", "[~, a.png]", "\n  -"])
    func emptyImageEntry(images: String) {
        let document = yamlJob("route: multi-image2video\nprompt: p\nimages: \(images)\n")
        #expect(document.findings.map(\.code).contains("images.missing_source"), "\(document.findings)")
        #expect(document.findings.hasErrors)
    }

    @Test("--camera-axis: exactly one, and only with --camera")
    func cameraAxisFlags() {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = ["/a.png"]
        builder.prompt = "p"
        builder.cameraType = "simple"
        builder.cameraAxis = ["zoom=5", "pan=2"]
        #expect(builder.build().findings.codesAndPaths == [.init("camera_control.config", "camera_control.config")])
        builder.cameraAxis = ["zoom=5"]
        #expect(builder.build().findings.isEmpty)
        #expect(builder.build().job.cameraControl?.config == CameraConfig(zoom: 5))
        builder.cameraType = nil
        #expect(builder.build().findings.codesAndPaths == [.init("camera_control.config", "camera_control.config")])
    }

    @Test(
        "loopback and private hosts are not public",
        arguments: [
            "http://127.0.0.1/a.jpg", "http://localhost:8080/a.jpg", "https://10.1.2.3/a.jpg",
            "https://192.168.0.9/a.jpg",
            "https://[::1]/a.jpg",
        ])
    func privateURLs(url: String) {
        let document = yamlJob("prompt: p\nimages:\n  - url: \"\(url)\"\ncallback_url: \"\(url)\"\n")
        #expect(
            Set(document.findings.codesAndPaths) == [
                .init("images.url_not_public", "images[0]"), .init("images.url_not_public", "callback_url"),
            ])
        #expect(document.findings.allSatisfy { $0.severity == .warning })
    }

    @Test("a public host is fine")
    func publicURL() {
        #expect(yamlJob("prompt: p\nimages:\n  - url: https://example.com/a.jpg\n").findings.isEmpty)
    }

    @Test("an alias bomb stops at the node budget, at once")
    func aliasBomb() {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        for (index, name) in names.enumerated() {
            let previous = index == 0 ? "a" : names[index - 1]
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let document = yamlJob(lines.joined(separator: "\n") + "\nprompt: p\nimages: [a.png]\n")
        #expect(clock.now - start < .seconds(15))
        #expect(document.findings.map(\.code) == ["job.syntax"])
        #expect(document.findings.first?.message.contains("1,000,000") == true)
    }

    @Test("a picture given where a job belongs is told apart")
    func pictureAsInput() throws {
        let path = TestPaths.fixture("demo/images/rocket.jpg")
        #expect(RequestInput.classify(path: path) == .image)
        let document = try JobFile.load(path: path)
        #expect(document.findings.first?.message.contains("JPEG image, not a job file") == true)
    }
}

@Suite("Reports name their job file")
struct ReportNamesTheJobTests {
    @Test func theJSONReportNamesTheJobFile() async throws {
        let path = TestPaths.fixture("demo/job.yaml")
        let report = await JobChecker.check(try JobFile.load(path: path))
        let data = try JSONEncoder().encode(BuildReport(report: report))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["job"] as? String == path)
        #expect(object?["route"] as? String == "image2video")
    }
}
