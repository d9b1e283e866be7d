import Foundation
import KlingBrush
import KlingCheck
import KlingImage
import KlingPreview
import KlingRequest
import TestSupport
import Testing

/// The picture of the plan: the static area in its colour, each group's trajectory in the
/// group's, the legend and thumbnails beneath; and `build`'s `preview.png`.
struct PreviewRendererTests {
    static let gray: UInt8 = 128

    /// A 400×300 mid-gray PNG in a fresh folder.
    static func grayImage() throws -> String {
        let directory = try TestPaths.temporaryDirectory()
        let pixels = [UInt8](repeating: gray, count: 400 * 300)
        let png = try PNGEncoder.encode(pixels: pixels, width: 400, height: 300, channels: 1)
        let path = directory.appendingPathComponent("gray.png").path
        try Data(png).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A job on the gray image: the lower half static, one circle moving right along y = 75.
    static func tinyJob(images: [String]) -> JobDocument {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = images
        builder.prompt = "The dot slides right."
        builder.staticAreas = ["rect 0,0.5 1,1"]
        builder.brushAreas = ["circle 0.25,0.25 0.05"]
        builder.brushPaths = ["line 0.25,0.25 -> 0.75,0.25"]
        return builder.build()
    }

    /// `colour` blended over the gray at the preview's 40 % (102/256), as `RGBImage.tint` does.
    static func tinted(_ colour: RGBColour) -> RGBColour {
        func blend(_ value: UInt8) -> UInt8 { UInt8((Int(gray) * 154 + Int(value) * 102) >> 8) }
        return RGBColour(red: blend(colour.red), green: blend(colour.green), blue: blend(colour.blue))
    }

    @Test func theStaticAreaAndTheTrajectoryAreDrawnInTheirColours() async throws {
        let report = await JobChecker.check(Self.tinyJob(images: [try Self.grayImage()]))
        let canvas = try PreviewRenderer().render(report)
        #expect(canvas.width == 400 && canvas.height > 300)  // the legend strip beneath
        // Inside the static area, away from its outline: the gray tinted with the static colour.
        #expect(canvas[200, 250] == Self.tinted(.staticArea))
        // Above it, outside every area: the picture itself.
        #expect(canvas[200, 30] == RGBColour(red: Self.gray, green: Self.gray, blue: Self.gray))
        // On the trajectory, halfway: group 1's colour, opaque.
        #expect(canvas[200, 75] == RGBColour.groupPalette[0])
        // The legend strip is the strip colour, not the picture.
        #expect(canvas[canvas.width - 2, canvas.height - 2] == RGBColour(red: 24, green: 24, blue: 28))
    }

    @Test func otherImagesBecomeThumbnails() async throws {
        let image = try Self.grayImage()
        let report = await JobChecker.check(Self.tinyJob(images: [image, image]))
        let one = try PreviewRenderer().render(await JobChecker.check(Self.tinyJob(images: [image])))
        let two = try PreviewRenderer().render(report)
        #expect(two.width == one.width && two.height > one.height)
    }

    @Test func aURLReferenceHasNoPicture() async throws {
        let report = await JobChecker.check(Self.tinyJob(images: ["https://example.com/a.png"]))
        #expect(throws: PreviewError.noLocalPicture(imagePath: "images[0]")) {
            try PreviewRenderer().render(report)
        }
    }

    @Test func anUndecodableReferenceSaysWhich() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let broken = directory.appendingPathComponent("broken.png")
        let png = try PNGEncoder.encode(
            pixels: [UInt8](repeating: 0, count: 400 * 300), width: 400, height: 300, channels: 1)
        try Data(png.prefix(png.count / 2)).write(to: broken)
        let report = await JobChecker.check(Self.tinyJob(images: [broken.path]))
        let error = #expect(throws: PreviewError.self) { try PreviewRenderer().render(report) }
        guard case .undecodable(let path, _) = error else {
            Issue.record("expected an undecodable reference, got \(String(describing: error))")
            return
        }
        #expect(path == "images[0]")
    }

    @Test func buildWritesThePreviewItIsGiven() async throws {
        let directory = try TestPaths.temporaryDirectory()
        var report = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        let output = try await BuildWriter.write(&report, to: directory.path, preview: PreviewRenderer())
        let preview = try #require(output.preview)
        let info = try ImageProbe.probe(path: preview)
        #expect(info.format == .png && info.width == 640 && info.height > 427)
        let drawn = try PreviewRenderer.png(try PreviewRenderer().render(report))
        #expect(try Data(contentsOf: URL(fileURLWithPath: preview)) == Data(drawn))
    }

    /// With `fix: true` the preview shows the fixed picture (upright: 300x400 for the stored
    /// 400x300 EXIF-6 fixture), and the brushes on it; without, the stored grid as before.
    @Test(arguments: [true, false])
    func thePreviewShowsTheFixedImage(fix: Bool) async throws {
        var document = Self.tinyJob(images: [TestPaths.fixture("bad/rotated.png")])
        document.job.fix = fix ? FixOptions() : nil
        let report = await JobChecker.check(document)
        #expect(!report.hasErrors, "\(report.findings)")
        #expect(report.fixed.isEmpty == !fix)
        let picture = try PreviewRenderer().render(report)
        #expect(picture.width == (fix ? 300 : 400))
        #expect(report.brushes?.size == (fix ? PixelSize(width: 300, height: 400) : PixelSize(width: 400, height: 300)))
    }
}
