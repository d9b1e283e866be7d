import Foundation
import KlingCheck
import TestSupport
import Testing

@testable import KlingImage

/// Reduced decodes for previews: a JPEG straight at a DCT-scaled size when one is close to the
/// size that fits (`ImageDecoder.shownSize`), a PNG keeping every n-th row, and a same-size
/// "resample" that only composites alpha.
struct ReducedDecodeTests {
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

    /// A PNG whose every row is a different grey (row y has level y), 7 columns.
    static func rowsPNG(height: Int) throws -> [UInt8] {
        let pixels = (0..<height).flatMap { row in [UInt8](repeating: UInt8(row % 256), count: 7) }
        return try PNGEncoder.encode(pixels: pixels, width: 7, height: height, channels: 1)
    }

    @Test(arguments: [1, 2, 3, 7, 50])
    func aPNGRowStepKeepsEveryNthRowFromTheTop(step: Int) throws {
        let bytes = try Self.rowsPNG(height: 50)
        let reduced = try Shim.decodeRGBA(
            .bytes(bytes), format: .png, denominator: 1, pngRowStep: UInt32(step), maximumPixels: 1 << 20)
        #expect(reduced.width == 7)
        #expect(reduced.height == (50 + step - 1) / step)
        for row in 0..<reduced.height {
            let first = reduced.pixels[row * 7 * 4]
            #expect(first == UInt8(row * step), "output row \(row) of step \(step)")
            #expect(reduced.pixels[row * 7 * 4 + 3] == 255)
        }
    }

    @Test func aPNGRowStepStillReadsAndChecksEveryRow() throws {
        // Damage the last byte of the image data (the IDAT before IEND): it lies under rows that
        // are skipped, and it is still found.
        var bytes = try Self.rowsPNG(height: 50)
        let iend = bytes.count - 12
        bytes[iend - 5] ^= 0xFF
        #expect(throws: ImageError.self) {
            try Shim.decodeRGBA(.bytes(bytes), format: .png, denominator: 1, pngRowStep: 10, maximumPixels: 1 << 20)
        }
    }

    @Test func anInterlacedPNGKeepsEveryRow() throws {
        let path = TestPaths.corpus.appendingPathComponent("png-extra/iftbbn0g02.png").path  // 32x32, Adam7
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let stepped = try Shim.decodeRGBA(
            .bytes(bytes), format: .png, denominator: 1, pngRowStep: 4, maximumPixels: 1 << 20)
        let whole = try Shim.decodeRGBA(.bytes(bytes), format: .png, denominator: 1, maximumPixels: 1 << 20)
        #expect(stepped.height == 32)
        #expect(stepped.pixels == whole.pixels)
    }

    @Test func aReducedPNGIsShownAtTheSizeThatFits() throws {
        let bytes = try Self.rowsPNG(height: 1000)
        let picture = try ImageDecoder.decodeScaled(
            bytes: bytes, fitting: PixelSize(width: 300, height: 100), snapToDCTScale: true)
        // 7x1000 fits 300x100 as 1x100 (the width rounds to at least 1): every 10th row kept,
        // each output row its source row's grey.
        #expect(picture.size == PixelSize(width: 1, height: 100))
        #expect(picture.pixels[3 * 37] == UInt8((37 * 10) % 256))
    }
}
