// Image benchmark: probe and full decode (release build, not a test).
//
//   swift run -c release ImageBenchmark [--runs N]
//
// Inputs are made once into $TMPDIR/klingprep-benchmark/ from the fixture photo: a 4000×3000
// and a 3840×2160 JPEG (quality 90), a 2048×2048 RGB PNG and a 1080×1920 RGBA PNG.
import Foundation
import KlingImage

let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 15
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let photo = root.appendingPathComponent("fixtures/images/landscape.jpg").path
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klingprep-benchmark")

/// Median wall time of `runs` calls, in milliseconds.
func measure(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    return times.sorted()[times.count / 2]
}

/// The fixture photo stretched (bilinear) to `size`, with a little texture so it compresses
/// like a photo.
func stretchedPhoto(_ width: Int, _ height: Int) throws -> RGBImage {
    let source = try ImageDecoder.decodeScaled(path: photo, fitting: ImageSize(width: 1800, height: 1200))
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    var noise: UInt32 = 12345
    for y in 0..<height {
        let sy = Double(y) * Double(source.height - 1) / Double(height - 1)
        let y0 = Int(sy)
        let y1 = min(y0 + 1, source.height - 1)
        let fy = sy - Double(y0)
        for x in 0..<width {
            let sx = Double(x) * Double(source.width - 1) / Double(width - 1)
            let x0 = Int(sx)
            let x1 = min(x0 + 1, source.width - 1)
            let fx = sx - Double(x0)
            noise = noise &* 1_103_515_245 &+ 12345
            let jitter = Double(Int(noise >> 16 & 15) - 8)
            for channel in 0..<3 {
                func at(_ px: Int, _ py: Int) -> Double { Double(source.pixels[(py * source.width + px) * 3 + channel]) }
                let value = at(x0, y0) * (1 - fx) * (1 - fy) + at(x1, y0) * fx * (1 - fy)
                    + at(x0, y1) * (1 - fx) * fy + at(x1, y1) * fx * fy + jitter
                pixels[(y * width + x) * 3 + channel] = UInt8(max(0, min(255, value)))
            }
        }
    }
    return RGBImage(width: width, height: height, pixels: pixels) ?? RGBImage(width: 0, height: 0)
}

func makeInput(_ name: String, _ make: () throws -> [UInt8]) throws -> String {
    let url = directory.appendingPathComponent(name)
    if !FileManager.default.fileExists(atPath: url.path) {
        try Data(try make()).write(to: url, options: .atomic)
    }
    return url.path
}

try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
let inputs = [
    try makeInput("photo-4000x3000.jpg") { try JPEGEncoder.encode(stretchedPhoto(4000, 3000), quality: 90) },
    try makeInput("photo-3840x2160.jpg") { try JPEGEncoder.encode(stretchedPhoto(3840, 2160), quality: 90) },
    try makeInput("photo-2048x2048.png") {
        let image = try stretchedPhoto(2048, 2048)
        return try PNGEncoder.encode(pixels: image.pixels, width: 2048, height: 2048, channels: 3)
    },
    try makeInput("photo-1080x1920.png") {
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

print("KlingImage benchmark, median of \(runs) runs (release build)")
print("inputs in \(directory.path)")
let probeTime = try measure { for path in inputs { _ = try ImageProbe.probe(path: path) } }
print(String(format: "probe 4 images (header only):            %8.3f ms   (Pillow: 0.35 ms)", probeTime))
let pillow = [95.0, 58.0, 119.0, 75.0]
for (path, reference) in zip(inputs, pillow) {
    let info = try ImageProbe.probe(path: path)
    let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    let time = try measure { _ = try ImageDecoder.verify(path: path) }
    let label = "decode \(info.width)x\(info.height) \(info.format.displayName) (\(bytes / 1024) KiB):"
    print(label.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%8.1f ms   (Pillow: %.0f ms)", time, reference))
}
let preview = try measure { _ = try ImageDecoder.decodeScaled(path: inputs[0], fitting: ImageSize(width: 1600, height: 1600)) }
print(String(format: "scaled decode 4000x3000 JPEG to 1600 px:  %8.1f ms", preview))

// Mask encoding: a 3840×2160 0/255 mask with a few shapes, in each encoder setting.
let width = 3840
let height = 2160
var mask = [UInt8](repeating: 0, count: width * height)
for y in 0..<height {
    for x in 0..<width {
        let dx = Double(x - 1400) / 500
        let dy = Double(y - 1000) / 300
        if dx * dx + dy * dy <= 1 || (x > 2600 && x < 3400 && y > 1500 && y < 2000) { mask[y * width + x] = 255 }
    }
}
let settings: [(String, PNGEncodeOptions)] = [
    ("libpng default (level 6, all filters)", .standard),
    ("mask (level 6, RLE, up filter)", .mask),
    ("level 1, RLE, no filter", PNGEncodeOptions(compressionLevel: 1, strategy: .rle, filters: .none)),
    ("1-bit gray, level 6, RLE, up", PNGEncodeOptions(compressionLevel: 6, strategy: .rle, filters: .up, bitDepth: 1)),
]
for (name, options) in settings {
    var size = 0
    let time = try measure { size = try PNGEncoder.encode(pixels: mask, width: width, height: height, channels: 1, options: options).count }
    print("encode 3840x2160 mask, \(name):".padding(toLength: 60, withPad: " ", startingAt: 0) + String(format: "%7.2f ms, %7d bytes", time, size))
}
