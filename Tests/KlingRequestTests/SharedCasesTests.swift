import KlingBrush
import Foundation
import KlingCheck
import KlingImage
import TestSupport
import Testing

@testable import KlingRequest

/// The raw bodies of `../shared/cases/raw-body` that passed before and must not: each as a raw
/// body, as its own variants (the kind, not the file), and written as a job.
@Suite(.enabled(if: TestPaths.casesAvailable, "../shared/cases is not there (set KLINGPREP_CASES)"))
struct SharedCasesTests {
    static func casePath(_ name: String) -> String { TestPaths.cases.appendingPathComponent("raw-body/\(name)").path }

    static func object(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: casePath(name)))
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any])
    }

    /// The findings of a body, read and checked as `klingprep validate` does.
    static func findings(_ object: [String: Any], route: Route? = nil) throws -> [Finding] {
        let data = try JSONSerialization.data(withJSONObject: object)
        return RawBodyChecker.check(RawBodyValidator.validate(data, route: route), decode: false)
    }

    /// The same body on image2video, the route that documents brushes: `image` = the first image.
    static func onImage2video(_ object: [String: Any]) throws -> [String: Any] {
        var copy = object
        let list = try #require(copy.removeValue(forKey: "image_list") as? [[String: Any]])
        copy["image"] = list.first?["image"]
        copy["model_name"] = "kling-v1"
        return copy
    }

    static func codes(_ findings: [Finding]) -> [String] { findings.map { "\($0.code) \($0.path ?? "")" } }

    static func maskBytes(_ object: [String: Any], group: Int) throws -> Data {
        let groups = try #require(object["dynamic_masks"] as? [[String: Any]])
        let text = try #require(groups[group]["mask"] as? String)
        return try #require(Data(base64Encoded: text))
    }

    // MARK: trajectory-off-image-grid

    @Test("points off the input image's grid are errors even inside larger masks; the masks' size is a warning")
    func offImageGrid() throws {
        let object = try Self.object("trajectory-off-image-grid.json")
        for body in [object, try Self.onImage2video(object)] {
            let codes = Self.codes(try Self.findings(body))
            #expect(codes.contains("brushes.point_outside dynamic_masks[0].trajectories[0]"), "\(codes)")
            #expect(codes.contains("brushes.mask_size_mismatch static_mask"), "\(codes)")
            #expect(codes.contains("brushes.mask_size_mismatch dynamic_masks[0].mask"), "\(codes)")
            #expect(!codes.contains { $0.hasPrefix("brushes.path_starts_outside_area") }, "reported once: \(codes)")
        }
        // The same points inside the image: no point finding.
        var inside = try Self.onImage2video(object)
        var groups = try #require(inside["dynamic_masks"] as? [[String: Any]])
        groups[0]["trajectories"] = [["x": 500, "y": 350], ["x": 520, "y": 360]]
        inside["dynamic_masks"] = groups
        #expect(!Self.codes(try Self.findings(inside)).contains { $0.hasPrefix("brushes.point_outside") })
    }

    @Test("a mask of another aspect ratio is an error; a mismatch is reported on the mask that differs")
    func maskAspectAndResolution() throws {
        var object = try Self.onImage2video(try Self.object("trajectory-off-image-grid.json"))
        let wide = try PNGEncoder.encode(
            pixels: [UInt8](repeating: 255, count: 400 * 100), width: 400, height: 100, channels: 1)
        let exact = try PNGEncoder.encode(
            pixels: [UInt8](repeating: 255, count: 640 * 427), width: 640, height: 427, channels: 1)
        object["static_mask"] = Data(exact).base64EncodedString()
        var groups = try #require(object["dynamic_masks"] as? [[String: Any]])
        groups[0]["mask"] = Data(wide).base64EncodedString()
        object["dynamic_masks"] = groups
        let codes = Self.codes(try Self.findings(object))
        #expect(codes.contains("brushes.mask_aspect_mismatch dynamic_masks[0].mask"), "\(codes)")
        #expect(codes.contains("brushes.mask_resolution_mismatch dynamic_masks[0].mask"), "\(codes)")
        #expect(!codes.contains { $0.hasSuffix(" static_mask") }, "the static mask has the image's size: \(codes)")
    }

    @Test("the same fault as a job: a path that leaves the picture")
    func offImageGridAsJob() async {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [TestPaths.fixture("demo/images/rocket.jpg")]
        builder.prompt = "p"
        builder.brushAreas = ["circle 0.5,0.5 0.05"]
        builder.brushPaths = ["line -> 1.6,1.6"]
        let report = await JobChecker.check(builder.build())
        #expect(Self.codes(report.findings).contains("brushes.point_outside brushes.dynamic[0].path"))
    }

    // MARK: masks-without-white

    @Test("masks without a white pixel brush nothing: a grey blob, a shape only in alpha")
    func masksWithoutWhite() throws {
        let object = try Self.object("masks-without-white.json")
        for body in [object, try Self.onImage2video(object)] {
            let findings = try Self.findings(body)
            let codes = Self.codes(findings)
            #expect(codes.contains("brushes.mask_no_white dynamic_masks[0].mask"), "\(codes)")
            #expect(codes.contains("brushes.mask_no_white dynamic_masks[1].mask"), "\(codes)")
            let alpha = findings.first { $0.path == "dynamic_masks[1].mask" }
            #expect(alpha?.message.contains("alpha") == true)
            #expect(alpha?.severity == .error)
        }
    }

    @Test("grey edges around white: a warning with the counts and the cut")
    func greyEdges() throws {
        var object = try Self.onImage2video(try Self.object("masks-without-white.json"))
        var pixels = [UInt8](repeating: 0, count: 640 * 427)
        for index in 0..<2000 { pixels[index] = 255 }
        for index in 2000..<2100 { pixels[index] = 128 }
        let soft = try PNGEncoder.encode(pixels: pixels, width: 640, height: 427, channels: 1)
        var groups = try #require(object["dynamic_masks"] as? [[String: Any]])
        groups[0]["mask"] = Data(soft).base64EncodedString()
        groups.removeLast()
        object["dynamic_masks"] = groups
        let finding = try Self.findings(object).first { $0.code == "brushes.mask_not_binary" }
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("100 grey") == true, "\(finding?.message ?? "")")
        #expect(finding?.message.contains("2,000") == true)
    }

    @Test("the same masks as a job's image areas are cut where the message says, never silently")
    func masksWithoutWhiteAsJob() async throws {
        let object = try Self.object("masks-without-white.json")
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.maskBytes(object, group: 0).write(to: directory.appendingPathComponent("blob.png"))
        try Self.maskBytes(object, group: 1).write(to: directory.appendingPathComponent("alpha.png"))
        let image = TestPaths.fixture("demo/images/rocket.jpg")
        let job = """
            prompt: p
            images: [\(image)]
            brushes:
              dynamic:
                - {area: image blob.png, path: move up 5%}
                - {area: image alpha.png, path: move down 5%}
            """
        let path = directory.appendingPathComponent("job.yaml").path
        try Data(job.utf8).write(to: URL(fileURLWithPath: path))
        let report = await JobChecker.check(try JobFile.load(path: path))
        let codes = report.findings.map(\.code)
        #expect(codes.contains("brushes.mask_not_binary"), "\(codes)")
        #expect(codes.contains("brushes.mask_shape_in_alpha"), "\(codes)")
        #expect(
            report.findings.first { $0.code == "brushes.mask_not_binary" }?.message.contains("cut at gray level 128")
                == true)
    }

    @Test("a photo with a transparent hole: the hole is the area, with a warning")
    func photoWithAHole() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let picture = try ImageDecoder.decodeScaled(
            path: TestPaths.fixture("demo/images/rocket.jpg"), fitting: PixelSize(width: 640, height: 427))
        var rgba: [UInt8] = []
        for y in 0..<427 {
            for x in 0..<640 {
                let base = (y * 640 + x) * 3
                let inHole = (300..<340).contains(x) && (100..<200).contains(y)
                rgba += [picture.pixels[base], picture.pixels[base + 1], picture.pixels[base + 2], inHole ? 0 : 255]
            }
        }
        let png = try PNGEncoder.encode(pixels: rgba, width: 640, height: 427, channels: 4)
        try Data(png).write(to: directory.appendingPathComponent("hole.png"))
        let reader = MaskPictureReader(baseDirectory: directory.path)
        let mask = try reader.read("hole.png")
        #expect(mask.pixels.filter { $0 == 255 }.count == 40 * 100)
        let findings = reader.findings(at: "brushes", in: RuleContext(route: .image2video))
        #expect(findings.map(\.code) == ["brushes.mask_transparent_photo"])
        #expect(findings.first?.message.contains("4,000 pixels") == true)
    }

    // MARK: trajectory-not-flipped

    @Test("a trajectory written top-left: outside its mask, with the y-flip hint")
    func notFlipped() throws {
        let object = try Self.object("trajectory-not-flipped.json")
        for body in [object, try Self.onImage2video(object)] {
            let finding = try Self.findings(body).first { $0.code == "brushes.path_starts_outside_area" }
            #expect(finding?.path == "dynamic_masks[0].trajectories[0]")
            #expect(finding?.message.contains("y axis may not have been flipped") == true)
        }
        // Flipped as the API wants (y = H − 1 − row), the start is inside: no finding.
        var flipped = try Self.onImage2video(object)
        let text = try #require(flipped["image"] as? String)
        let image = try #require(Data(base64Encoded: text))
        let height = try ImageProbe.probe(bytes: [UInt8](image)).height
        var groups = try #require(flipped["dynamic_masks"] as? [[String: Any]])
        let points = try #require(groups[0]["trajectories"] as? [[String: Int]])
        groups[0]["trajectories"] = points.map { ["x": $0["x"] ?? 0, "y": height - 1 - ($0["y"] ?? 0)] }
        flipped["dynamic_masks"] = groups
        #expect(!Self.codes(try Self.findings(flipped)).contains { $0.hasPrefix("brushes.path_starts_outside_area") })
    }

    @Test("the same fault as a job: a path that starts outside its area")
    func notFlippedAsJob() async {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [TestPaths.fixture("demo/images/rocket.jpg")]
        builder.prompt = "p"
        builder.brushAreas = ["rect 0.1,0.1 0.25,0.3"]
        builder.brushPaths = ["line 0.17,0.8 -> 0.3,0.8"]
        let report = await JobChecker.check(builder.build())
        #expect(Self.codes(report.findings).contains("brushes.path_starts_outside_area brushes.dynamic[0].path"))
    }

    // MARK: cmyk-photo

    @Test("a CMYK JPEG gets a warning with the fix, inline in a body and as a job's image")
    func cmyk() async throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.casePath("cmyk-photo.jpg")))
        let body: [String: Any] = ["image": bytes.base64EncodedString(), "prompt": "p"]
        let finding = try Self.findings(body).first { $0.code == "images.cmyk" }
        #expect(finding?.severity == .warning)
        #expect(finding?.fix?.contains("RGB") == true)
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [Self.casePath("cmyk-photo.jpg")]
        builder.prompt = "p"
        let report = await JobChecker.check(builder.build())
        #expect(report.findings.map(\.code).contains("images.cmyk"))
    }
}
