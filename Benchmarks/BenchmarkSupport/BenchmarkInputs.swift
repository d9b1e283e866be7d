// Inputs shared by the benchmarks: photo-like images made once from the fixture photo into
// $TMPDIR/klingprep-benchmark/ (a 4000×3000 and a 3840×2160 JPEG at quality 90, a 2048×2048
// RGB PNG and a 1080×1920 RGBA PNG).
public import KlingCheck
public import Foundation
import KlingImage

public enum BenchmarkInputs {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// Where the inputs are kept between runs.
    public static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klingprep-benchmark")

    /// The four inputs' paths, made in `directory` (by default ``directory``) when missing.
    public static func fourImages(in directory: URL = directory) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func make(_ name: String, _ body: () throws -> [UInt8]) throws -> String {
            try Self.make(name, in: directory, body)
        }
        return [
            try make("photo-4000x3000.jpg") { try JPEGEncoder.encode(stretchedPhoto(4000, 3000), quality: 90) },
            try make("photo-3840x2160.jpg") { try JPEGEncoder.encode(stretchedPhoto(3840, 2160), quality: 90) },
            try make("photo-2048x2048.png") {
                let image = try stretchedPhoto(2048, 2048)
                return try PNGEncoder.encode(pixels: image.pixels, width: 2048, height: 2048, channels: 3)
            },
            try make("photo-1080x1920.png") {
                let image = try stretchedPhoto(1080, 1920)
                var rgba = [UInt8]()
                rgba.reserveCapacity(1080 * 1920 * 4)
                for index in 0..<(1080 * 1920) {
                    rgba += image.pixels[index * 3..<index * 3 + 3]
                    rgba.append(UInt8(200 + index % 56))
                }
                return try PNGEncoder.encode(pixels: rgba, width: 1080, height: 1920, channels: 4)
            },
        ]
    }

    /// Median wall time of `runs` calls, in milliseconds.
    public static func measure(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try body()
            times.append(milliseconds(ContinuousClock.now - start))
        }
        return times.sorted()[times.count / 2]
    }

    /// A duration in milliseconds.
    public static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
    }

    /// Peak resident memory of this process so far (VmHWM), in MiB; 0 when unknown.
    public static func peakMemoryMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return Double(kilobytes) / 1024
        }
        return 0
    }

    private static func make(_ name: String, in directory: URL, _ body: () throws -> [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            try Data(try body()).write(to: url, options: .atomic)
        }
        return url.path
    }

    /// The fixture photo stretched (bilinear) to `width`×`height`, with a little texture so it
    /// compresses like a photo.
    static func stretchedPhoto(_ width: Int, _ height: Int) throws -> RGBImage {
        let photo = root.appendingPathComponent("fixtures/images/landscape.jpg").path
        let source = try ImageDecoder.decodeScaled(path: photo, fitting: PixelSize(width: 1800, height: 1200))
        let whole = PixelRect(x: 0, y: 0, width: source.width, height: source.height)
        return resampled(source, window: whole, width: width, height: height, noiseSeed: 12345)
    }

    /// The part `window` of `source` resampled (bilinear) to `width`×`height`, with a little
    /// deterministic noise from `noiseSeed` (±8 per pixel) so it compresses like a photo.
    public static func resampled(
        _ source: RGBImage, window: PixelRect, width: Int, height: Int, noiseSeed: UInt32
    ) -> RGBImage {
        precondition(width > 1 && height > 1 && window.width > 1 && window.height > 1, "sizes must exceed 1")
        // Per column: the left source column and the weight of the right one (16.16 fixed point).
        var columns: [(left: Int, right: Int, weight: Int)] = []
        columns.reserveCapacity(width)
        for x in 0..<width {
            let sx = Double(window.x) + Double(x) * Double(window.width - 1) / Double(width - 1)
            let left = min(Int(sx), source.width - 1)
            columns.append((left, min(left + 1, source.width - 1), Int((sx - Double(left)) * 65536)))
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var noise = noiseSeed
        let sourcePixels = source.pixels
        for y in 0..<height {
            let sy = Double(window.y) + Double(y) * Double(window.height - 1) / Double(height - 1)
            let top = min(Int(sy), source.height - 1)
            let bottom = min(top + 1, source.height - 1)
            let down = Int((sy - Double(top)) * 65536)
            for x in 0..<width {
                let column = columns[x]
                noise = noise &* 1_103_515_245 &+ 12345
                let jitter = Int(noise >> 16 & 15) - 8
                for channel in 0..<3 {
                    let a = Int(sourcePixels[(top * source.width + column.left) * 3 + channel])
                    let b = Int(sourcePixels[(top * source.width + column.right) * 3 + channel])
                    let c = Int(sourcePixels[(bottom * source.width + column.left) * 3 + channel])
                    let d = Int(sourcePixels[(bottom * source.width + column.right) * 3 + channel])
                    let upper = a * 65536 + (b - a) * column.weight
                    let lower = c * 65536 + (d - c) * column.weight
                    let value = (upper * 65536 + (lower - upper) * down) >> 32
                    pixels[(y * width + x) * 3 + channel] = UInt8(max(0, min(255, value + jitter)))
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
