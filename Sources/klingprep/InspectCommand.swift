import ArgumentParser
import Foundation
import KlingCheck
import KlingImage
import KlingRequest

/// `klingprep inspect IMAGE... [--decode] [--format text|json|jsonl|github|junit|sarif]`: each
/// image's facts and the API's verdict.
struct InspectCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Check images against the API's rules (format, size, dimensions, aspect ratio).",
        discussion: "Exit 0 when every image passes, 1 when any fails, 64 for usage errors."
    )

    @Argument(
        help: "PNG or JPEG files to check.",
        completion: .file(extensions: ["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"]))
    var images: [String]

    @Flag(help: "Also decode every image fully to prove its data is whole.")
    var decode = false

    @OptionGroup var formatOption: FormatOption

    static let formats = OutputFormat.allCases

    @Option(help: "Refuse images over this many megapixels before decoding.")
    var maxMegapixels: Int = 100

    func validate() throws {
        if images.isEmpty { throw ValidationError("give at least one image to inspect") }
        if maxMegapixels < 1 { throw ValidationError("--max-megapixels must be at least 1") }
    }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        let limits = DecodeLimits(maximumPixels: maxMegapixels * 1_000_000)
        // A lone image is judged as the image of an image2video body on CometAPI.
        let context = RuleContext(route: .image2video)
        let started = ContinuousClock.now
        let inspections = await ImageRules.verdicts(paths: images, decode: decode, limits: limits, context: context)
        let ok = inspections.allSatisfy(\.passes)
        switch console.format {
        case .json:
            try console.document(InspectReport(ok: ok, images: inspections.map(InspectedImage.init)))
        case .jsonl:
            // One line per image: the objects of `--json`'s `images`, in order.
            for inspection in inspections { try console.document(InspectedImage(inspection)) }
        case .github, .junit, .sarif:
            let units = inspections.map { verdict in
                FormatUnit(
                    image: verdict.inspection.path, findings: verdict.findings,
                    status: verdict.passes ? "pass" : "fail",
                    strict: false)
            }
            try FormatOutput.write(
                FormatReport(command: "inspect", units: units, seconds: started.secondsSince), on: console)
        case .text:
            for inspection in inspections { console.out(InspectText.render(inspection)) }
            let failed = inspections.filter { !$0.passes }.count
            console.out(
                ok
                    ? "\(inspections.count) image(s) pass."
                    : "\(failed) of \(inspections.count) image(s) fail.")
        }
        if !ok { throw ExitCodes.invalidInput }
    }
}

/// The stable JSON shape of `inspect --json`.
struct InspectReport: Encodable {
    var ok: Bool
    var images: [InspectedImage]
}

/// One image in `inspect --json`.
struct InspectedImage: Encodable {
    var path: String
    var format: String?
    var width: Int?
    var height: Int?
    var bytes: Int?
    var decodable: Bool?
    var findings: [Finding]
    var png: PNGHeader?
    var jpeg: JPEGFrame?
    var exifOrientation: Int?
    var warningCount: Int?

    init(_ verdict: ImageVerdict) {
        let inspection = verdict.inspection
        path = inspection.path
        format = inspection.info?.format.rawValue
        width = inspection.info?.width
        height = inspection.info?.height
        bytes = inspection.info?.byteCount
        decodable = inspection.decodable
        findings = verdict.findings
        png = inspection.info?.png
        jpeg = inspection.info?.jpeg
        exifOrientation = inspection.info?.exifOrientation
        warningCount = inspection.decode?.warningCount
    }

    enum CodingKeys: String, CodingKey {
        case path, format, width, height, bytes, decodable, findings, png, jpeg
        case exifOrientation = "exif_orientation"
        case warningCount = "decoder_warnings"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(format, forKey: .format)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(decodable, forKey: .decodable)
        try container.encode(findings, forKey: .findings)
        try container.encodeIfPresent(png, forKey: .png)
        try container.encodeIfPresent(jpeg, forKey: .jpeg)
        try container.encodeIfPresent(exifOrientation, forKey: .exifOrientation)
        try container.encodeIfPresent(warningCount, forKey: .warningCount)
    }
}

/// The text form of one inspected image.
enum InspectText {
    static func render(_ checked: ImageVerdict) -> String {
        let inspection = checked.inspection
        var lines: [String] = []
        let verdict = checked.passes ? "ok  " : "FAIL"
        if let info = inspection.info {
            var facts = "\(info.format.displayName)"
            if info.format.isAccepted {
                facts += " \(info.width)x\(info.height), \(info.byteCount) bytes"
            } else {
                facts += ", \(info.byteCount) bytes"
            }
            if let png = info.png {
                facts += ", \(png.bitDepth)-bit \(png.colorTypeName)\(png.interlaced ? ", interlaced" : "")"
            }
            if let jpeg = info.jpeg {
                facts += ", \(jpeg.process.rawValue), \(jpeg.precision)-bit \(jpeg.colorSpace.rawValue)"
            }
            if let orientation = info.exifOrientation { facts += ", EXIF orientation \(orientation)" }
            if let decodable = inspection.decodable {
                let warnings = inspection.decode?.warningCount ?? 0
                if decodable {
                    facts += warnings == 0 ? ", decodes cleanly" : ", decodes with \(warnings) decoder warning(s)"
                } else {
                    facts += ", does not decode"
                }
            }
            lines.append("\(verdict) \(inspection.path): \(facts)")
        } else {
            lines.append("\(verdict) \(inspection.path)")
        }
        for finding in checked.findings { lines.append(FindingText.line(finding)) }
        return lines.joined(separator: "\n")
    }
}
