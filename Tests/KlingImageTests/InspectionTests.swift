import Foundation
@testable import KlingImage
import TestSupport
import Testing

/// ``ImageInspector`` collects facts and typed errors; it passes no verdict.
struct InspectionTests {
    @Test func aTruncatedJPEGIsAFactWithoutDecodeAndAnErrorWithIt() {
        let probed = ImageInspector.inspect(path: TestPaths.fixture("bad/truncated.jpg"), decode: false)
        #expect(probed.info?.endMarkerFound == false)
        #expect(probed.errors.isEmpty && probed.decodable == nil)
        let decoded = ImageInspector.inspect(path: TestPaths.fixture("bad/truncated.jpg"), decode: true)
        #expect(decoded.decodable == false)
        guard case .corrupt(.jpeg, _)? = decoded.errors.first else {
            Issue.record("expected a corrupt JPEG, got \(decoded.errors)")
            return
        }
    }

    @Test func aDamagedPNGChunkIsFoundWithoutDecoding() throws {
        var png = try FixtureData.bytes("images/gradient.png")
        png[png.count / 2] ^= 0x5A  // inside IDAT
        let inspection = ImageInspector.inspect(bytes: png, label: "damaged", decode: false)
        #expect(
            inspection.errors == [
                .corrupt(format: .png, message: "the IDAT chunk at byte 33 fails its CRC check (the data is damaged)")
            ])
        #expect(ImageInspector.inspect(path: TestPaths.fixture("images/gradient.png"), decode: false).errors.isEmpty)
    }

    @Test func aMissingFileIsAnUnreadableError() {
        let missing = ImageInspector.inspect(path: "/nonexistent.png", decode: true)
        #expect(missing.info == nil && missing.decodable == false)
        #expect(missing.errors == [.unreadable(path: "/nonexistent.png", reason: "no such file or directory")])
        let good = ImageInspector.inspect(path: TestPaths.fixture("images/portrait.jpg"), decode: true)
        #expect(good.errors.isEmpty && good.decodable == true && good.decode?.width == 1200)
    }

    @Test func aRefusedFormatIsAFactNotAnError() {
        let gif = ImageInspector.inspect(path: TestPaths.fixture("bad/animation.jpg"), decode: true)
        #expect(gif.info?.format == .gif)
        #expect(gif.decodable == false && gif.errors.isEmpty)
    }
}
