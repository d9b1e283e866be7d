import KlingCheck
import TestSupport
import Testing

@testable import KlingImage

/// Previews decode a JPEG straight at a DCT-scaled size when one is close to the size that
/// fits (`ImageDecoder.shownSize`), and a same-size "resample" only composites alpha.
struct ShownSizeTests {
    static let landscape = TestPaths.fixture("images/landscape.jpg")  // 1800x1200 JPEG

    @Test(arguments: [
        // box, shown: 1/2 = 900x600 is ≥ 3/4 of the fitted 1024x683.
        (PixelSize(width: 1024, height: 1024), PixelSize(width: 900, height: 600)),
        // 1/4 = 450x300 against a fitted 500x333.
        (PixelSize(width: 500, height: 500), PixelSize(width: 450, height: 300)),
        // 1/2 = 900x600 is under 3/4 of the fitted 1600x1067: the fitted size.
        (PixelSize(width: 1600, height: 1600), PixelSize(width: 1600, height: 1067)),
        // Fits already: never enlarged, never reduced.
        (PixelSize(width: 4000, height: 4000), PixelSize(width: 1800, height: 1200)),
        // A thumbnail slot: 1/8 = 225x150 fits 300x180 (fitted 270x180).
        (PixelSize(width: 300, height: 180), PixelSize(width: 225, height: 150)),
    ])
    func jpegIsShownAtADCTScaleWhenOneIsCloseEnough(box: PixelSize, shown: PixelSize) throws {
        let info = try ImageProbe.probe(path: Self.landscape)
        #expect(ImageDecoder.shownSize(of: info, fitting: box) == shown)
        let picture = try ImageDecoder.decodeScaled(path: Self.landscape, fitting: box, snapToDCTScale: true)
        #expect(picture.size == shown)
        #expect(picture.pixels.count == shown.width * shown.height * 3)
    }

    @Test func pngIsShownAtTheSizeThatFits() throws {
        let path = TestPaths.fixture("images/gradient.png")  // 360x640
        let info = try ImageProbe.probe(path: path)
        let box = PixelSize(width: 200, height: 200)
        #expect(ImageDecoder.shownSize(of: info, fitting: box) == PixelSize(width: 113, height: 200))
        let picture = try ImageDecoder.decodeScaled(path: path, fitting: box, snapToDCTScale: true)
        #expect(picture.size == PixelSize(width: 113, height: 200))
    }

    @Test func aSnappedDecodeHasThePixelsOfTheScaledDecode() throws {
        // The same 900x600 picture whether asked for by snapping or by its exact size; and close
        // to the area average of the full decode (the DCT's own reduction differs a little).
        let snapped = try ImageDecoder.decodeScaled(
            path: Self.landscape, fitting: PixelSize(width: 1024, height: 1024), snapToDCTScale: true)
        let exact = try ImageDecoder.decodeScaled(path: Self.landscape, fitting: PixelSize(width: 900, height: 600))
        #expect(snapped == exact)
        let info = try ImageProbe.probe(path: Self.landscape)
        let full = try Shim.decodeRGBA(
            .file(Self.landscape), format: .jpeg, denominator: 1, maximumPixels: DecodeLimits.standard.maximumPixels)
        #expect(full.width == info.width)
        let averaged = Resampler.areaAverage(full, to: PixelSize(width: 900, height: 600))
        let meanDifference =
            zip(snapped.pixels, averaged.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) }
            / Double(snapped.pixels.count)
        #expect(meanDifference < 3, "mean difference \(meanDifference) levels")
    }

    @Test func aSameSizeResampleOnlyCompositesAlpha() {
        // 4 pixels: opaque, transparent, half, nearly opaque; over white and over black.
        let rgba: [UInt8] = [10, 20, 30, 255, 200, 100, 50, 0, 100, 150, 200, 128, 0, 255, 7, 254]
        let source = RGBAPixels(width: 2, height: 2, pixels: rgba, hasAlpha: true)
        for (background, matte) in [(Background.white, 255.0), (.black, 0.0)] {
            let result = Resampler.areaAverage(source, to: PixelSize(width: 2, height: 2), background: background)
            let expected = (0..<4).flatMap { pixel -> [UInt8] in
                let alpha = Double(rgba[4 * pixel + 3]) / 255
                return (0..<3).map { channel in
                    UInt8((Double(rgba[4 * pixel + channel]) * alpha + (1 - alpha) * matte).rounded())
                }
            }
            #expect(result.pixels == expected, "\(background)")
        }
    }
}
