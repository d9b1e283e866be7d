@testable import KlingImage
import TestSupport
import Testing

/// Our own damaged files, made at run time from the fixtures.
struct CorruptionMatrixTests {
    @Test func emptyBytesAreRefusedByName() {
        #expect(throws: ImageError.empty) { try ImageDecoder.verify(bytes: []) }
        #expect(throws: ImageError.empty) { try ImageDecoder.verify(path: TestPaths.fixture("bad/empty.jpg")) }
    }

    @Test func wrongMagicIsNotAnImage() throws {
        var png = try FixtureData.bytes("images/gradient.png")
        png[1] = 0x51  // "\x89QNG"
        #expect(throws: ImageError.notAnImage(head: "89 51 4e 47 0d 0a 1a 0a")) {
            try ImageDecoder.verify(bytes: png)
        }
    }

    @Test func pngTruncatedAtEveryChunkBoundaryIsRefused() throws {
        let png = try FixtureData.bytes("images/gradient.png")
        let boundaries = FixtureData.pngChunkBoundaries(png)
        #expect(boundaries.count >= 3)
        for cut in boundaries + boundaries.map({ $0 + 5 }) + [png.count - 1, 8, 20] {
            let truncated = Array(png[0..<cut])
            #expect(throws: ImageError.self, "cut at \(cut)") { try ImageDecoder.verify(bytes: truncated) }
        }
    }

    @Test func jpegTruncatedAtEveryMarkerBoundaryIsRefused() throws {
        let jpeg = try FixtureData.bytes("images/landscape.jpg")
        let boundaries = FixtureData.jpegMarkerBoundaries(jpeg)
        #expect(boundaries.count >= 5)
        let insideScan = [jpeg.count / 2, jpeg.count - 100, jpeg.count - 2]
        for cut in boundaries + boundaries.map({ $0 + 3 }) + insideScan {
            let truncated = Array(jpeg[0..<cut])
            #expect(throws: ImageError.self, "cut at \(cut)") { try ImageDecoder.verify(bytes: truncated) }
        }
    }

    @Test func flippedCRCsAreCorrupt() throws {
        let png = try FixtureData.bytes("images/gradient.png")
        for chunk in FixtureData.pngChunkBoundaries(png) {
            let length =
                Int(png[chunk]) << 24 | Int(png[chunk + 1]) << 16 | Int(png[chunk + 2]) << 8 | Int(png[chunk + 3])
            var damaged = png
            damaged[chunk + 8 + length] ^= 0xFF  // first CRC byte
            #expect(throws: ImageError.self, "CRC of chunk at \(chunk)") {
                try ImageDecoder.verify(bytes: damaged)
            }
        }
    }

    @Test func absurdPNGDimensionsAreRefusedBeforeDecoding() throws {
        let png = try FixtureData.bytes("images/gradient.png")
        let huge = FixtureData.patching32(FixtureData.patching32(png, at: 16, 65535), at: 20, 65535)
        #expect(throws: ImageError.tooLarge(width: 65535, height: 65535, maximumPixels: 100_000_000)) {
            try ImageDecoder.verify(bytes: huge)
        }
        let zero = FixtureData.patching32(png, at: 16, 0)
        #expect(throws: ImageError.self) { try ImageDecoder.verify(bytes: zero) }
        #expect {
            try ImageProbe.probe(bytes: zero)
        } throws: { error in
            guard case .invalidHeader(.png, _, _) = error as? ImageError else { return false }
            return true
        }
    }

    @Test func absurdJPEGDimensionsAreRefusedBeforeDecoding() throws {
        let jpeg = try FixtureData.bytes("images/landscape.jpg")
        let sof = try #require(FixtureData.sofOffset(jpeg))
        // SOF: FF Cx, length (2), precision (1), height (2), width (2).
        let huge = FixtureData.patching16(FixtureData.patching16(jpeg, at: sof + 5, 65535), at: sof + 7, 65535)
        #expect(throws: ImageError.tooLarge(width: 65535, height: 65535, maximumPixels: 100_000_000)) {
            try ImageDecoder.verify(bytes: huge)
        }
        let zeroWidth = FixtureData.patching16(jpeg, at: sof + 7, 0)
        #expect {
            try ImageDecoder.verify(bytes: zeroWidth)
        } throws: { error in
            guard case .invalidHeader(.jpeg, let reason, _) = error as? ImageError else { return false }
            return reason.contains("0x1200")
        }
    }

    @Test func aSmallerLimitRefusesAnOrdinaryPhoto() {
        let limits = DecodeLimits(maximumPixels: 1_000_000)
        #expect(throws: ImageError.tooLarge(width: 1800, height: 1200, maximumPixels: 1_000_000)) {
            try ImageDecoder.verify(path: TestPaths.fixture("images/landscape.jpg"), limits: limits)
        }
    }

    @Test func sofAfterAHugeAPPSegmentIsFoundCheaply() throws {
        let jpeg = try FixtureData.bytes("images/landscape.jpg")
        // 16 APP15 segments of 65,533 payload bytes (about 1 MB) right after SOI.
        var big: [UInt8] = [0xFF, 0xD8]
        for _ in 0..<16 { big += [0xFF, 0xEF, 0xFF, 0xFF] + [UInt8](repeating: 0x41, count: 65533) }
        big += jpeg[2...]
        let cost = try ImageProbe.probeCountingBytes(bytes: big)
        #expect(cost.info.width == 1800 && cost.info.height == 1200)
        #expect(cost.headerBytes < 4096, "read \(cost.headerBytes) bytes to find the SOF")
        // The end search starts after the SOF: it never reads the megabyte of APP15 segments.
        #expect(cost.endSearchBytes <= jpeg.count, "read \(cost.endSearchBytes) bytes to find the end")
        #expect(cost.info.endMarkerFound == true && cost.info.trailingByteCount == 0)
        #expect(try ImageDecoder.verify(bytes: big).width == 1800)
    }

    @Test func garbageInsteadOfPixelsIsCorrupt() throws {
        let jpeg = try FixtureData.bytes("images/landscape.jpg")
        let boundaries = FixtureData.jpegMarkerBoundaries(jpeg)
        let scanStart = try #require(boundaries.last) + 20
        var damaged = jpeg
        for index in scanStart..<(scanStart + 4000) where index % 7 == 0 { damaged[index] = 0xFF }
        // Either refused or decoded with warnings, never a crash.
        do {
            let report = try ImageDecoder.verify(bytes: damaged)
            #expect(report.warningCount > 0)
        } catch {
            #expect(!error.description.isEmpty)
        }
    }
}
