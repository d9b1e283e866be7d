import KlingBrush
import Foundation
import KlingCheck
import KlingRequest
import TestSupport
import Testing

/// Whole-job checks: fields, images (image module) and brushes (brush module) in one report.
struct JobCheckTests {
    static let landscape = TestPaths.fixture("images/landscape.jpg")
    static let portrait = TestPaths.fixture("images/portrait.jpg")
    static let demoJob = TestPaths.fixture("demo/job.yaml")

    /// A one-off job from flags, as the CLI makes it.
    static func job(
        images: [String] = [landscape, landscape], prompt: String = "The scene comes alive.",
        staticAreas: [String] = [], brushes: [(String, String)] = [], reference: Int? = nil
    ) -> JobDocument {
        var builder = JobBuilder(baseDirectory: TestPaths.packageRoot.path)
        builder.images = images
        builder.prompt = prompt
        builder.staticAreas = staticAreas
        builder.brushAreas = brushes.map(\.0)
        builder.brushPaths = brushes.map(\.1)
        builder.reference = reference
        // Two images with brushes: multi-image2video, sent as the older page listed them.
        builder.allowUndocumentedFields = true
        return builder.build()
    }

    static func check(_ document: JobDocument, decode: Bool = false) async -> JobReport {
        await JobChecker.check(document, options: JobCheckOptions(decode: decode))
    }

    @Test func theDemoJobHasNoErrors() async throws {
        let report = await Self.check(try JobFile.load(path: Self.demoJob), decode: true)
        #expect(!report.hasErrors, "\(report.findings)")
        #expect(report.referenceIndex == 0)
        let brushes = try #require(report.brushes)
        #expect(brushes.size.width == 640 && brushes.size.height == 427)
        #expect(brushes.groups.count == 2)
        #expect((brushes.staticMask?.whiteCount ?? 0) > 0)
        #expect(report.images.map(\.decodable) == [true])
    }

    struct BadJob: Sendable, CustomTestStringConvertible {
        var name: String
        var code: String
        var path: String
        var severity: Severity = .error
        var decode = false
        var make: @Sendable () -> JobDocument
        var testDescription: String { name }
    }

    static let badJobs: [BadJob] = [
        BadJob(name: "too small", code: "images.too_small", path: "images[0]") {
            job(images: [TestPaths.fixture("bad/too-small.png"), landscape])
        },
        BadJob(name: "aspect ratio", code: "images.aspect_ratio", path: "images[1]") {
            job(images: [landscape, TestPaths.fixture("bad/too-wide.png")])
        },
        BadJob(name: "missing file", code: "images.unreadable", path: "images[1]") {
            job(images: [landscape, "/nonexistent/photo.jpg"])
        },
        BadJob(name: "GIF named .jpg", code: "images.unsupported_format", path: "images[0]") {
            job(images: [TestPaths.fixture("bad/animation.jpg"), landscape])
        },
        BadJob(name: "truncated JPEG with --decode", code: "images.corrupt", path: "images[1]", decode: true) {
            job(images: [landscape, TestPaths.fixture("bad/truncated.jpg")])
        },
        BadJob(
            name: "other aspect than the reference", code: "images.aspect_mismatch", path: "images[1]",
            severity: .warning
        ) {
            job(images: [landscape, portrait], brushes: [("circle 0.5,0.5 0.1", "move up 10%")])
        },
        BadJob(name: "path leaves the picture", code: "brushes.point_outside", path: "brushes.dynamic[0].path") {
            job(brushes: [("circle 0.5,0.5 0.1", "line -> 1.2,0.5")])
        },
        BadJob(
            name: "groups overlap", code: "brushes.groups_overlap", path: "brushes.dynamic[1].area", severity: .warning
        ) {
            job(brushes: [("circle 0.5,0.5 0.1", "move up 10%"), ("circle 0.55,0.5 0.1", "move down 10%")])
        },
        BadJob(
            name: "dynamic overlaps static", code: "brushes.dynamic_overlaps_static", path: "brushes.dynamic[0].area",
            severity: .warning
        ) {
            job(staticAreas: ["rect 0,0.5 1,1"], brushes: [("circle 0.5,0.5 0.1", "move up 10%")])
        },
        BadJob(name: "empty area", code: "brushes.mask_empty", path: "brushes.dynamic[0].area") {
            job(brushes: [("rect 0.5,0.5 0.5,0.5", "move up 10%")])
        },
        BadJob(name: "area syntax", code: "brushes.syntax", path: "brushes.dynamic[0].area") {
            job(brushes: [("circle 0.5;0.5 0.1", "move up 10%")])
        },
        BadJob(name: "reference unreadable", code: "brushes.reference_unreadable", path: "brushes.reference") {
            job(images: ["/nonexistent/photo.jpg", landscape], brushes: [("circle 0.5,0.5 0.1", "move up 10%")])
        },
        BadJob(name: "reference is an unfetched URL", code: "brushes.reference_remote", path: "brushes.reference") {
            job(images: ["https://example.com/a.jpg", landscape], brushes: [("circle 0.5,0.5 0.1", "move up 10%")])
        },
        BadJob(name: "URL not fetched", code: "images.remote_unchecked", path: "images[1]", severity: .info) {
            job(images: [landscape, "https://example.com/b.png"])
        },
    ]

    @Test(arguments: badJobs)
    func eachBadJobGetsItsFinding(bad: BadJob) async {
        let report = await Self.check(bad.make(), decode: bad.decode)
        let matching = report.findings.filter { $0.code == bad.code }
        #expect(matching.count == 1, "\(report.findings.map { "\($0.code) \($0.path ?? "")" })")
        #expect(matching.first?.path == bad.path)
        #expect(matching.first?.severity == bad.severity)
        #expect(matching.first.map { !$0.message.isEmpty } == true)
        #expect(report.hasErrors == (bad.severity == .error))
    }

    @Test func syntaxErrorsPointAtTheColumn() async {
        let report = await Self.check(Self.job(brushes: [("circle 0.5;0.5 0.1", "move up 10%")]))
        let message = report.findings.first { $0.code == "brushes.syntax" }?.message ?? ""
        #expect(message.contains("column"))
    }

    @Test func sevenGroupsAreReportedOnce() async {
        let groups = (0..<7).map { index in ("circle \(0.1 + 0.12 * Double(index)),0.5 0.04", "move up 10%") }
        let report = await Self.check(Self.job(brushes: groups))
        let tooMany = report.findings.filter { $0.code.hasSuffix("too_many_groups") }
        #expect(tooMany.count == 1)
        #expect(tooMany.first?.path == "brushes.dynamic")
    }

    @Test func aJobWithManyProblemsReportsThemAll() async {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [TestPaths.fixture("bad/too-small.png")]
        builder.prompt = String(repeating: "a", count: 501)
        builder.cfgScale = 1.5
        builder.mode = "turbo"
        builder.brushAreas = ["circle 0.5,0.5 0.1", "circle 0.5,0.5 0.1"]
        builder.brushPaths = ["line -> 1.5,0.5", "move up 10%"]
        let report = await Self.check(builder.build())
        let codes = Set(report.findings.map(\.code))
        for code in [
            "prompt.older_page_limit", "cfg_scale.out_of_range", "mode.unknown", "images.too_small",
            "brushes.point_outside", "brushes.groups_overlap",
        ] {
            #expect(codes.contains(code), "missing \(code) in \(codes.sorted())")
        }
        #expect(report.findings.filter { $0.severity == .error }.count >= 4)
    }
}
