import Foundation
import KlingCheck
@testable import KlingImage
import KlingRequest
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rule book's image rules on KlingImage's facts, with header facts made up and with real
/// bytes.
struct ImageRulesTests {
    static let context = RuleContext(route: .image2video)

    static func info(
        _ width: Int, _ height: Int, bytes: Int = 1000, format: ImageFormat = .jpeg, orientation: Int? = nil
    ) -> ImageInfo {
        ImageInfo(
            format: format, width: width, height: height, byteCount: bytes, png: nil, jpeg: nil,
            exifOrientation: orientation, endMarkerFound: true, trailingByteCount: 0, leadingBytes: "")
    }

    static func findings(_ info: ImageInfo) -> [Finding] { ImageRules.findings(info, at: nil, in: context) }
    static func codes(_ info: ImageInfo) -> [String] { findings(info).map(\.code) }

    /// Bytes of a fixture.
    static func bytes(_ fixture: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture(fixture))))
    }

    /// A verdict on bytes, as a job or body checks an inline image.
    static func verdict(_ bytes: [UInt8], decode: Bool) -> ImageVerdict {
        ImageRules.verdict(bytes: bytes, label: "test", decode: decode, context: context)
    }

    @Test func minimumSideIs300() {
        #expect(Self.codes(Self.info(300, 300)) == [])
        #expect(Self.codes(Self.info(299, 300)) == ["images.too_small"])
        #expect(Self.codes(Self.info(300, 299)) == ["images.too_small"])
    }

    @Test func aspectRatioIsInclusiveAt2_5() {
        #expect(Self.codes(Self.info(750, 300)) == [])
        #expect(Self.codes(Self.info(300, 750)) == [])
        #expect(Self.codes(Self.info(751, 300)) == ["images.aspect_ratio"])
        #expect(Self.codes(Self.info(300, 751)) == ["images.aspect_ratio"])
        let message = Self.findings(Self.info(1000, 300)).first?.message ?? ""
        #expect(message.contains("3.33:1") && message.contains("1000x300"))
    }

    @Test func fileSizeWarnsAbove10MBAndFailsAbove10MiB() {
        #expect(Self.codes(Self.info(400, 400, bytes: 10_000_000)) == [])
        let borderline = Self.findings(Self.info(400, 400, bytes: 10_000_001))
        #expect(borderline.map(\.code) == ["images.file_size_borderline"])
        #expect(borderline.first?.severity == .warning)
        #expect(Self.codes(Self.info(400, 400, bytes: 10_485_760)) == ["images.file_size_borderline"])
        let over = Self.findings(Self.info(400, 400, bytes: 10_485_761))
        #expect(over.map(\.code) == ["images.file_too_large"])
        #expect(over.first?.severity == .error)
    }

    @Test func orientationOtherThan1Warns() {
        let turned = Self.findings(Self.info(600, 400, orientation: 6))
        #expect(turned.map(\.code) == ["images.exif_orientation"])
        #expect(turned.first?.message.contains("600x400") == true)
    }

    @Test func orientation1OrUndefined() {
        #expect(Self.codes(Self.info(400, 400, orientation: 1)) == [])
        #expect(Self.codes(Self.info(400, 400, orientation: 0)) == ["images.exif_orientation_undefined"])
    }

    @Test func refusedFormatsAreNamed() {
        let gif = Self.findings(Self.info(0, 0, format: .gif))
        #expect(gif.map(\.code) == ["images.unsupported_format"])
        #expect(gif.first?.message.contains("GIF") == true)
    }

    @Test func aFileWithoutItsEndMarkerIsTruncated() throws {
        var info = Self.info(400, 400)
        info.endMarkerFound = false
        info.trailingByteCount = nil
        #expect(Self.codes(info) == ["images.truncated"])
        let truncated = ImageRules.verdict(
            path: TestPaths.fixture("bad/truncated.jpg"), decode: false, context: Self.context)
        #expect(truncated.findings.map(\.code) == ["images.truncated"])
        let decoded = ImageRules.verdict(
            path: TestPaths.fixture("bad/truncated.jpg"), decode: true, context: Self.context)
        #expect(decoded.findings.map(\.code) == ["images.truncated", "images.corrupt"])
        let whole = ImageRules.verdict(
            path: TestPaths.fixture("images/gradient.png"), decode: false, context: Self.context)
        #expect(whole.findings.isEmpty && whole.passes)
    }

    @Test func aDeviceOrProcFileIsNotEmpty() {
        for path in ["/dev/null", "/proc/self/status"] where FileManager.default.fileExists(atPath: path) {
            let verdict = ImageRules.verdict(path: path, decode: false, context: Self.context)
            #expect(verdict.findings.map(\.code) == ["images.unreadable"], "\(path)")
            #expect(verdict.findings.first?.message.contains("empty") == false, "\(path)")
            #expect(verdict.findings.first?.message.contains("0 bytes)") == false, "\(path)")
        }
        let device = ImageRules.verdict(path: "/dev/null", decode: true, context: Self.context)
        #expect(device.findings.first?.message.contains("character device") == true)
    }

    @Test func aFIFONeverBlocks() throws {
        let fifo = try makeTemporaryDirectory().appendingPathComponent("pipe.png").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let verdict = ImageRules.verdict(path: fifo, decode: true, context: Self.context)
        #expect(verdict.findings.map(\.code) == ["images.unreadable"])
        #expect(verdict.findings.first?.message.contains("FIFO") == true)
    }

    @Test func aDamagedPNGChunkIsFoundWithoutDecoding() throws {
        var png = try Self.bytes("images/gradient.png")
        png[png.count / 2] ^= 0x5A  // inside IDAT
        let verdict = Self.verdict(png, decode: false)
        #expect(verdict.findings.map(\.code) == ["images.corrupt"])
        #expect(verdict.findings.first?.message.contains("IDAT chunk at byte 33 fails its CRC check") == true)
    }

    @Test func everyFindingNamesItsRuleAndSource() {
        let findings = Self.findings(Self.info(200, 900, bytes: 11_000_000, orientation: 3))
        #expect(
            findings.map(\.code) == [
                "images.file_too_large", "images.too_small", "images.aspect_ratio", "images.exif_orientation",
            ])
        for finding in findings {
            let rule = RuleBook.rule(finding.code)
            #expect(rule != nil, "\(finding.code) is not in the rule book")
            #expect(finding.source == rule?.source)
            #expect(finding.path == nil)
        }
        let placed = ImageRules.findings(Self.info(200, 200), at: "images[0]", in: Self.context)
        #expect(placed.map(\.path) == ["images[0]"])
    }

    @Test func theRuleBookHoldsEveryImageRuleOnce() {
        let codes = ImageRules.rules.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.hasPrefix("images.") })
        let book = RuleBook.all.map(\.code)
        for code in codes { #expect(book.filter { $0 == code }.count == 1, "\(code)") }
        for rule in ImageRules.rules {
            #expect(!rule.fact.isEmpty && !rule.source.isEmpty)
            for route in Route.allCases {
                #expect(rule.severity(in: RuleContext(route: route)) != nil, "\(rule.code) on \(route)")
            }
        }
    }
}
