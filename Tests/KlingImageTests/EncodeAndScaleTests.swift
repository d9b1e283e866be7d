import KlingCheck
import Foundation
@testable import KlingImage
import TestSupport
import Testing

struct EncodeAndScaleTests {
    static func mask(width: Int, height: Int) -> [UInt8] {
        (0..<height).flatMap { y in
            (0..<width).map { x in
                (x - width / 2) * (x - width / 2) + (y - height / 2) * (y - height / 2) < 400 ? 255 : 0
            }
        }
    }

    @Test(arguments: [
        PNGEncodeOptions.standard, .mask, PNGEncodeOptions(bitDepth: 1),
        PNGEncodeOptions(compressionLevel: 1, strategy: .huffmanOnly, filters: .none),
    ])
    func grayMaskRoundTrips(options: PNGEncodeOptions) throws {
        let pixels = Self.mask(width: 61, height: 47)
        let png = try PNGEncoder.encode(pixels: pixels, width: 61, height: 47, channels: 1, options: options)
        let info = try ImageProbe.probe(bytes: png)
        #expect(info.format == .png && info.width == 61 && info.height == 47)
        #expect(info.png?.colorType == 0)
        #expect(info.png?.bitDepth == options.bitDepth)
        let decoded = try ImageDecoder.decodeScaled(bytes: png, fitting: PixelSize(width: 61, height: 47))
        #expect(decoded.width == 61 && decoded.height == 47)
        let gray = stride(from: 0, to: decoded.pixels.count, by: 3).map { decoded.pixels[$0] }
        #expect(gray == pixels)
    }

    @Test(arguments: [3, 4])
    func colourRoundTrips(channels: Int) throws {
        let width = 33
        let height = 21
        let pixels = (0..<(width * height * channels)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let png = try PNGEncoder.encode(pixels: pixels, width: width, height: height, channels: channels)
        let info = try ImageProbe.probe(bytes: png)
        #expect(info.png?.colorType == (channels == 3 ? 2 : 6))
        #expect(try ImageDecoder.verify(bytes: png).warningCount == 0)
        if channels == 3 {
            let decoded = try ImageDecoder.decodeScaled(bytes: png, fitting: PixelSize(width: 100, height: 100))
            #expect(decoded.pixels == pixels)
        }
    }

    @Test func badBuffersAreRefused() {
        #expect(throws: ImageError.invalidPixelBuffer(expectedBytes: 12, actualBytes: 11)) {
            try PNGEncoder.encode(pixels: [UInt8](repeating: 0, count: 11), width: 2, height: 2, channels: 3)
        }
        #expect(throws: ImageError.self) {
            try PNGEncoder.encode(
                pixels: [0], width: 1, height: 1, channels: 1, options: PNGEncodeOptions(compressionLevel: 10))
        }
        #expect(throws: ImageError.self) {
            try PNGEncoder.encode(
                pixels: [0, 0, 0], width: 1, height: 1, channels: 3, options: PNGEncodeOptions(bitDepth: 1))
        }
    }

    @Test func jpegScalesToFitAndKeepsTheAspectRatio() throws {
        let preview = try ImageDecoder.decodeScaled(
            path: TestPaths.fixture("images/landscape.jpg"), fitting: PixelSize(width: 1600, height: 1600))
        #expect(preview.width == 1600 && preview.height == 1067)
        let small = try ImageDecoder.decodeScaled(
            path: TestPaths.fixture("images/landscape.jpg"), fitting: PixelSize(width: 200, height: 200))
        #expect(small.width == 200 && small.height == 133)
        #expect(small.pixels.count == 200 * 133 * 3)
        // Never enlarged.
        let same = try ImageDecoder.decodeScaled(
            path: TestPaths.fixture("images/gradient.png"), fitting: PixelSize(width: 4000, height: 4000))
        #expect(same.width == 360 && same.height == 640)
    }

    @Test func transparentPixelsAreCompositedOverWhite() throws {
        let png = try PNGEncoder.encode(pixels: [0, 0, 0, 0, 0, 0, 0, 255], width: 2, height: 1, channels: 4)
        let decoded = try ImageDecoder.decodeScaled(bytes: png, fitting: PixelSize(width: 2, height: 1))
        #expect(decoded.pixels == [255, 255, 255, 0, 0, 0])
    }

    /// The corpus's Landscape_N photos all look upright once orientation N is applied.
    @Test(.enabled(if: TestPaths.corpusAvailable, Comment(rawValue: TestPaths.corpusMissingMessage)), arguments: 2...8)
    func orientationMakesThePhotoUpright(orientation: Int) throws {
        let box = PixelSize(width: 90, height: 90)
        let upright = try ImageDecoder.decodeScaled(
            path: TestPaths.corpus.appendingPathComponent("jpeg/Landscape_1.jpg").path, fitting: box,
            applyOrientation: true)
        let path = TestPaths.corpus.appendingPathComponent("jpeg/Landscape_\(orientation).jpg").path
        let turned = try ImageDecoder.decodeScaled(path: path, fitting: box, applyOrientation: true)
        #expect(turned.width == upright.width && turned.height == upright.height)
        let difference = zip(turned.pixels, upright.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        let mean = Double(difference) / Double(upright.pixels.count)
        #expect(mean < 12, "mean difference \(mean)")
        let stored = try ImageDecoder.decodeScaled(path: path, fitting: box)
        if orientation >= 5 { #expect(stored.width < stored.height) }
        if orientation != 1 {
            let unrotated = zip(stored.pixels, upright.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
            #expect(stored.width != upright.width || Double(unrotated) / Double(upright.pixels.count) > mean)
        }
    }
}
