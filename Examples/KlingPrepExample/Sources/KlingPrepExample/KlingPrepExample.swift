import Foundation
import KlingBrush
import KlingCheck
import KlingImage
import KlingRequest

/// KlingPrep as a library: check a job, draw a mask from a description, build the request body.
///
/// Run it with `swift run KlingPrepExample [DIRECTORY]`; it writes `picture.png`, `static.png`
/// and `request.json` into DIRECTORY (a new temporary folder by default) and prints what it did.
/// Exit 0 when the job is accepted and the body written, 1 otherwise.
@main
struct KlingPrepExample {
    static func main() async {
        do {
            let directory = try outputDirectory()
            try await run(in: directory)
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }

    static func run(in directory: URL) async throws {
        // A picture to animate: 640x360 pixels of sky over sea, encoded by KlingImage.
        let size = PixelSize(width: 640, height: 360)
        var picture = RGBImage(size: size, colour: RGBColour(red: 120, green: 170, blue: 230))
        for row in 240..<size.height {
            for column in 0..<size.width {
                let index = (row * size.width + column) * 3
                picture.pixels[index] = 20
                picture.pixels[index + 1] = 60
                picture.pixels[index + 2] = 120
            }
        }
        let picturePath = directory.appendingPathComponent("picture.png")
        try Data(try picture.pngData()).write(to: picturePath)

        // 1. Check a job: every problem at once, each with its rule's source.
        let job = """
            route: image2video
            model: kling-v1
            prompt: A small boat drifts to the right over a calm sea.
            images: [picture.png]
            brushes:
              static: ["rect 0,0.8 1,1"]
              dynamic:
                - area: circle 0.3,0.6 0.08
                  path: move right 25%
            """
        let document = JobFile.decode(Data(job.utf8), format: .yaml, baseDirectory: directory.path)
        let report = await JobChecker.check(document)
        for finding in report.findings {
            print("\(finding.severity.rawValue) \(finding.code): \(finding.message)")
        }
        guard !report.hasErrors else { throw ExampleError.jobRefused(errors: report.findings.count) }
        print("checked: \(report.job.effectiveRoute) job, \(report.findings.count) finding(s), no errors")

        // 2. Draw masks from descriptions on the picture's pixel grid (KlingBrush), then PNG.
        let still = try Area(parsing: "rect 0,0.8 1,1").rasterize(size: size)
        let boat = try Area(parsing: "circle 0.3,0.6 0.08").rasterize(size: size)
        let path = try BrushPath(parsing: "move right 25%")
        let trajectory = try path.trajectory(size: size, areaCentre: boat.whiteCentroid, defaultMaximum: 77)
        let stillPNG = try png(still)
        try stillPNG.write(to: directory.appendingPathComponent("static.png"))
        print("static mask: \(still.width)x\(still.height), \(whitePixels(still)) pixels frozen")
        print("boat path: \(trajectory.api.count) points, API space \(trajectory.apiJSON.prefix(40))…")

        // 3. Build the request body (KlingRequest) and write it as the service wants it.
        let body = RequestBody(
            job: report.job, staticMask: .data(stillPNG),
            dynamicMasks: [DynamicMask(mask: .data(try png(boat)), trajectories: trajectory.api)])
        let written = try PayloadWriter().write(body, to: directory.appendingPathComponent("request.json").path)
        print("wrote \(written.path) (\(written.bytes) bytes)")
    }

    /// A mask as an 8-bit gray PNG, as the API takes it.
    static func png(_ mask: GrayMask) throws -> Data {
        Data(
            try PNGEncoder.encode(
                pixels: mask.pixels, width: mask.width, height: mask.height, channels: 1, options: .mask))
    }

    static func whitePixels(_ mask: GrayMask) -> Int { mask.pixels.reduce(0) { $0 + ($1 == 255 ? 1 : 0) } }

    /// The first argument, or a new temporary folder.
    static func outputDirectory() throws -> URL {
        let arguments = CommandLine.arguments.dropFirst()
        let directory =
            arguments.first.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("klingprep-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// Why the example stopped.
enum ExampleError: Error, CustomStringConvertible {
    case jobRefused(errors: Int)

    var description: String {
        switch self {
        case .jobRefused(let errors): "the job has errors (\(errors) finding(s) above)"
        }
    }
}
