import Foundation
import KlingCheck
@testable import KlingImage
import TestSupport
import Testing

/// The pieces `klingprep fix` is made of: whole decodes, the ICC profile in and out, the JPEG
/// quality search.
struct PictureFixTests {
    /// A minimal ICC profile (the 128-byte header libpng checks: size, version, class, colour
    /// space, PCS, `acsp`, a D50 illuminant) with one `desc` tag holding `name`, and `padding`
    /// bytes after it.
    static func profile(named name: String, v4: Bool, space: String = "RGB ", padding: Int = 0) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 128)
        header[8] = v4 ? 4 : 2
        header.replaceSubrange(12..<16, with: Array("mntr".utf8))
        header.replaceSubrange(16..<20, with: Array(space.utf8))
        header.replaceSubrange(20..<24, with: Array("XYZ ".utf8))
        header.replaceSubrange(36..<40, with: Array("acsp".utf8))
        header.replaceSubrange(68..<80, with: be(0xF6D6) + be(0x1_0000) + be(0xD32D))
        var tag: [UInt8]
        if v4 {
            let utf16 = name.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            tag = Array("mluc".utf8) + [0, 0, 0, 0] + be(1) + be(12) + Array("enUS".utf8) + be(utf16.count) + be(28)
            tag += utf16
        } else {
            tag = Array("desc".utf8) + [0, 0, 0, 0] + be(name.utf8.count + 1) + Array(name.utf8) + [0]
        }
        while tag.count % 4 != 0 { tag.append(0) }
        let table = be(1) + Array("desc".utf8) + be(128 + 4 + 12) + be(tag.count)
        var bytes = header + table + tag + [UInt8](repeating: 7, count: padding)
        bytes.replaceSubrange(0..<4, with: be(bytes.count))
        return bytes
    }

    static func be(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    @Test func profileNamesAreReadFromV2AndV4Descriptions() {
        let v2 = ICCProfile(bytes: Self.profile(named: "sRGB IEC61966-2.1", v4: false))
        #expect(v2.name == "sRGB IEC61966-2.1" && v2.isSRGB && v2.colorSpace == "RGB")
        let v4 = ICCProfile(bytes: Self.profile(named: "Display P3", v4: true))
        #expect(v4.name == "Display P3" && !v4.isSRGB)
        let gray = ICCProfile(bytes: Self.profile(named: "Dot Gain 20%", v4: false, space: "GRAY"))
        #expect(gray.colorSpace == "GRAY")
        #expect(ICCProfile(bytes: [1, 2, 3]).name == nil)
        let junk = ICCProfile(bytes: (1...254).map { UInt8($0) })
        #expect(junk.colorSpace == nil && junk.name == nil && !junk.isSRGB)
        var broken = Self.profile(named: "x", v4: false)
        broken.replaceSubrange(136..<140, with: Self.be(1_000_000))  // tag offset past the end
        #expect(ICCProfile(bytes: broken).name == nil)
    }

    @Test(arguments: [false, true])
    func theProfileRoundTrips(jpeg: Bool) throws {
        let profile = ICCProfile(
            bytes: Self.profile(named: "Display P3", v4: true, padding: 70_000))
        var image = RGBImage(size: PixelSize(width: 40, height: 30), colour: .blue)
        image[3, 4] = .red
        let bytes =
            jpeg
            ? try JPEGEncoder.encode(image, quality: 90, profile: profile)
            : try PNGEncoder.encode(
                pixels: image.pixels, width: image.width, height: image.height, channels: 3, profile: profile)
        let decoded = try ImageDecoder.decodePicture(bytes: bytes)
        let kept = decoded.profile == profile
        #expect(kept, "the profile read back differs (\(decoded.profile?.bytes.count ?? 0) bytes)")
        let read = try ImageDecoder.profile(bytes: bytes) == profile
        #expect(read)
        #expect(decoded.profile?.name == "Display P3")
        #expect(try ImageDecoder.verify(bytes: bytes).warningCount == 0)
        let plain = try JPEGEncoder.encode(image, quality: 90)
        #expect(try ImageDecoder.profile(bytes: plain) == nil)
    }

    @Test func wholeDecodesRefuseAbsurdSizesBeforeAllocating() throws {
        let png = try PNGEncoder.encode(
            pixels: [UInt8](repeating: 9, count: 300 * 200 * 3), width: 300, height: 200, channels: 3)
        #expect(throws: ImageError.tooLarge(width: 300, height: 200, maximumPixels: 50_000)) {
            try ImageDecoder.decodePicture(bytes: png, limits: DecodeLimits(maximumPixels: 50_000))
        }
        let picture = try ImageDecoder.decodePicture(bytes: png)
        #expect(picture.image.size == PixelSize(width: 300, height: 200) && picture.transparentPixels == 0)
    }

    @Test func transparencyIsCompositedOverTheColourAsked() throws {
        // Two pixels: opaque green, fully transparent; then half-transparent black.
        let rgba: [UInt8] = [0, 255, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128]
        let png = try PNGEncoder.encode(pixels: rgba, width: 3, height: 1, channels: 4)
        let picture = try ImageDecoder.decodePicture(bytes: png, background: RGBColour(red: 255, green: 0, blue: 0))
        #expect(picture.hasAlphaChannel && picture.transparentPixels == 2)
        #expect(picture.image.pixels == [0, 255, 0, 255, 0, 0, 127, 0, 0])
    }

    @Test(arguments: [30_000, 60_000, 120_000, 1_000_000])
    func theQualitySearchFindsTheHighestQualityThatFits(budget: Int) throws {
        var generator = SeededGenerator(seed: UInt64(budget))
        var image = RGBImage(size: PixelSize(width: 320, height: 240))
        for index in image.pixels.indices {
            image.pixels[index] = UInt8(truncatingIfNeeded: generator.next() % 80 + 90)
        }
        let result = try JPEGEncoder.encode(image, within: budget)
        let sizes = try (70...95).map { try JPEGEncoder.encode(image, quality: $0).count }
        let best = (70...95).last { sizes[$0 - 70] <= budget }
        if let best {
            #expect(result.fits && result.quality == best && result.bytes.count <= budget)
        } else {
            #expect(!result.fits && result.quality == 70 && result.bytes.count > budget)
        }
        #expect(result.tries <= 7)
    }
}
