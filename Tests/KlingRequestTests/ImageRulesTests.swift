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
        #expect(Self.codes(Self.info(749, 300)) == [])
        #expect(Self.codes(Self.info(300, 749)) == [])
        #expect(Self.codes(Self.info(751, 300)) == ["images.aspect_ratio"])
        #expect(Self.codes(Self.info(300, 751)) == ["images.aspect_ratio"])
        let message = Self.findings(Self.info(1000, 300)).first?.message ?? ""
        #expect(message.contains("3.33:1") && message.contains("1000x300"))
    }

    /// Exactly 2.5:1 or 1:2.5 is allowed, with a warning naming ComfyUI.
    @Test(arguments: [(750, 300), (300, 750), (1500, 600), (600, 1500)])
    func theEndsOfTheRangeWarn(size: (Int, Int)) {
        let findings = Self.findings(Self.info(size.0, size.1))
        #expect(findings.map(\.code) == ["images.aspect_ratio_edge"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.source == "[P]")
        #expect(findings.first?.message.contains("ComfyUI") == true)
        #expect(findings.first?.message.contains(size.0 > size.1 ? "2.50:1" : "1:2.50") == true)
    }

    /// A refused ratio never reads as the limit.
    @Test(arguments: [
        (751, 300, "2.503:1"), (300, 751, "1:2.503"), (2501, 1000, "2.501:1"), (25_001, 10_000, "2.5001:1"),
    ])
    func aRefusedRatioIsNotRoundedToTheLimit(width: Int, height: Int, shown: String) {
        let message = Self.findings(Self.info(width, height)).first?.message ?? ""
        #expect(message.contains("the aspect ratio is \(shown) "), "\(message)")
        #expect(!message.contains("2.50:1") && !message.contains("1:2.50 "))
    }

    @Test func fileSizeWarnsAbove10MBAndFailsAbove10MiB() {
        #expect(Self.codes(Self.info(400, 400, bytes: 10_000_000)) == [])
        let borderline = Self.findings(Self.info(400, 400, bytes: 10_000_001))
        #expect(borderline.map(\.code) == ["images.file_size_borderline"])
        #expect(borderline.first?.severity == .warning)
        #expect(borderline.first?.message.contains("10,000,000 bytes") == true)
        #expect(Self.codes(Self.info(400, 400, bytes: 10_485_760)) == ["images.file_size_borderline"])
        let over = Self.findings(Self.info(400, 400, bytes: 10_485_761))
        #expect(over.map(\.code) == ["images.file_too_large"])
        #expect(over.first?.severity == .error)
        // The error names the limit it applies.
        #expect(over.first?.message.contains("10 MiB (10,485,760 bytes)") == true)
        #expect(over.first?.message.contains("10,485,761 bytes") == true)
    }

    /// Each orientation is described by what viewers do; the stored grid is named.
    @Test(arguments: [
        (2, "mirrored left-right"), (3, "turned 180°"), (4, "mirrored top-bottom"),
        (5, "mirrored across its top-left to bottom-right diagonal"), (6, "turned 90° clockwise"),
        (7, "mirrored across its top-right to bottom-left diagonal"), (8, "turned 90° counter-clockwise"),
    ])
    func orientationOtherThan1Warns(orientation: Int, words: String) {
        let findings = Self.findings(Self.info(600, 400, orientation: orientation))
        #expect(findings.map(\.code) == ["images.exif_orientation"])
        let message = findings.first?.message ?? ""
        #expect(message.contains("viewers show the picture \(words)"), "\(message)")
        #expect(message.contains("stored pixel grid of 600x400"))
        #expect(message.contains(orientation >= 5 ? "(400x600)" : "(600x400)"))
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

    /// Phones append a video after the JPEG's end; the verdict does not depend on its length.
    @Test(arguments: [1, 4095, 4097, 100_000])
    func dataAfterTheEndMarkerIsANote(length: Int) throws {
        var trailer = [UInt8](repeating: 0x5A, count: length)
        for index in stride(from: 0, to: length - 1, by: 97) { (trailer[index], trailer[index + 1]) = (0xFF, 0xD9) }
        for (fixture, marker) in [
            ("images/landscape.jpg", "end-of-image marker"), ("images/gradient.png", "IEND chunk"),
        ] {
            for decode in [false, true] {
                let verdict = Self.verdict(try Self.bytes(fixture) + trailer, decode: decode)
                #expect(verdict.passes, "\(fixture): \(verdict.findings)")
                #expect(verdict.findings.map(\.code) == ["images.trailing_data"], "\(fixture)")
                let note = verdict.findings.first
                #expect(note?.severity == .info)
                let count = length == 1 ? "1 byte" : "\(Digits.grouped(length)) bytes"
                #expect(note?.message.contains("has \(count) after its \(marker)") == true, "\(note?.message ?? "")")
            }
        }
    }

    /// Cut in the middle and given an end marker: fine by the header, an error under --decode.
    @Test func aJPEGCutAndClosedIsMissingDataUnderDecode() throws {
        let photo = try Self.bytes("images/landscape.jpg")
        let cut = Array(photo[0..<(photo.count / 2)]) + [0xFF, 0xD9]
        #expect(Self.verdict(cut, decode: false).passes)
        let decoded = Self.verdict(cut, decode: true)
        #expect(decoded.inspection.decodable == true)
        #expect(decoded.findings.map(\.code) == ["images.data_missing"])
        #expect(decoded.findings.first?.severity == .error)
        #expect(decoded.findings.first?.message.contains("part of the picture is missing") == true)
    }

    /// The raw-body case: a valid CMYK JPEG gets a warning and the fix to convert it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ImageRulesTests.cmykPhoto)))
    func aCMYKJPEGWarns() throws {
        let verdict = ImageRules.verdict(path: Self.cmykPhoto, decode: true, context: Self.context)
        let cmyk = verdict.findings.filter { $0.code == "images.cmyk" }
        #expect(cmyk.count == 1, "\(verdict.findings)")
        #expect(cmyk.first?.severity == .warning)
        #expect(cmyk.first?.source == "[P]")
        #expect(cmyk.first?.fix?.contains("convert it to RGB") == true)
        #expect(verdict.passes)
        #expect(verdict.inspection.info?.jpeg?.colorSpace == .cmyk)
    }

    static let cmykPhoto = TestPaths.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/cases/raw-body/cmyk-photo.jpg").path

    /// A YCCK JPEG (Adobe transform 2) from the corpus warns too; an RGB photo does not.
    @Test(.enabled(if: TestPaths.corpusAvailable))
    func aYCCKJPEGWarns() {
        let path = TestPaths.corpus.appendingPathComponent("jpeg/1cbb1bb37d62c44f67374cd451643dc4.jpg").path
        let verdict = ImageRules.verdict(path: path, decode: false, context: Self.context)
        #expect(verdict.findings.contains { $0.code == "images.cmyk" && $0.message.contains("YCCK") })
        let photo = ImageRules.verdict(
            path: TestPaths.fixture("images/landscape.jpg"), decode: true, context: Self.context)
        #expect(photo.findings.isEmpty)
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
