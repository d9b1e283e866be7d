// The in-process side of BENCHMARKS.md's "build and job B": the full `build` of job B
// (image2video, the 3840×2160 JPEG, 1 static and 6 dynamic masks drawn on its grid) and of
// job A (multi-image2video, the 4 images of BenchmarkInputs, no brushes), and their parts:
// check (with the drawing), masks + request.json + report.json, preview.png. Release build.
//
//   swift run -c release BuildBenchmark [--runs N]
//
// Peak memory (VmHWM, the process's peak so far) is printed after job B's first build, after all
// of its runs, and the same for job A.
import KlingBrush
import KlingCheck
import BenchmarkSupport
import Foundation
import KlingPreview
import KlingRequest

let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 7
let inputs = try BenchmarkInputs.fourImages()
let output = BenchmarkInputs.directory.appendingPathComponent("build-out").path

var jobB = JobBuilder(baseDirectory: BenchmarkInputs.directory.path)
jobB.route = .image2video
jobB.images = [inputs[1]]  // the 3840×2160 JPEG
jobB.prompt = BenchmarkJobs.prompt
jobB.model = "kling-v1"
jobB.mode = "std"
jobB.duration = "5"
jobB.cfgScale = 0.5
jobB.staticAreas = [BenchmarkJobs.staticArea]
jobB.brushAreas = BenchmarkJobs.areas
jobB.brushPaths = BenchmarkJobs.paths

var jobA = JobBuilder(baseDirectory: BenchmarkInputs.directory.path)
jobA.route = .multiImage2video
jobA.images = inputs
jobA.prompt = BenchmarkJobs.prompt
jobA.model = "kling-v1-6"
jobA.mode = "std"
jobA.duration = "5"
jobA.aspectRatio = "16:9"

print("build, in-process, release, median of \(runs) runs")
try await measure("job B: image2video, 3840x2160 JPEG + 1 static + 6 dynamic masks", jobB.build())
try await measure("job A: multi-image2video, 4 images (4000x3000, 3840x2160 JPEG; 2048², 1080x1920 PNG)", jobA.build())

func measure(_ title: String, _ document: JobDocument) async throws {
    print(title)
    var bytes = 0
    var report: JobReport?
    var first = await JobChecker.check(document)  // a warm-up, and the peak memory of one build
    _ = try await BuildWriter.write(&first, to: output, preview: PreviewRenderer())
    print(String(format: "  peak memory after one build (VmHWM): %.0f MiB", BenchmarkInputs.peakMemoryMiB()))
    let total = try await measureAsync(runs: runs) {
        var checked = await JobChecker.check(document)
        bytes = try await BuildWriter.write(&checked, to: output, preview: PreviewRenderer()).requestBytes ?? 0
        report = checked
    }
    guard let report else { return }
    if report.hasErrors {
        print("  the benchmark job has errors: \(report.findings.filter { $0.severity == .error })")
    }
    print(String(format: "  full build (check + masks + request.json + preview + report): %7.1f ms", total))
    let check = await measureAsync(runs: runs) { _ = await JobChecker.check(document) }
    print(String(format: "    checks and drawing (JobChecker):                           %7.1f ms", check))
    var copy = report
    let body = try await measureAsync(runs: runs) { _ = try await BuildWriter.write(&copy, to: output, preview: nil) }
    print(String(format: "    masks + request.json + report.json (no preview):           %7.1f ms", body))
    let preview = try await measureAsync(runs: runs) { _ = try PreviewRenderer().previewPNG(of: report) }
    print(String(format: "    preview.png (decode, draw, thumbnails, encode):            %7.1f ms", preview))
    print(
        String(
            format: "  request.json: %d bytes; peak memory so far (VmHWM): %.0f MiB", bytes,
            BenchmarkInputs.peakMemoryMiB()))
}

func measureAsync(runs: Int, _ body: () async throws -> Void) async rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try await body()
        times.append(BenchmarkInputs.milliseconds(ContinuousClock.now - start))
    }
    return times.sorted()[times.count / 2]
}
