import Foundation
import KlingCheck
@testable import KlingImage
import TestSupport
import Testing

/// KlingImage's Lanczos-3 against Pillow's `Image.resize(..., Image.LANCZOS)`, from the PNGs that
/// `scripts/resampler-fixtures.py` wrote into fixtures/resample/.
struct LanczosTests {
    static let downscales = [
        "landscape-down2.5", "landscape-down4", "rgb-down2.5", "rgb-down4", "testorig-down2.5", "testorig-down4",
        "hopper-down2.5", "hopper-down4",
    ]

    static func picture(_ name: String) throws -> RGBImage {
        try ImageDecoder.decodePicture(path: TestPaths.fixture("resample/\(name).png")).image
    }

    /// Mean absolute difference per channel sample, 0…255.
    static func meanDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        precondition(a.size == b.size)
        var total = 0
        for index in a.pixels.indices { total += abs(Int(a.pixels[index]) - Int(b.pixels[index])) }
        return Double(total) / Double(a.pixels.count)
    }

    static func source(of reference: String) -> String {
        String(reference.prefix { $0 != "-" }) + "-source"
    }

    @Test(arguments: downscales)
    func downscaleMatchesPillow(reference: String) throws {
        let source = try Self.picture(Self.source(of: reference))
        let pillow = try Self.picture(reference)
        let ours = Lanczos.resize(source, to: pillow.size)
        let difference = Self.meanDifference(ours, pillow)
        print("Lanczos vs Pillow, \(reference) \(source.size) -> \(pillow.size): MAD \(difference)")
        #expect(difference < 1.0, "mean absolute difference \(difference) per channel against Pillow")
    }

    @Test func upscaleIsReported() throws {
        let source = try Self.picture("hopper-source")
        let pillow = try Self.picture("hopper-up")
        let ours = Lanczos.resize(source, to: pillow.size)
        let difference = Self.meanDifference(ours, pillow)
        print("Lanczos vs Pillow, hopper-up \(source.size) -> \(pillow.size): MAD \(difference)")
        #expect(difference < 1.0)
    }

    /// The comparison can tell filters apart: the area average is measurably further from
    /// Pillow's Lanczos than our Lanczos is.
    @Test func theComparisonDiscriminates() throws {
        let source = try Self.picture("landscape-source")
        let pillow = try Self.picture("landscape-down4")
        var pixels: [UInt8] = []
        for index in stride(from: 0, to: source.pixels.count, by: 3) {
            pixels += source.pixels[index..<index + 3]
            pixels.append(255)
        }
        let rgba = RGBAPixels(width: source.width, height: source.height, pixels: pixels, hasAlpha: false)
        let area = Resampler.areaAverage(rgba, to: pillow.size)
        let lanczos = Lanczos.resize(source, to: pillow.size)
        let areaDifference = Self.meanDifference(area, pillow)
        print("area average vs Pillow Lanczos, landscape-down4: MAD \(areaDifference)")
        #expect(areaDifference > 0.5 && areaDifference > 2 * Self.meanDifference(lanczos, pillow))
    }

    @Test func flatPicturesStayFlatAndSizesAreExact() {
        let flat = RGBImage(size: PixelSize(width: 37, height: 11), colour: RGBColour(red: 10, green: 200, blue: 99))
        for size in [
            PixelSize(width: 5, height: 3), PixelSize(width: 300, height: 301), PixelSize(width: 37, height: 2),
        ] {
            let resized = Lanczos.resize(flat, to: size)
            #expect(resized.size == size)
            #expect(resized.pixels == RGBImage(size: size, colour: RGBColour(red: 10, green: 200, blue: 99)).pixels)
        }
    }
}
