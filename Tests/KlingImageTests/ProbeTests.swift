import KlingCheck
import Foundation
@testable import KlingImage
import TestSupport
import Testing

struct ProbeTests {
    @Test(arguments: [
        "images/landscape.jpg", "images/portrait.jpg", "images/gradient.png", "bad/rotated.png", "bad/animation.jpg",
        "bad/notes.png", "bad/empty.jpg",
    ])
    func bytesAndFileAgree(fixture: String) throws {
        let path = TestPaths.fixture(fixture)
        let bytes = try FixtureData.bytes(fixture)
        #expect(try ImageProbe.probe(path: path) == ImageProbe.probe(bytes: bytes))
    }

    @Test func formatsAreToldBySignatureAndNamed() throws {
        let samples: [(ImageFormat, [UInt8])] = [
            (.gif, Array("GIF89a".utf8) + [1, 0, 1, 0]),
            (.webp, Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8)),
            (.bmp, Array("BM".utf8) + [0, 0, 0, 0, 0, 0]),
            (.tiff, [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]),
            (.tiff, [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]),
            (.heic, [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0]),
            (.avif, [0, 0, 0, 24] + Array("ftypavif".utf8) + [0, 0, 0, 0]),
            (.pdf, Array("%PDF-1.7\n".utf8)),
            (.notAnImage, Array("hello world".utf8)),
            (.empty, []),
        ]
        for (format, bytes) in samples {
            let info = try ImageProbe.probe(bytes: bytes)
            #expect(info.format == format)
            #expect(!format.isAccepted)
            #expect(throws: ImageError.self) { try ImageDecoder.verify(bytes: bytes) }
        }
        // A PNG named .jpg is a PNG.
        let disguised = try ImageProbe.probe(path: TestPaths.fixture("bad/animation.jpg"))
        #expect(disguised.format == .gif)
        #expect(ImageError.unsupportedFormat(.webp).description.contains("WebP"))
    }

    @Test func pngFactsComeFromIHDR() throws {
        let info = try ImageProbe.probe(path: TestPaths.fixture("images/gradient.png"))
        #expect(info.format == .png)
        #expect(info.width == 360 && info.height == 640)
        #expect(info.png == PNGHeader(bitDepth: 8, colorType: 6, interlaced: false))
        #expect(info.exifOrientation == nil)
        let rotated = try ImageProbe.probe(path: TestPaths.fixture("bad/rotated.png"))
        #expect(rotated.exifOrientation == 6)
        #expect(rotated.displayedSize == PixelSize(width: 300, height: 400))
    }

    @Test func jpegFactsComeFromTheSOF() throws {
        let info = try ImageProbe.probe(path: TestPaths.fixture("images/landscape.jpg"))
        let frame = try #require(info.jpeg)
        #expect(frame.process == .baseline)
        #expect(frame.precision == 8)
        #expect(frame.colorSpace == .yCbCr)
        #expect(frame.components == 3)
        #expect(info.exifOrientation == 1)
    }

    /// A 4000×3000 JPEG whose SOF sits 40 KB in (behind a large EXIF block) costs well under
    /// 64 KB of reading.
    @Test func probeReadsOnlyWhatItNeeds() throws {
        let photo = try FixtureData.bytes("images/landscape.jpg")
        let sof = try #require(FixtureData.sofOffset(photo))
        var big = FixtureData.patching16(FixtureData.patching16(photo, at: sof + 5, 3000), at: sof + 7, 4000)
        // An APP1 Exif segment of 40,000 bytes, orientation 3 in IFD0, padding after it.
        var tiff: [UInt8] = [
            0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0,
        ]
        tiff += [UInt8](repeating: 0, count: 40_000 - 8 - tiff.count)
        let app1: [UInt8] =
            [0xFF, 0xE1] + [UInt8(((tiff.count + 8) >> 8) & 0xFF), UInt8((tiff.count + 8) & 0xFF)]
            + Array("Exif".utf8) + [0, 0] + tiff
        big = [0xFF, 0xD8] + app1 + big[2...]
        let directory = try TestPaths.temporaryDirectory()
        let file = directory.appendingPathComponent("big.jpg")
        try Data(big).write(to: file)
        let cost = try ImageProbe.probeCountingBytes(path: file.path)
        #expect(cost.info.width == 4000 && cost.info.height == 3000)
        #expect(cost.info.exifOrientation == 3)
        #expect(cost.headerBytes < 8 * 1024, "read \(cost.headerBytes) bytes")
        // The end search reads the scan data once, from the SOF on: never the EXIF block again.
        #expect(cost.endSearchBytes <= big.count - 40_000, "scanned \(cost.endSearchBytes) of \(big.count) bytes")
        let png = try ImageProbe.probeCountingBytes(path: TestPaths.fixture("images/gradient.png"))
        #expect(png.info.width == 360)
        #expect(png.headerBytes < 1024, "read \(png.headerBytes) bytes of a PNG")
        // The chunk walk reads 8 bytes per chunk header, not the image data.
        let chunks = FixtureData.pngChunkBoundaries(try FixtureData.bytes("images/gradient.png")).count
        #expect(png.endSearchBytes <= 8 * chunks, "walked \(png.endSearchBytes) bytes over \(chunks) chunks")
    }

    @Test func unreadablePathsAreTypedErrors() {
        #expect(throws: ImageError.unreadable(path: "/nonexistent/x.png", reason: "no such file or directory")) {
            try ImageProbe.probe(path: "/nonexistent/x.png")
        }
        #expect(throws: ImageError.unreadable(path: "/tmp", reason: "it is a folder, not a regular file")) {
            try ImageProbe.probe(path: "/tmp")
        }
    }
}
