import Foundation
import KlingCheck
@testable import KlingImage
import TestSupport
import Testing

/// Mask pictures as the service reads them: only exactly white, opaque pixels are painted.
struct MaskPictureTests {
    static let width = 40
    static let height = 30

    /// The squared distance of a pixel's centre from the picture's centre, in pixels.
    static func distance2(_ x: Int, _ y: Int) -> Double {
        let dx = Double(x) + 0.5 - Double(width) / 2
        let dy = Double(y) + 0.5 - Double(height) / 2
        return dx * dx + dy * dy
    }

    /// The levels of a soft grey blob on black that peaks just below 200, far from white.
    static let blobLevels: [UInt8] = (0..<height).flatMap { y in
        (0..<width).map { x in UInt8(max(0, 200 - Int(Self.distance2(x, y) * 2))) }
    }

    /// The blob as an 8-bit gray PNG.
    static func greyBlob() throws -> [UInt8] {
        try PNGEncoder.encode(pixels: blobLevels, width: width, height: height, channels: 1)
    }

    /// RGBA, black everywhere, the shape (a disc of radius 8) only in alpha.
    static func alphaShape() throws -> [UInt8] {
        var rgba: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { rgba += [0, 0, 0, Self.distance2(x, y) < 64 ? 255 : 0] }
        }
        return try PNGEncoder.encode(pixels: rgba, width: width, height: height, channels: 4)
    }

    /// A pure 0/255 gray mask: the left 10 columns white.
    static func binary() throws -> [UInt8] {
        let gray = (0..<(width * height)).map { $0 % width < 10 ? UInt8(255) : 0 }
        return try PNGEncoder.encode(pixels: gray, width: width, height: height, channels: 1, options: .mask)
    }

    @Test func aGreyBlobHasNoWhite() throws {
        let mask = try MaskPicture(bytes: Self.greyBlob())
        #expect(mask.width == Self.width && mask.height == Self.height)
        #expect(!mask.hasAlpha && !mask.shapeOnlyInAlpha)
        #expect(mask.counts.white == 0)
        #expect(mask.counts.grey > 0 && mask.counts.black > 0)
        #expect(mask.counts.coloured == 0 && mask.counts.translucent == 0)
        #expect(mask.counts.total == Self.width * Self.height)
        #expect(!mask.white.contains(255))
        #expect(mask.plane(.whiteOnly) == mask.white)
        #expect(mask.colourMax == Self.blobLevels)
        #expect(mask.alpha.allSatisfy { $0 == 255 })
        // Cut at a grey threshold, the blob's core is inside.
        let core = mask.plane(.grayAtLeast(128))
        #expect(core[15 * Self.width + 20] == 255 && core[0] == 0)
        #expect(core.filter { $0 == 255 }.count == mask.colourMax.filter { $0 >= 128 }.count)
    }

    @Test func aShapeOnlyInAlphaIsTold() throws {
        let mask = try MaskPicture(bytes: Self.alphaShape())
        #expect(mask.hasAlpha && mask.shapeOnlyInAlpha)
        #expect(mask.counts.white == 0)
        let disc = (0..<Self.height).flatMap { y in (0..<Self.width).map { x in Self.distance2(x, y) < 64 } }
        let inside = disc.filter { $0 }.count
        #expect(mask.counts.black == inside)
        #expect(mask.counts.translucent == Self.width * Self.height - inside)
        #expect(mask.plane(.alphaAtLeast(128)) == disc.map { $0 ? 255 : 0 })
        // Composited over black, the shape has no gray level at all.
        #expect(!mask.plane(.grayAtLeast(1)).contains(255))
    }

    @Test func aBinaryMaskIsWhiteWhereItIsPainted() throws {
        let mask = try MaskPicture(bytes: Self.binary())
        #expect(mask.counts.white == 10 * Self.height)
        #expect(mask.counts.black == 30 * Self.height)
        #expect(mask.counts.grey == 0 && mask.counts.coloured == 0 && mask.counts.translucent == 0)
        #expect(!mask.hasAlpha && !mask.shapeOnlyInAlpha)
        let expected = (0..<(Self.width * Self.height)).map { $0 % Self.width < 10 ? UInt8(255) : 0 }
        #expect(mask.white == expected)
        #expect(mask.plane(.grayAtLeast(128)) == expected)
    }

    /// Near-white, translucent white and coloured pixels are not white.
    @Test func onlyExactOpaqueWhiteCounts() throws {
        let pixels: [UInt8] = [
            255, 255, 255, 255,  // white
            255, 255, 254, 255,  // coloured (channels differ)
            255, 255, 255, 254,  // translucent white
            128, 128, 128, 255,  // grey
            0, 0, 0, 255,  // black
            255, 0, 0, 255,  // coloured
        ]
        let mask = try MaskPicture(bytes: PNGEncoder.encode(pixels: pixels, width: 6, height: 1, channels: 4))
        #expect(mask.white == [255, 0, 0, 0, 0, 0])
        #expect(mask.counts.white == 1 && mask.counts.coloured == 2 && mask.counts.translucent == 1)
        #expect(mask.counts.grey == 1 && mask.counts.black == 1)
        #expect(mask.alpha == [255, 255, 254, 255, 255, 255])
        #expect(mask.colourMax == [255, 255, 255, 128, 0, 255])
        #expect(!mask.shapeOnlyInAlpha)
        #expect(mask.plane(.grayAtLeast(255)) == [255, 255, 0, 0, 0, 255])
    }

    @Test func aFileIsReadAtItsStoredSizeWithoutRotation() throws {
        // bad/rotated.png: 400x300 gray, EXIF orientation 6.
        let mask = try MaskPicture(path: TestPaths.fixture("bad/rotated.png"))
        #expect(mask.width == 400 && mask.height == 300)
        let jpeg = try MaskPicture(path: TestPaths.fixture("images/landscape.jpg"))
        #expect(jpeg.width == 1800 && jpeg.height == 1200 && !jpeg.hasAlpha)
        #expect(jpeg.counts.translucent == 0)
    }

    @Test func absurdDimensionsAreRefusedBeforeDecoding() throws {
        let png = try Self.binary()
        let huge = FixtureData.patching32(FixtureData.patching32(png, at: 16, 60_000), at: 20, 60_000)
        #expect(throws: ImageError.tooLarge(width: 60_000, height: 60_000, maximumPixels: 100_000_000)) {
            try MaskPicture(bytes: huge)
        }
        #expect(throws: ImageError.tooLarge(width: 40, height: 30, maximumPixels: 1000)) {
            try MaskPicture(bytes: png, limits: DecodeLimits(maximumPixels: 1000))
        }
        #expect(throws: ImageError.empty) { try MaskPicture(bytes: []) }
    }

    static let masksWithoutWhite = TestPaths.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/cases/raw-body/masks-without-white.json")

    /// The raw-body case: a soft grey blob, and an RGBA picture with its shape only in alpha.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: MaskPictureTests.masksWithoutWhite.path)))
    func theMasksOfTheRawBodyCaseHaveNoWhite() throws {
        let body = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.masksWithoutWhite)) as? [String: Any]
        let groups = try #require(body?["dynamic_masks"] as? [[String: Any]])
        let masks = try groups.map { group in
            let text = try #require(group["mask"] as? String)
            let data = try #require(Data(base64Encoded: text))
            return try MaskPicture(bytes: [UInt8](data))
        }
        #expect(masks.count == 2)
        #expect(masks.allSatisfy { $0.counts.white == 0 && !$0.white.contains(255) })
        #expect(masks[0].counts.grey > 0 && !masks[0].hasAlpha && !masks[0].shapeOnlyInAlpha)
        #expect(masks[1].hasAlpha && masks[1].shapeOnlyInAlpha)
        #expect(masks[1].plane(.alphaAtLeast(128)).contains(255))
    }
}
