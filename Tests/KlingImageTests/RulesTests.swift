import KlingCheck
@testable import KlingImage
import TestSupport
import Testing

struct RulesTests {
    static func info(_ width: Int, _ height: Int, bytes: Int = 1000, format: ImageFormat = .jpeg, orientation: Int? = nil) -> ImageInfo {
        ImageInfo(format: format, width: width, height: height, byteCount: bytes, png: nil, jpeg: nil, exifOrientation: orientation, endMarkerFound: true, trailingByteCount: 0, leadingBytes: "")
    }

    static func codes(_ info: ImageInfo) -> [String] { ImageRules.check(info).map(\.code) }

    @Test func minimumSideIs300() {
        #expect(Self.codes(Self.info(300, 300)) == [])
        #expect(Self.codes(Self.info(299, 300)) == ["image.too_small"])
        #expect(Self.codes(Self.info(300, 299)) == ["image.too_small"])
    }

    @Test func aspectRatioIsInclusiveAt2_5() {
        #expect(Self.codes(Self.info(750, 300)) == [])
        #expect(Self.codes(Self.info(300, 750)) == [])
        #expect(Self.codes(Self.info(751, 300)) == ["image.aspect_ratio"])
        #expect(Self.codes(Self.info(300, 751)) == ["image.aspect_ratio"])
        let message = ImageRules.check(Self.info(1000, 300)).first?.message ?? ""
        #expect(message.contains("3.33:1") && message.contains("1000x300"))
    }

    @Test func fileSizeWarnsAbove10MBAndFailsAbove10MiB() {
        #expect(Self.codes(Self.info(400, 400, bytes: 10_000_000)) == [])
        let borderline = ImageRules.check(Self.info(400, 400, bytes: 10_000_001))
        #expect(borderline.map(\.code) == ["image.file_size_borderline"])
        #expect(borderline.first?.severity == .warning)
        #expect(Self.codes(Self.info(400, 400, bytes: 10_485_760)) == ["image.file_size_borderline"])
        let over = ImageRules.check(Self.info(400, 400, bytes: 10_485_761))
        #expect(over.map(\.code) == ["image.file_too_large"])
        #expect(over.first?.severity == .error)
    }

    @Test func orientationOtherThan1Warns() {
        #expect(Self.codes(Self.info(400, 400, orientation: 1)) == [])
        let turned = ImageRules.check(Self.info(600, 400, orientation: 6))
        #expect(turned.map(\.code) == ["image.exif_orientation"])
        #expect(turned.first?.message.contains("600x400") == true)
        #expect(Self.codes(Self.info(400, 400, orientation: 0)) == ["image.exif_orientation_undefined"])
    }

    @Test func aFileWithoutItsEndMarkerIsTruncated() {
        var info = Self.info(400, 400)
        info.endMarkerFound = false
        #expect(Self.codes(info) == ["image.truncated"])
        let truncated = ImageInspector.inspect(path: TestPaths.fixture("bad/truncated.jpg"), decode: false)
        #expect(truncated.findings.map(\.code) == ["image.truncated"])
        let whole = ImageInspector.inspect(path: TestPaths.fixture("images/gradient.png"), decode: false)
        #expect(whole.info?.endMarkerFound == true && whole.passes)
    }

    @Test func aDamagedPNGChunkIsFoundWithoutDecoding() throws {
        var png = try FixtureData.bytes("images/gradient.png")
        png[png.count / 2] ^= 0x5A  // inside IDAT
        let inspection = ImageInspector.inspect(bytes: png, label: "damaged", decode: false)
        #expect(inspection.findings.map(\.code) == ["image.corrupt"])
        #expect(inspection.findings.first?.message.contains("IDAT chunk at byte 33 fails its CRC check") == true)
        #expect(ImageInspector.inspect(path: TestPaths.fixture("images/gradient.png"), decode: false).passes)
    }

    @Test func refusedFormatsAreNamed() {
        let gif = ImageRules.check(Self.info(0, 0, format: .gif))
        #expect(gif.map(\.code) == ["image.unsupported_format"])
        #expect(gif.first?.message.contains("GIF") == true)
    }

    @Test func inspectionCollectsEveryFinding() {
        let inspection = ImageInspector.inspect(path: TestPaths.fixture("bad/truncated.jpg"), decode: true)
        #expect(inspection.decodable == false)
        #expect(inspection.findings.map(\.code) == ["image.truncated", "image.corrupt"])
        let missing = ImageInspector.inspect(path: "/nonexistent.png", decode: true)
        #expect(missing.findings.map(\.code) == ["image.unreadable"])
        #expect(!missing.passes)
        let good = ImageInspector.inspect(path: TestPaths.fixture("images/portrait.jpg"), decode: true)
        #expect(good.passes && good.decodable == true)
    }
}
