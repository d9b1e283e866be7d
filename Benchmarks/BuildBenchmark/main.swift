// Issue 4's benchmark: the full `build` of 4 images (4000×3000 JPEG, 3840×2160 JPEG, 2048² PNG,
// 1080×1920 PNG) with 1 static and 6 dynamic masks on the 3840×2160 image: check, draw, encode
// the masks, write request.json and preview.png and report.json. Release build, in-process.
//
//   swift run -c release BuildBenchmark [--runs N]
import KlingBrush
import KlingCheck
import BenchmarkSupport
import Foundation
import KlingPreview
import KlingRequest

let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 7
let inputs = try BenchmarkInputs.fourImages()
let output = BenchmarkInputs.directory.appendingPathComponent("build-out").path

var builder = JobBuilder(baseDirectory: BenchmarkInputs.directory.path)
builder.images = [inputs[1], inputs[0], inputs[2], inputs[3]]  // the 3840×2160 JPEG is the reference
builder.prompt = "The waves roll in; the boats drift."
builder.model = "kling-v1"
builder.mode = "std"
builder.duration = "5"
builder.staticAreas = ["rect 0,0.8 1,1; ellipse 0.15,0.3 0.1,0.15; polygon 0.6,0.05 0.95,0.15 0.85,0.45 0.55,0.35"]
let areas = [
    "ellipse 0.35,0.55 0.08,0.2", "circle 0.7,0.6 0.08", "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2",
    "polygon 0.45,0.1 0.55,0.1 0.55,0.25 0.45,0.25", "rect 0.05,0.55 0.2,0.75", "ellipse 0.88,0.65 0.05,0.08",
]
builder.brushAreas = areas
builder.brushPaths = [
    "move right 10%", "line -> 0.8,0.5", "move up 5%", "arc 0.5,0.2 -> 0.6,0.2 bend 0.3", "move down 5%", "still",
]
let document = builder.build()

print("build: 4 images + 1 static + 6 dynamic masks at 3840x2160, median of \(runs) runs (release)")
var bytes = 0
var report: JobReport?
let total = try await measureAsync(runs: runs) {
    var checked = await JobChecker.check(document)
    bytes = try await BuildWriter.write(&checked, to: output, preview: PreviewRenderer()).requestBytes ?? 0
    report = checked
}
if let report, report.hasErrors {
    print("the benchmark job has errors: \(report.findings.filter { $0.severity == .error })")
}
print(String(format: "full build (check + masks + request.json + preview + report): %.1f ms   (Pillow: 432 ms)", total))
print("request.json: \(bytes) bytes")
let checkOnly = await measureAsync(runs: runs) { _ = await JobChecker.check(document) }
print(String(format: "  checks and drawing (JobChecker):                           %.1f ms", checkOnly))
if let report {
    var copy = report
    let body = try await measureAsync(runs: runs) { _ = try await BuildWriter.write(&copy, to: output, preview: nil) }
    print(String(format: "  masks + request.json + report.json (no preview):           %.1f ms", body))
    let preview = try await measureAsync(runs: runs) { _ = try PreviewRenderer().previewPNG(of: report) }
    print(String(format: "  preview.png (decode, draw, thumbnails, encode):            %.1f ms", preview))
}
print(
    String(
        format: "peak memory (VmHWM): %.0f MiB; largest input %d KiB", BenchmarkInputs.peakMemoryMiB(),
        inputs.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.max().map {
            $0 / 1024
        } ?? 0))

func measureAsync(runs: Int, _ body: () async throws -> Void) async rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try await body()
        times.append(BenchmarkInputs.milliseconds(ContinuousClock.now - start))
    }
    return times.sorted()[times.count / 2]
}
