public import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingRequest

/// `klingprep fix IMAGE... -o DIR [--aspect pad|crop] [--crop-anchor A] [--background #RRGGBB]
/// [--max-side N] [--copy-all] [--json]`: a compliant copy of each image.
struct FixCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Write a copy of each image that the API accepts, and say what changed.",
        discussion: """
            Each fix is applied only when needed: EXIF orientation made upright (the tag removed); \
            CMYK/YCCK, 16-bit, gray+alpha and palette made 8-bit RGB (transparency composited on \
            --background); an aspect ratio outside 1:2.5...2.5:1 padded or cropped just into range \
            (never stretched); a side under 300 px upscaled (Lanczos-3; the detail is invented); \
            --max-side downscales; a file over 10,000,000 bytes re-encoded (JPEG quality 95 down \
            to 70), then downscaled. Metadata is dropped except the colour profile. Images that \
            need nothing are left alone (copied with --copy-all). Copies are written whole or not \
            at all, never over their input. Exit 0 when every image is (now) compliant, 1 when \
            one cannot be read or made compliant, 64 for usage errors.
            """
    )

    @Argument(
        help: ArgumentHelp("PNG or JPEG files to fix.", valueName: "image"),
        completion: .file(extensions: ["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"]))
    var images: [String]

    @Option(
        name: .shortAndLong, help: ArgumentHelp("The folder to write the copies to.", valueName: "dir"),
        completion: .directory)
    var output: String

    @Option(help: "How to bring an aspect ratio into range: pad (bands of --background) or crop.")
    var aspect: FixOptions.Aspect = .pad

    @Option(
        help: ArgumentHelp(
            "Where a crop holds the picture: center, top, bottom, left, right, top-left, top-right, bottom-left, bottom-right.",
            valueName: "anchor"))
    var cropAnchor: CropAnchor?

    @Option(help: ArgumentHelp("Pad and transparency colour.", valueName: "#RRGGBB"))
    var background = "#FFFFFF"

    @Option(help: ArgumentHelp("Downscale so that neither side exceeds N pixels (at least 300).", valueName: "N"))
    var maxSide: Int?

    @Flag(help: "Also copy images that need nothing into the folder.")
    var copyAll = false

    @Option(help: "Refuse images over this many megapixels before decoding.")
    var maxMegapixels: Int = 100

    @OptionGroup var formatOption: FormatOption

    static let formats: [OutputFormat] = [.text, .json]

    func validate() throws {
        if images.isEmpty { throw ValidationError("give at least one image to fix") }
        if output.isEmpty { throw ValidationError("-o needs a folder") }
        if PictureOps.colour(hex: background) == nil {
            throw ValidationError("--background \(background) is not a colour; give #RRGGBB, e.g. #FFFFFF")
        }
        if let maxSide, maxSide < ImageRules.minimumSide {
            throw ValidationError("--max-side must be at least \(ImageRules.minimumSide) (the API's minimum side)")
        }
        if maxMegapixels < 1 { throw ValidationError("--max-megapixels must be at least 1") }
        if let cropAnchor, aspect != .crop {
            throw ValidationError(
                "--crop-anchor \(cropAnchor.rawValue) places a crop; give --aspect crop too (a pad is always centred)")
        }
    }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        let options = FixOptions(
            background: PictureOps.colour(hex: background) ?? .white, aspect: aspect, cropAnchor: cropAnchor ?? .center,
            maxSide: maxSide)
        let results = FixWriter.fix(
            images, into: output, options: options, copyAll: copyAll,
            limits: DecodeLimits(maximumPixels: maxMegapixels * 1_000_000))
        let failed = results.filter { $0.status == .failed }.count
        if formatOption.resolved == .json {
            try console.document(FixReport(ok: failed == 0, images: results.map(FixedImage.init)))
        } else {
            for result in results { console.out(FixText.render(result)) }
            console.out(
                failed == 0
                    ? "\(results.count) image(s) compliant."
                    : "\(failed) of \(results.count) image(s) could not be made compliant.")
        }
        if failed > 0 { throw ExitCodes.invalidInput }
    }
}

extension FixOptions.Aspect: ExpressibleByArgument {}
extension CropAnchor: ExpressibleByArgument {}

/// The text form of one fixed file.
enum FixText {
    static func render(_ result: FixedFile) -> String {
        var lines: [String] = []
        switch result.status {
        case .failed:
            lines.append("FAIL \(result.path): \(result.error?.reason ?? "failed")")
        case .unchanged:
            lines.append("ok   \(result.path): nothing to fix (left alone)")
        case .copied:
            lines.append("ok   \(result.path): nothing to fix, copied to \(result.outputPath ?? "")")
        case .fixed:
            let facts = result.outcome?.output.map {
                "\($0.format.displayName) \($0.width)x\($0.height), \(Digits.grouped($0.byteCount)) bytes"
            }
            lines.append("fixed \(result.path) -> \(result.outputPath ?? "") (\(facts ?? ""))")
        }
        for step in result.outcome?.steps ?? [] {
            lines.append("      \(step.isWarning ? "warning: " : "")\(step.text)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The stable JSON shape of `fix --json`.
struct FixReport: Encodable {
    var ok: Bool
    var images: [FixedImage]
}

/// One file in `fix --json` (members without a value are left out).
struct FixedImage: Encodable {
    var path: String
    var status: String
    var output: String?
    var format: String?
    var width: Int?
    var height: Int?
    var bytes: Int?
    var steps: [FixStep]
    var geometry: FixGeometry?
    var error: String?

    init(_ result: FixedFile) {
        path = result.path
        status = result.status.rawValue
        output = result.outputPath
        let facts = result.outcome.map { $0.output ?? $0.input }
        format = result.outcome?.format.rawValue
        width = facts?.width
        height = facts?.height
        bytes = facts?.byteCount
        steps = result.outcome?.steps ?? []
        geometry = result.outcome?.geometry
        error = result.error?.description
    }

    enum CodingKeys: String, CodingKey {
        case path, status, output, format, width, height, bytes, steps, geometry, error
    }
}
