// Writes the inputs of the whole-process benchmarks (scripts/bench-inspect.sh, BENCHMARKS.md):
// N photo-like JPEG and PNG files of 0.3–2 MP for `klingprep inspect`, or N small job files for
// `klingprep batch --validate-only`. Deterministic: the same seed and count give the same bytes.
//
//   swift run -c release InspectCorpus images DIR [--count 1000] [--seed 1]
//   swift run -c release InspectCorpus jobs DIR [--count 1000] [--seed 1]
//   swift run -c release InspectCorpus build-jobs DIR
//
// `build-jobs` writes the inputs of scripts/bench-build.sh: the four large images of
// BenchmarkInputs (4000x3000 and 3840x2160 JPEG, 2048x2048 and 1080x1920 PNG) and job-a.yaml
// (multi-image2video, the four) and job-b.yaml (image2video, the 3840x2160 JPEG, 7 brushes).
//
// Images are crops of the fixture photos (and of the public corpus's 1800x1200 photos when
// ../shared/corpus or $KLINGPREP_CORPUS is there) resampled to the chosen size with a little
// noise, encoded by KlingImage's own encoders: about half JPEG (quality 70–95, one in eight
// progressive), half PNG (8-bit RGB, one in ten RGBA, libpng's default compression). Most
// aspect ratios are within the API's 1:2.5–2.5:1; about 5% are outside it and about 2% are
// under 300 px on a side (those are below 0.3 MP), so findings occur.
import BenchmarkSupport
import Foundation
import KlingCheck
import KlingImage
import Synchronization
import TestSupport

/// One image of the corpus, chosen from its index and the seed alone.
struct ImagePlan {
    var name: String
    var width: Int
    var height: Int
    var png: Bool
    var alpha: Bool
    var quality: Int
    var progressive: Bool
    var source: Int
    var window: PixelRect

    init(index: Int, seed: UInt64, sources: [RGBImage]) {
        var random = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(index))
        png = Bool.random(using: &random)
        let roll = Int.random(in: 0..<100, using: &random)
        let megapixels = Double.random(in: 0.3...2.0, using: &random)
        // Width / height: mostly the usual photo shapes, some past 2.5:1, a few tiny.
        let ratios: [Double] = [1.3333, 1.5, 1.7778, 1, 0.75, 0.6667, 0.5625, 2.5, 0.4]
        if roll < 2 {
            width = Int.random(in: 120...299, using: &random)
            height = Int.random(in: 120...420, using: &random)
        } else {
            let ratio =
                roll < 7
                ? (Bool.random(using: &random) ? Double.random(in: 2.6...4, using: &random) : 1 / 3.2)
                : ratios[Int.random(in: 0..<ratios.count, using: &random)]
            width = max(2, Int((megapixels * 1_000_000 * ratio).squareRoot()))
            height = max(2, Int(Double(width) / ratio))
        }
        alpha = png && Int.random(in: 0..<10, using: &random) == 0
        quality = Int.random(in: 70...95, using: &random)
        progressive = !png && Int.random(in: 0..<8, using: &random) == 0
        source = Int.random(in: 0..<sources.count, using: &random)
        let picture = sources[source]
        // A crop of the source with the target's shape, at least a third of its shorter side.
        let aspect = Double(width) / Double(height)
        let fullWidth = min(Double(picture.width), Double(picture.height) * aspect)
        let scale = Double.random(in: 0.35...1, using: &random)
        let cropWidth = max(2, Int(fullWidth * scale))
        let cropHeight = max(2, min(picture.height, Int(Double(cropWidth) / aspect)))
        window = PixelRect(
            x: Int.random(in: 0...(picture.width - cropWidth), using: &random),
            y: Int.random(in: 0...(picture.height - cropHeight), using: &random),
            width: cropWidth, height: cropHeight)
        name = String(format: "img-%04d-%dx%d.%@", index, width, height, png ? "png" : "jpg")
    }

    func encode(_ sources: [RGBImage]) throws -> [UInt8] {
        let picture = BenchmarkInputs.resampled(
            sources[source], window: window, width: width, height: height,
            noiseSeed: UInt32(truncatingIfNeeded: width * 31 + height))
        guard png else { return try JPEGEncoder.encode(picture, quality: quality, progressive: progressive) }
        guard alpha else {
            return try PNGEncoder.encode(pixels: picture.pixels, width: width, height: height, channels: 3)
        }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for index in 0..<(width * height) {
            rgba[index * 4] = picture.pixels[index * 3]
            rgba[index * 4 + 1] = picture.pixels[index * 3 + 1]
            rgba[index * 4 + 2] = picture.pixels[index * 3 + 2]
            rgba[index * 4 + 3] = UInt8(200 + index % 56)
        }
        return try PNGEncoder.encode(pixels: rgba, width: width, height: height, channels: 4)
    }
}

/// The photos crops are taken from: the fixtures' two, and the corpus's 1800x1200 ones.
func sourcePhotos() throws -> [RGBImage] {
    var paths = ["landscape.jpg", "portrait.jpg"].map {
        BenchmarkInputs.root.appendingPathComponent("fixtures/images/\($0)").path
    }
    let corpus =
        ProcessInfo.processInfo.environment["KLINGPREP_CORPUS"]
        ?? BenchmarkInputs.root.appendingPathComponent("../shared/corpus").standardized.path
    for name in ["Landscape_0", "Landscape_3", "Landscape_6", "Portrait_1", "Portrait_5"] {
        let path = corpus + "/jpeg/\(name).jpg"
        if FileManager.default.fileExists(atPath: path) { paths.append(path) }
    }
    return try paths.map { try ImageDecoder.decodeScaled(path: $0, fitting: PixelSize(width: 1800, height: 1800)) }
}

func writeImages(to directory: String, count: Int, seed: UInt64) throws {
    let sources = try sourcePhotos()
    let failures = Mutex<[String]>([])
    let written = Mutex((files: 0, bytes: 0, png: 0))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let plan = ImagePlan(index: index, seed: seed, sources: sources)
        do {
            let bytes = try plan.encode(sources)
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + plan.name))
            written.withLock {
                $0.files += 1
                $0.bytes += bytes.count
                $0.png += plan.png ? 1 : 0
            }
        } catch {
            failures.withLock { $0.append("\(plan.name): \(error)") }
        }
    }
    for failure in failures.withLock({ $0 }) { print("failed: \(failure)") }
    let totals = written.withLock { $0 }
    print(
        "wrote \(totals.files) images (\(totals.png) PNG, \(totals.files - totals.png) JPEG), "
            + "\(totals.bytes / 1_000_000) MB, to \(directory) from \(sources.count) source photos")
}

/// The job files: image2video and multi-image2video jobs over four small images; about one in
/// five is invalid (a duration or cfg_scale out of range, a misspelt key, a missing or too small
/// image, brushes on multi-image2video).
func writeJobs(to directory: String, count: Int, seed: UInt64) throws {
    let images = directory + "/images"
    try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
    let sources = try sourcePhotos()
    let whole = PixelRect(x: 0, y: 0, width: sources[0].width, height: sources[0].height)
    for (name, width, height) in [
        ("a.jpg", 640, 427), ("b.jpg", 427, 640), ("c.png", 600, 400), ("small.png", 200, 200),
    ] {
        let picture = BenchmarkInputs.resampled(sources[0], window: whole, width: width, height: height, noiseSeed: 7)
        let bytes =
            name.hasSuffix(".png")
            ? try PNGEncoder.encode(pixels: picture.pixels, width: width, height: height, channels: 3)
            : try JPEGEncoder.encode(picture, quality: 85)
        try Data(bytes).write(to: URL(fileURLWithPath: images + "/" + name))
    }
    var random = SeededGenerator(seed: seed)
    var invalid = 0
    for index in 0..<count {
        let image = ["a.jpg", "b.jpg", "c.png"][index % 3]
        var lines = [
            "route: image2video", "model: kling-v1", "mode: std", "duration: 5",
            "prompt: Job \(index), the waves roll in and the boats drift to the right.",
            "cfg_scale: 0.5", "external_task_id: bench-\(index)", "images:", "  - images/\(image)",
            "brushes:", "  static:", "    - rect 0,0.8 1,1", "  dynamic:",
            "    - area: ellipse 0.4,0.5 0.1,0.15", "      path: move right 20%",
        ]
        if index % 4 == 1 {
            lines = [
                "route: multi-image2video", "model: kling-v1-6", "mode: std", "duration: 10",
                "aspect_ratio: \"16:9\"", "prompt: Job \(index), a cat beside a cup of coffee.",
                "images:", "  - images/a.jpg", "  - images/c.png", "  - images/b.jpg",
            ]
        }
        if Int.random(in: 0..<5, using: &random) == 0 {
            invalid += 1
            switch Int.random(in: 0..<6, using: &random) {
            case 0: lines[3] = "duration: 7"
            case 1: lines.append("cfg_scale_typo: 0.5")
            case 2: lines[lines.firstIndex(where: { $0.hasPrefix("  - images/") }) ?? 0] = "  - images/missing.jpg"
            case 3: lines[lines.firstIndex(where: { $0.hasPrefix("  - images/") }) ?? 0] = "  - images/small.png"
            case 4: lines[1] = "model: kling-v9"
            default: lines += index % 4 == 1 ? ["brushes:", "  static:", "    - rect 0,0 1,0.2"] : ["cfg_scale: 3"]
            }
        }
        let text = "# InspectCorpus job \(index)\n" + lines.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + String(format: "/job-%04d.yaml", index)))
    }
    print("wrote \(count) job files (\(invalid) meant to be invalid) and 4 images to \(directory)")
}

/// The inputs of scripts/bench-build.sh: the four images, job-a.yaml and job-b.yaml.
func writeBuildJobs(to directory: String) throws {
    let images = try BenchmarkInputs.fourImages(in: URL(fileURLWithPath: directory))
    let names = images.map { URL(fileURLWithPath: $0).lastPathComponent }
    try Data(BenchmarkJobs.jobA(images: names).utf8).write(to: URL(fileURLWithPath: directory + "/job-a.yaml"))
    try Data(BenchmarkJobs.jobB(image: names[1]).utf8).write(to: URL(fileURLWithPath: directory + "/job-b.yaml"))
    print("wrote \(names.joined(separator: ", ")), job-a.yaml and job-b.yaml to \(directory)")
}

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
guard arguments.count >= 3, ["images", "jobs", "build-jobs"].contains(arguments[1]) else {
    print("usage: InspectCorpus images|jobs DIR [--count N] [--seed S] | InspectCorpus build-jobs DIR")
    exit(64)
}
let directory = arguments[2]
let count = option("--count").flatMap { Int($0) } ?? 1000
let seed = option("--seed").flatMap { UInt64($0) } ?? 1
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
if arguments[1] == "images" {
    try writeImages(to: directory, count: count, seed: seed)
} else if arguments[1] == "build-jobs" {
    try writeBuildJobs(to: directory)
} else {
    try writeJobs(to: directory, count: count, seed: seed)
}
