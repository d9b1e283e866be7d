// Image benchmark: probe, full decode, scaled decode and mask encoding (release build, not a
// test).
//
//   swift run -c release ImageBenchmark [--runs N]
import KlingCheck
import BenchmarkSupport
import Foundation
import KlingImage

let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 15
let inputs = try BenchmarkInputs.fourImages()

print("KlingImage benchmark, median of \(runs) runs (release build)")
print("inputs in \(BenchmarkInputs.directory.path)")
let probeTime = try BenchmarkInputs.measure(runs: runs) { for path in inputs { _ = try ImageProbe.probe(path: path) } }
print(String(format: "probe 4 images (header only):            %8.3f ms   (Pillow: 0.35 ms)", probeTime))
let pillow = [95.0, 58.0, 119.0, 75.0]
for (path, reference) in zip(inputs, pillow) {
    let info = try ImageProbe.probe(path: path)
    let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    let time = try BenchmarkInputs.measure(runs: runs) { _ = try ImageDecoder.verify(path: path) }
    let label = "decode \(info.width)x\(info.height) \(info.format.displayName) (\(bytes / 1024) KiB):"
    print(
        label.padding(toLength: 42, withPad: " ", startingAt: 0)
            + String(format: "%8.1f ms   (Pillow: %.0f ms)", time, reference))
}
let preview = try BenchmarkInputs.measure(runs: runs) {
    _ = try ImageDecoder.decodeScaled(path: inputs[0], fitting: PixelSize(width: 1600, height: 1600))
}
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
    ("level 6, RLE, up filter", PNGEncodeOptions(compressionLevel: 6, strategy: .rle, filters: .up)),
    ("mask options (level 1, RLE, no filter)", .mask),
    ("1-bit gray, level 6, RLE, up", PNGEncodeOptions(compressionLevel: 6, strategy: .rle, filters: .up, bitDepth: 1)),
]
for (name, options) in settings {
    var size = 0
    let time = try BenchmarkInputs.measure(runs: runs) {
        size = try PNGEncoder.encode(pixels: mask, width: width, height: height, channels: 1, options: options).count
    }
    print(
        "encode 3840x2160 mask, \(name):".padding(toLength: 60, withPad: " ", startingAt: 0)
            + String(format: "%7.2f ms, %7d bytes", time, size))
}

// The same mask from its runs (MaskPNGEncoder: fixed-Huffman deflate written from the runs).
let rows: [[Range<Int>]] = (0..<height).map { y in
    var runs: [Range<Int>] = []
    var x = 0
    while x < width {
        guard mask[y * width + x] == 255 else {
            x += 1
            continue
        }
        let start = x
        while x < width, mask[y * width + x] == 255 { x += 1 }
        runs.append(start..<x)
    }
    return runs
}
var runSize = 0
let runTime = try BenchmarkInputs.measure(runs: runs) {
    runSize = try MaskPNGEncoder.encode(rows: rows, width: width).count
}
print(
    "encode 3840x2160 mask from runs (MaskPNGEncoder):".padding(toLength: 60, withPad: " ", startingAt: 0)
        + String(format: "%7.2f ms, %7d bytes", runTime, runSize))
