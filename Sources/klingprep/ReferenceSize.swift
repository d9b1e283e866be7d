import ArgumentParser
import KlingBrush
import KlingCheck
import KlingImage
import KlingRequest

/// `--like IMAGE | --size WxH`: the pixel grid that masks and trajectories are drawn on, shared
/// by `mask` and `path`.
struct ReferenceOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Take the size from this PNG or JPEG (its header only).", valueName: "image"),
        completion: .file())
    var like: String?

    @Option(name: .long, help: ArgumentHelp("The size in pixels, e.g. 1920x1080.", valueName: "WxH"))
    var size: String?

    func validate() throws {
        switch (like, size) {
        case (nil, nil):
            throw ValidationError("give the reference size with --like IMAGE or --size WxH")
        case (.some, .some):
            throw ValidationError("give either --like IMAGE or --size WxH, not both")
        case (nil, .some(let text)):
            _ = try ReferenceSize.parse(text)
        case (.some, nil):
            break
        }
    }

    /// The reference grid: `--size` as given, or the stored pixel grid of `--like` (read from
    /// its header; masks and trajectories follow the stored grid, not the EXIF orientation).
    /// A `--like` image shown rotated or mirrored (EXIF) gets the rule book's note
    /// (`brushes.stored_grid`) on `console`.
    /// - Throws: ``CommandFailure`` with the image module's sentence when the image cannot be
    ///   probed, is not a PNG or JPEG, or is larger than ``ReferenceSize/maximumPixels``.
    func resolve(on console: Console) throws -> PixelSize {
        if let size { return try ReferenceSize.parse(size) }
        guard let like else { throw ValidationError("give the reference size with --like IMAGE or --size WxH") }
        let info: ImageInfo
        do {
            info = try ImageProbe.probe(path: like)
        } catch {
            throw CommandFailure("--like: \(error.description)")
        }
        switch info.format {
        case .png, .jpeg:
            break
        case .empty:
            throw CommandFailure("--like '\(like)': \(ImageError.empty.description)")
        case .notAnImage:
            throw CommandFailure("--like '\(like)': \(ImageError.notAnImage(head: info.leadingBytes).description)")
        default:
            throw CommandFailure("--like '\(like)': \(ImageError.unsupportedFormat(info.format).description)")
        }
        let found = PixelSize(width: info.width, height: info.height)
        if let problem = ReferenceSize.problem(with: found) {
            throw CommandFailure("--like '\(like)': \(problem)")
        }
        if let grid = BrushRules.storedGrid(
            number: 1, orientation: info.effectiveOrientation, size: found, in: RuleContext(route: .image2video))
        {
            console.note("note: --like '\(like)': \(grid.message)")
        }
        return found
    }
}

/// Reading and bounding `WxH`.
enum ReferenceSize {
    /// The largest side accepted, in pixels.
    static let maximumSide = 20_000
    /// The most pixels a reference grid may have (the image module's default decode limit).
    static let maximumPixels = DecodeLimits.standard.maximumPixels

    /// Parses `1920x1080` (also `X` or `×`).
    /// - Throws: `ValidationError` (exit 64) naming what is wrong.
    static func parse(_ text: String) throws -> PixelSize {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "x" || $0 == "X" || $0 == "×" }
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
            throw ValidationError("--size expects WIDTHxHEIGHT in whole pixels, like 1920x1080; found '\(text)'")
        }
        let size = PixelSize(width: width, height: height)
        if let problem = problem(with: size) { throw ValidationError("--size \(text): \(problem)") }
        return size
    }

    /// Why `size` cannot be drawn on, or `nil` when it can.
    static func problem(with size: PixelSize) -> String? {
        if size.width < 1 || size.height < 1 {
            return "width and height must be at least 1 pixel, found \(size.width)x\(size.height)"
        }
        if size.width > maximumSide || size.height > maximumSide {
            return "width and height may be at most \(maximumSide) pixels, found \(size.width)x\(size.height)"
        }
        if size.width * size.height > maximumPixels {
            return "\(size.width)x\(size.height) is over the limit of \(maximumPixels) pixels"
        }
        return nil
    }
}
