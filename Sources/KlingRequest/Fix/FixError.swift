public import KlingCheck
public import KlingImage

/// Why an image could not be made compliant. Each case carries its evidence.
public enum FixError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The image could not be read or decoded (or is a format the API does not take).
    case image(path: String, ImageError)
    /// `maxSide` is below what the API's minimum side and aspect range need for this picture.
    case maxSideTooSmall(maxSide: Int, needed: Int)
    /// The fixed picture would be over the decoder's pixel limit (a pad of an extreme aspect).
    case outputTooLarge(size: PixelSize, maximumPixels: Int)
    /// Even at the lowest quality and the smallest allowed size the file is over the budget.
    case cannotFit(bytes: Int, limit: Int)
    /// The image breaks a rule no fix here repairs (a file cut short, bytes that do not
    /// decode): its findings' messages.
    case notFixable(path: String, messages: [String])
    /// The copy made still breaks a rule (its findings' messages): a bug, reported not hidden.
    case stillNonCompliant(path: String, messages: [String])
    /// An option is out of range.
    case invalidOption(name: String, value: String, expected: String)
    /// The output would replace the input.
    case wouldOverwriteInput(path: String)
    /// The output could not be written; nothing was left behind.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .image(let path, _), .notFixable(let path, _): "\(path): \(reason)"
        default: reason
        }
    }

    /// The description without the input's path (for a report that names the file already).
    public var reason: String {
        switch self {
        case .image(_, let error):
            error.description
        case .notFixable(_, let messages):
            "no fix here repairs it: \(messages.joined(separator: "; "))"
        case .maxSideTooSmall(let maxSide, let needed):
            "--max-side \(maxSide) is too small for this picture: keeping each side at least \(ImageRules.minimumSide) px and the aspect ratio within 1:2.5…2.5:1 needs a long side of \(needed) px"
        case .outputTooLarge(let size, let maximumPixels):
            "the fixed picture would be \(size.width)x\(size.height) pixels, over the limit of \(maximumPixels) pixels; try --aspect crop"
        case .cannotFit(let bytes, let limit):
            "even at the lowest quality and the smallest allowed size the file has \(Digits.grouped(bytes)) bytes, over \(Digits.grouped(limit))"
        case .stillNonCompliant(let path, let messages):
            "the fixed copy \(path) still breaks a rule: \(messages.joined(separator: "; "))"
        case .invalidOption(let name, let value, let expected):
            "\(name) \(value) is out of range: expected \(expected)"
        case .wouldOverwriteInput(let path):
            "the output \(path) is the input itself; choose another -o folder"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
