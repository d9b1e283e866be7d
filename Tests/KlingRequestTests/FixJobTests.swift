import Foundation
import KlingBrush
import KlingCheck
import KlingImage
import KlingRequest
import TestSupport
import Testing

/// A job's `fix:` (issue 14, item 2): the body carries the fixed image, and the brushes,
/// described on the upright picture, land on the same content of the fixed grid.
struct FixJobTests {
    /// The body's image, masks and trajectories, decoded back.
    struct Body {
        var image: RGBImage
        var staticMask: RGBImage?
        var dynamicMask: RGBImage
        /// The first trajectory point in user pixels (top-left origin): the centre of its pixel.
        var start: (column: Int, row: Int)
    }

    /// A stored 900x300 PNG whose EXIF orientation (an eXIf chunk) is 6: upright it is 300x900,
    /// 1:3, so `fix` turns it and pads it to 1:2.5. Every pixel has its own colour.
    static func rotatedTallPNG() throws -> (bytes: [UInt8], stored: RGBImage) {
        let width = 900
        let height = 300
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x % 251), UInt8(y % 241), UInt8((x / 251) * 40 + (y / 241) * 20 + 7)]
            }
        }
        let png = try PNGEncoder.encode(pixels: pixels, width: width, height: height, channels: 3)
        // TIFF, big-endian: one IFD entry, Orientation (0x0112) SHORT 6.
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0,
        ]
        let type = Array("eXIf".utf8)
        let length = UInt32(tiff.count)
        var chunk: [UInt8] = [
            UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF),
        ]
        chunk += type + tiff
        let crc = crc32(type + tiff)
        chunk += [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        let afterHeader = 8 + 25  // signature, IHDR
        let bytes = Array(png[..<afterHeader]) + chunk + Array(png[afterHeader...])
        return (bytes, RGBImage(width: width, height: height, pixels: pixels))
    }

    /// PNG's CRC-32, a bit at a time.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func decode(base64 text: String) throws -> RGBImage {
        let data = try #require(Data(base64Encoded: text))
        return try ImageDecoder.decodePicture(bytes: [UInt8](data)).image
    }

    /// Builds `yaml` (written as `job.yaml` into `folder`) into `folder/out`.
    static func build(_ yaml: String, in folder: URL, output: String = "out") async throws -> (JobReport, Body?) {
        let jobPath = folder.appendingPathComponent("job.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: jobPath))
        var report = await JobChecker.check(try JobFile.load(path: jobPath))
        let out = folder.appendingPathComponent(output)
        let written = try await BuildWriter.write(&report, to: out.path)
        guard let request = written.request else { return (report, nil) }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: request))) as? [String: Any])
        let image = try decode(base64: try #require(json["image"] as? String))
        let staticMask = try (json["static_mask"] as? String).map(decode(base64:))
        let group = try #require((json["dynamic_masks"] as? [[String: Any]])?.first)
        let dynamicMask = try decode(base64: try #require(group["mask"] as? String))
        let first = try #require((group["trajectories"] as? [[String: Int]])?.first)
        let x = try #require(first["x"])
        let y = try #require(first["y"])
        // The API's bottom-left integer grid back to a row from the top.
        let start = (column: x, row: image.height - 1 - y)
        return (report, Body(image: image, staticMask: staticMask, dynamicMask: dynamicMask, start: start))
    }

    static let brushes = """
        brushes:
          static:
            - rect 0,0.9 1,1
          dynamic:
            - area: rect 0.4,0.4 0.6,0.5
              path: line 0.5,0.45 -> 0.5,0.2
        """

    @Test func theBrushesFollowARotatedAndPaddedReference() async throws {
        let folder = try TestPaths.temporaryDirectory()
        let (bytes, stored) = try Self.rotatedTallPNG()
        try Data(bytes).write(to: folder.appendingPathComponent("tall.png"))
        let (report, built) = try await Self.build("images:\n  - tall.png\nfix: true\n" + Self.brushes, in: folder)
        #expect(!report.hasErrors, "\(report.findings)")
        let body = try #require(built)
        let fixed = try #require(report.fixed[0])
        #expect(fixed.geometry.orientation == 6)
        #expect(fixed.geometry.uprightSize == PixelSize(width: 300, height: 900))
        // Padded just into 1:2.5, the picture centred between two bands.
        let frame = fixed.geometry.frame
        let padLeft = -frame.x
        #expect(frame.y == 0 && frame.height == 900 && padLeft > 0 && frame.width == 300 + 2 * padLeft + 1)
        #expect(body.image.size == fixed.geometry.outputSize && Double(body.image.width) / 900 >= 0.4)
        #expect(body.dynamicMask.size == body.image.size)
        #expect(body.staticMask?.size == body.image.size)
        // The first point lies inside its area on the fixed image.
        #expect(body.dynamicMask[body.start.column, body.start.row].red == 255)
        // ... and on the same content as the upright source at the described start (0.5, 0.45).
        let upright = PictureOps.orient(stored, exif: 6)
        #expect(upright[150, 405] == body.image[body.start.column, body.start.row])
        #expect(body.start.column == 150 + padLeft && body.start.row == 405)
        // The area's corners hold the upright picture's content too; the pad band is never masked.
        #expect(body.dynamicMask[padLeft + 120, 360].red == 255 && body.dynamicMask[padLeft + 119, 360].red == 0)
        #expect(body.image[padLeft + 120, 360] == upright[120, 360])
        #expect(body.staticMask?[0, 899].red == 0 && body.staticMask?[padLeft, 899].red == 255)
        // No stored-grid notice, no EXIF warning: the fixed copy is upright.
        let codes = report.findings.map(\.code)
        #expect(!codes.contains("brushes.stored_grid") && !codes.contains("images.exif_orientation"))
        #expect(codes.contains("fix.applied"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/images/1.png").path))

        // Fixing the fixed copy again changes nothing: the same image is sent, and the job
        // builds exactly as it does without fix.
        let again = "images:\n  - out/images/1.png\n" + Self.brushes
        let (second, rebuilt) = try await Self.build(again + "\nfix: true\n", in: folder, output: "out2")
        let (_, unfixed) = try await Self.build(again, in: folder, output: "out3")
        #expect(second.fixed.isEmpty && !second.hasErrors)
        let body2 = try #require(rebuilt)
        let body3 = try #require(unfixed)
        #expect(body2.image == body.image, "the fixed copy changed when fixed again")
        #expect(body2.dynamicMask == body3.dynamicMask && body2.staticMask == body3.staticMask)
        #expect(body2.start == body3.start)
    }

    @Test func withoutFixTheBrushesStayOnTheStoredGridAndTheNoticePointsToFix() async throws {
        let folder = try TestPaths.temporaryDirectory()
        let (bytes, _) = try Self.rotatedTallPNG()
        try Data(bytes).write(to: folder.appendingPathComponent("tall.png"))
        let job = "images:\n  - tall.png\n" + Self.brushes
        let jobPath = folder.appendingPathComponent("job.yaml").path
        try Data(job.utf8).write(to: URL(fileURLWithPath: jobPath))
        let report = await JobChecker.check(try JobFile.load(path: jobPath))
        #expect(report.fixed.isEmpty)
        #expect(report.brushes?.size == PixelSize(width: 900, height: 300))
        let grid = try #require(report.findings.first { $0.code == "brushes.stored_grid" })
        #expect(grid.fix?.contains("fix: true") == true)
        let exif = try #require(report.findings.first { $0.code == "images.exif_orientation" })
        #expect(exif.fix?.contains("fix: true") == true)
        #expect(exif.message.contains("stored pixel grid"))
    }

    /// The corpus's EXIF-rotated photos (no pad: 3:2): the first point lands inside its area on
    /// the same content as in the upright picture (JPEG: colours within a tolerance).
    @Test(
        .enabled(if: TestPaths.corpusAvailable, Comment(rawValue: TestPaths.corpusMissingMessage)),
        arguments: [3, 6, 8])
    func theBrushesFollowACorpusPhoto(orientation: Int) async throws {
        let folder = try TestPaths.temporaryDirectory()
        let source = TestPaths.corpus.appendingPathComponent("jpeg/Landscape_\(orientation).jpg").path
        let (report, built) = try await Self.build(
            "images:\n  - path: \(source)\n    fix: {max_side: 900}\n" + Self.brushes, in: folder)
        #expect(!report.hasErrors, "\(report.findings)")
        let body = try #require(built)
        let fixed = try #require(report.fixed[0])
        #expect(body.dynamicMask.size == body.image.size && body.image.size == fixed.geometry.outputSize)
        #expect(body.dynamicMask[body.start.column, body.start.row].red == 255)
        let picture = try ImageDecoder.decodePicture(path: source)
        let upright = PictureOps.orient(picture.image, exif: orientation)
        let point = PixelPoint(x: 0.5 * Double(upright.width), y: 0.45 * Double(upright.height))
        let there = upright[Int(point.x), Int(point.y)]
        let here = body.image[body.start.column, body.start.row]
        let difference = [
            abs(Int(there.red) - Int(here.red)), abs(Int(there.green) - Int(here.green)),
            abs(Int(there.blue) - Int(here.blue)),
        ]
        #expect(difference.max() ?? 0 <= 40, "\(there) vs \(here)")
    }

    @Test func fixIsReadWithLinesAndItsMistakesAreFindings() {
        let document = yamlJob(
            """
            images:
              - path: a.png
                fix: {aspect: padd, background: white, max_side: 100, crop_ancor: top}
              - url: https://example.com/b.jpg
                fix: true
              - path: c.png
                fix: false
            fix: {aspect: crop}
            route: multi-image2video
            """)
        let found = Set(document.findings.map { CodeAndPath($0.code, $0.path) })
        #expect(
            found.isSuperset(of: [
                CodeAndPath("fix.value", "images[0].fix.aspect"),
                CodeAndPath("fix.value", "images[0].fix.background"),
                CodeAndPath("fix.value", "images[0].fix.max_side"),
                CodeAndPath("job.unknown_key", "images[0].fix.crop_ancor"),
                CodeAndPath("fix.url_image", "images[1].fix"),
            ]))
        #expect(document.findings.first { $0.path == "images[0].fix.aspect" }?.fix == "Did you mean 'pad'?")
        let fixFindings = document.findings.filter { ($0.path ?? "").contains("fix") }
        #expect(fixFindings.count == 5)
        #expect(fixFindings.allSatisfy { $0.message.hasPrefix("line ") && $0.source != nil }, "\(fixFindings)")
        let job = document.job
        #expect(job.fix?.aspect == .crop)
        #expect(job.fixOptions(forImage: 2) == nil)
        #expect(job.fixOptions(forImage: 0)?.aspect == .pad)
        #expect(RuleBook.rule("fix.url_image")?.source == "KlingPrep")
    }
}
