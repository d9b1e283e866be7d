import Foundation
import KlingBrush
import KlingCheck
import KlingImage
import KlingRequest
import TestSupport
import Testing

/// Masks drawn as runs and written by ``MaskPNGEncoder``, decoded back with libpng: every pixel
/// is the one ``Area/rasterize(size:resolver:)`` draws.
struct MaskEncodingTests {
    static let shapes = [
        "rect 0.1,0.2 0.7,0.9", "ellipse 0.5,0.5 0.3,0.2", "circle 0.3,0.6 0.25",
        "polygon 0.1,0.1 0.9,0.2 0.5,0.9 0.05,0.7", "stroke 6% 0.1,0.1 0.5,0.8 0.9,0.2", "all",
        "all; -ellipse 0.5,0.5 0.3,0.3", "rect 0,0 1,0.5; -stroke 3px 0,0.25 1,0.25; circle 0.8,0.8 0.1",
        "polygon 0,0 0.1,1 0.2,0 0.3,1 0.4,0 0.5,1 0.6,0 0.7,1 0.8,0 0.9,1 1,0",
    ]

    /// Random coordinates for each shape kind, seeded.
    static func randomArea(_ g: inout SeededGenerator) -> String {
        func number(_ g: inout SeededGenerator) -> String {
            String(Double(Int.random(in: -100...1100, using: &g)) / 1000)
        }
        func point(_ g: inout SeededGenerator) -> String { "\(number(&g)),\(number(&g))" }
        func length(_ g: inout SeededGenerator) -> String { String(Double(Int.random(in: 1...500, using: &g)) / 1000) }
        func points(_ g: inout SeededGenerator, _ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &g)).map { _ in point(&g) }.joined(separator: " ")
        }
        func shape(_ g: inout SeededGenerator) -> String {
            switch Int.random(in: 0..<5, using: &g) {
            case 0: "rect \(point(&g)) \(point(&g))"
            case 1: "ellipse \(point(&g)) \(length(&g)),\(length(&g))"
            case 2: "circle \(point(&g)) \(length(&g))"
            case 3: "polygon \(points(&g, 3...12))"
            default: "stroke \(length(&g)) \(points(&g, 1...6))"
            }
        }
        return (0..<Int.random(in: 1...3, using: &g)).map { index in
            (index > 0 && Bool.random(using: &g) ? "-" : "") + shape(&g)
        }.joined(separator: "; ")
    }

    static func check(_ text: String, size: PixelSize) throws {
        let area = try Area(parsing: text)
        let runs = try area.runs(size: size)
        let png = try MaskPNGEncoder.encode(rows: runs.rows, width: runs.width)
        let report = try ImageDecoder.verify(bytes: png)
        #expect(report.warningCount == 0, "\(report.warnings): \(text) at \(size)")
        let picture = try MaskPicture(bytes: png)
        let drawn = try area.rasterize(size: size)
        #expect(picture.width == size.width && picture.height == size.height)
        #expect(picture.white == drawn.pixels, "\(text) at \(size)")
    }

    @Test(arguments: [
        PixelSize(width: 1, height: 1), PixelSize(width: 2, height: 5), PixelSize(width: 257, height: 3),
        PixelSize(width: 258, height: 17), PixelSize(width: 259, height: 40), PixelSize(width: 3840, height: 2160),
        PixelSize(width: 8192, height: 12), PixelSize(width: 16384, height: 16),
    ])
    func shapesDecodeToTheRasterisersPixels(size: PixelSize) throws {
        for text in Self.shapes { try Self.check(text, size: size) }
    }

    @Test func randomAreasDecodeToTheRasterisersPixels() throws {
        var g = SeededGenerator(seed: 0x4D41_534B)
        for _ in 0..<300 {
            let size = PixelSize(
                width: [1, 2, 3, 257, 258, 259, 640][Int.random(in: 0..<7, using: &g)],
                height: Int.random(in: 1...60, using: &g))
            try Self.check(Self.randomArea(&g), size: size)
        }
    }

    @Test func randomAreasAtFullSizeDecodeToTheRasterisersPixels() throws {
        var g = SeededGenerator(seed: 0x4655_4C4C)
        for _ in 0..<4 {
            try Self.check(Self.randomArea(&g), size: PixelSize(width: 3840, height: 2160))
        }
        for _ in 0..<20 {
            try Self.check(Self.randomArea(&g), size: PixelSize(width: 16384, height: Int.random(in: 1...6, using: &g)))
        }
    }

    @Test func jobLikeMasksAreNoLargerThanZlibs() throws {
        // Masks like a job's brushes at 3840×2160: ellipses, polygons, strokes, rectangles.
        let size = PixelSize(width: 3840, height: 2160)
        var lines = ["area                                   runs B  zlib B"]
        for text in Self.shapes + ["ellipse 0.3,0.4 0.1,0.15; ellipse 0.7,0.6 0.12,0.1", "rect 0.6,0.1 0.95,0.4"] {
            let runs = try Area(parsing: text).runs(size: size)
            let png = try MaskPNGEncoder.encode(rows: runs.rows, width: runs.width)
            let drawn = try Area(parsing: text).rasterize(size: size)
            let zlib = try PNGEncoder.encode(
                pixels: drawn.pixels, width: size.width, height: size.height, channels: 1, options: .mask)
            let label = text.prefix(38).padding(toLength: 38, withPad: " ", startingAt: 0)
            lines.append("\(label) \(png.count)  \(zlib.count)")
            #expect(Double(png.count) <= 1.2 * Double(zlib.count), "\(text): runs \(png.count) B, zlib \(zlib.count) B")
        }
        print(lines.joined(separator: "\n"))
    }

    @Test func theBuiltMasksAreTheDrawnAreas() async throws {
        let (_, report, directory) = try await BuildWriterTests.build(TestPaths.fixture("demo/job.yaml"))
        let brushes = try #require(report.brushes)
        let written = try Data(contentsOf: directory.appendingPathComponent("masks/static.png"))
        let staticMask = try MaskPicture(bytes: [UInt8](written))
        #expect(staticMask.white == brushes.staticMask?.grayMask().pixels)
        for group in brushes.groups {
            let file = directory.appendingPathComponent("masks/dynamic-\(group.number).png")
            let picture = try MaskPicture(bytes: [UInt8](try Data(contentsOf: file)))
            let area = try #require(group.area)
            #expect(picture.white == (try area.rasterize(size: brushes.size)).pixels)
        }
    }
}
