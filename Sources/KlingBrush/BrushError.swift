public import KlingCheck
/// Everything that can stop KlingBrush from reading a description or drawing a mask.
///
/// Its ``description`` is one sentence a person can act on; errors about description text end
/// with the 1-based column, e.g.
/// `expected a point like 0.4,0.6 after 'line', found '0.4;0.6' (column 6)`.
public enum BrushError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The grammar needed `expected` (e.g. "a point like 0.4,0.6") after the text `after`,
    /// but found the word `found` (`nil`: the end of the text) at `column`.
    case expected(String, after: String?, found: String?, column: Int)
    /// A keyword of `kind` ("area", "path", "direction", "easing") that the language does not
    /// have, with the accepted words and the closest one, if any is close.
    case unknownWord(kind: String, found: String, accepted: [String], suggestion: String?, column: Int)
    /// A form that needs at least `minimum` points got `found`.
    case tooFewPoints(form: String, minimum: Int, found: Int, column: Int)
    /// A size (`what`: "the radius", "the width", …) that must be greater than zero was not.
    case notPositive(what: String, found: String, column: Int)
    /// A number whose magnitude is above the language's limit (``DescriptionLimits``).
    case numberTooLarge(found: String, column: Int)
    /// An option (`points`, `ease`, `turns`, …) given more than once.
    case repeatedOption(String, column: Int)
    /// `image PATH`: no resolver was supplied, or it failed; `reason` is its error's text.
    case imageUnavailable(path: String, reason: String)
    /// `image PATH`: the picture's size differs from the reference size.
    case imageSize(path: String, found: PixelSize, expected: PixelSize)
    /// A trajectory was asked for with fewer than 2 points (its two ends must be kept).
    case pointCount(requested: Int)

    public var description: String {
        switch self {
        case .expected(let what, let after, let found, let column):
            let afterText = after.map { " after '\($0)'" } ?? ""
            return "expected \(what)\(afterText), found \(Self.quote(found)) (column \(column))"
        case .unknownWord(let kind, let found, let accepted, let suggestion, let column):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "unknown \(kind) '\(found)', expected \(Self.list(accepted))\(hint) (column \(column))"
        case .tooFewPoints(let form, let minimum, let found, let column):
            return "'\(form)' needs at least \(minimum) points, found \(found) (column \(column))"
        case .notPositive(let what, let found, let column):
            return "\(what) must be greater than 0, found '\(found)' (column \(column))"
        case .numberTooLarge(let found, let column):
            return "the number '\(found)' is too large, its size may be at most "
                + "\(Digits.grouped(Int(DescriptionLimits.maximumMagnitude))) (column \(column))"
        case .repeatedOption(let name, let column):
            return "'\(name)' is given more than once (column \(column))"
        case .imageUnavailable(let path, let reason):
            return "the mask image '\(path)' could not be read: \(reason)"
        case .imageSize(let path, let found, let expected):
            return "the mask image '\(path)' is \(found) pixels, but masks must have the reference size \(expected)"
        case .pointCount(let requested):
            return "a trajectory needs at least 2 points (its two ends), \(requested) "
                + (requested == 1 ? "was" : "were") + " requested"
        }
    }

    private static func quote(_ found: String?) -> String {
        found.map { "'\($0)'" } ?? "the end of the text"
    }

    private static func list(_ words: [String]) -> String {
        guard let last = words.last else { return "nothing" }
        guard words.count > 1 else { return last }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }
}

/// Limits of the description language itself (not the API's: KlingBrush knows none of those).
public enum DescriptionLimits {
    /// The largest magnitude a number in a description may have: 1,000,000. It keeps pixel
    /// arithmetic far from overflow whatever the unit.
    public static let maximumMagnitude: Double = 1_000_000
}
