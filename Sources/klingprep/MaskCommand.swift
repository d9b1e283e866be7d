import ArgumentParser
import Foundation
import KlingBrush
import KlingCheck
import KlingImage
import KlingRequest

/// `klingprep mask (--like IMAGE | --size WxH) AREA... -o FILE.png [--json]`: one mask PNG from
/// area descriptions.
struct MaskCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "mask",
        abstract: "Draw a mask PNG (8-bit gray: 255 inside, 0 outside) from area descriptions.",
        discussion: """
            Each AREA is a description such as "ellipse 0.5,0.5 0.2,0.1" or \
            "rect 0,0 1,0.3; -circle 0.5,0.2 0.05"; several AREA arguments are joined (union). \
            The mask is drawn on the reference image's stored pixel grid and written whole or not \
            at all (a temporary file in the same folder, then renamed). A mask that covers no \
            pixel is still written, with a warning on stderr (a brush refuses it). \
            Exit 0 when written, 1 for a bad description, an unreadable image or a failed write, \
            64 for usage errors.
            """
    )

    @OptionGroup var reference: ReferenceOptions

    @Argument(help: ArgumentHelp("Area descriptions; several are joined.", valueName: "area"))
    var areas: [String]

    @Option(
        name: .shortAndLong, help: ArgumentHelp("The PNG file to write.", valueName: "file.png"),
        completion: .file(extensions: ["png"]))
    var output: String

    @OptionGroup var formatOption: FormatOption

    static let formats: [OutputFormat] = [.text, .json]

    /// `--json` or `--format json`.
    private var json: Bool { formatOption.resolved == .json }

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a file name") }
    }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    /// The files this command reads: `--like` and the pictures of `image PATH` areas (resolved
    /// against the current directory, as ``MaskDrawing`` reads them).
    private var readFiles: [JobInputFile] {
        let job = Job(
            brushes: JobBrushes(staticAreas: areas, dynamic: []),
            baseDirectory: FileManager.default.currentDirectoryPath)
        return (reference.like.map { [JobInputFile(path: $0, role: "the --like image")] } ?? [])
            + job.inputFiles.map { JobInputFile(path: $0.path, role: "a mask picture this mask reads") }
    }

    func run(on console: Console) async throws {
        if let read = JobInputFile.overwritten(by: output, among: readFiles) {
            throw CommandFailure("cannot write \(output): it is \(read.role); choose another file for the mask")
        }
        let size = try reference.resolve(on: console)
        let mask = try MaskDrawing.union(of: areas, size: size)
        let png: [UInt8]
        do {
            png = try MaskPNGEncoder.encode(rows: mask.rows, width: mask.width)
        } catch {
            throw CommandFailure(error.description)
        }
        do {
            try AtomicFile.write(Data(png), to: output)
        } catch {
            throw CommandFailure(error.description)
        }
        let facts = mask.facts
        let white = facts.count
        let share = mask.whiteShare
        // The file is written either way; a brush would refuse it, so this is only a warning here.
        if let empty = BrushRules.emptyMask(facts, what: "the mask", at: nil, in: RuleContext(route: .image2video)) {
            console.note(
                "warning: \(empty.message) (\(size.width)x\(size.height)); a brush refuses an empty mask "
                    + "(\(empty.code))" + (empty.fix.map { ": \($0)" } ?? ""))
        }
        if json {
            try console.document(
                MaskReport(path: output, width: mask.width, height: mask.height, whitePixels: white, whiteShare: share))
        } else {
            console.out(
                "wrote \(output): \(mask.width)x\(mask.height) pixels, 8-bit gray; "
                    + "\(Digits.grouped(white)) white pixels (\(MaskDrawing.percent(share)) of the image)")
        }
    }
}

/// The stable JSON shape of `mask --json`.
struct MaskReport: Encodable {
    var path: String
    var width: Int
    var height: Int
    var whitePixels: Int
    /// White pixels ÷ all pixels, 0…1.
    var whiteShare: Double

    enum CodingKeys: String, CodingKey {
        case path, width, height
        case whitePixels = "white_pixels"
        case whiteShare = "white_share"
    }
}

/// Parsing and drawing area arguments, shared by `mask` and `path --area`.
enum MaskDrawing {
    /// Parses and draws one area description; errors name the argument (`label`, e.g.
    /// "area 2" or "--area") and carry the parser's sentence with its column.
    static func draw(_ text: String, label: String, size: PixelSize) throws(CommandFailure) -> MaskRuns {
        do {
            return try Area(parsing: text).runs(
                size: size, resolver: MaskPictureReader(baseDirectory: FileManager.default.currentDirectoryPath).read)
        } catch {
            throw CommandFailure("\(label): \(error.description)")
        }
    }

    /// The union of every description in `texts`, each parsed and drawn on its own
    /// (`area 1`, `area 2`, … in errors).
    static func union(of texts: [String], size: PixelSize) throws(CommandFailure) -> MaskRuns {
        var union = MaskRuns(size: size)
        for (index, text) in texts.enumerated() {
            union.formUnion(try draw(text, label: "area \(index + 1)", size: size))
        }
        return union
    }

    /// `12.34 %`; shares above 0 but below 0.005 % read `< 0.01 %`.
    static func percent(_ share: Double) -> String {
        if share > 0 && share < 0.000_05 { return "< 0.01 %" }
        return String(format: "%.2f %%", share * 100)
    }
}
