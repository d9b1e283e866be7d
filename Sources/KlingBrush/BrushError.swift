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
    /// A description, or a job's descriptions together, above one of the language's size
    /// limits: `found` is the count of what `limit` counts when the reading stopped, refused
    /// before anything was drawn. For limits counted as the text is read (terms, vertices,
    /// points) reading stops as soon as the count passes the limit, so `found` is the count at
    /// that moment and `column` (1-based) is where it passed; `nil` when the whole text or a
    /// whole job was measured.
    case tooLarge(DescriptionLimit, found: Int, column: Int?)

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
        case .tooLarge(let limit, let found, let column):
            let seen =
                limit.isCountedWhileReading
                ? "more than \(Digits.grouped(limit.maximum)) \(limit.noun) (\(Digits.grouped(found)) when reading stopped)"
                : "\(Digits.grouped(found)) \(limit.noun)"
            let place = column.map { " (column \($0))" } ?? ""
            return "\(limit.subject) \(limit.isJobTotal ? "have" : "has") \(seen); \(limit.scope) may have at most "
                + "\(Digits.grouped(limit.maximum)) \(limit.noun)\(place)"
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
///
/// They are KlingPrep's safety limits, far above any description a person or a tool writes
/// (the longest in the fixtures is under 80 characters with 4 vertices), and small enough that
/// the largest accepted job is drawn in well under a second on a 3840×2160 reference (see
/// `Benchmarks/BrushBenchmark`). Each is checked while the text is read, before anything is
/// expanded or drawn; going over one is ``BrushError/tooLarge(_:found:column:)``.
public enum DescriptionLimits {
    /// The largest magnitude a number in a description may have: 1,000,000. It keeps pixel
    /// arithmetic far from overflow whatever the unit.
    public static let maximumMagnitude: Double = 1_000_000
    /// The most characters one area or path description may have: 10,000.
    public static let maximumCharacters = 10_000
    /// The most terms (shapes joined by `;` or `-`) one area may have: 50.
    public static let maximumTerms = 50
    /// The most vertices one area may have: the points of all its `polygon` and `stroke`
    /// terms together, 1,000.
    public static let maximumAreaVertices = 1_000
    /// The most points one path may write (`path` and `curve` through their points, start
    /// included): 1,000.
    public static let maximumPathPoints = 1_000
    /// The most vertices a path may have once expanded, before it is resampled to its
    /// trajectory's points (a `curve` is 32 pieces per span, an `arc` at most 361 vertices, an
    /// `orbit` 360 per turn, a `wave` at most 20,001): 100,000.
    public static let maximumPathVertices = 100_000
    /// The most terms the areas of one brush set may have together (every static line and
    /// every group's area; a line or area that does not parse counts as one): 200. It also
    /// bounds the number of static lines and dynamic groups drawn.
    public static let maximumJobTerms = 200
    /// The most vertices the areas of one brush set may have together (as
    /// ``maximumAreaVertices``, over every static line and group area): 2,000.
    public static let maximumJobVertices = 2_000
}

/// One of the size limits of ``DescriptionLimits``, as ``BrushError/tooLarge(_:found:column:)``
/// names it.
public enum DescriptionLimit: String, Sendable, Hashable, CaseIterable {
    /// ``DescriptionLimits/maximumCharacters``, per description.
    case characters
    /// ``DescriptionLimits/maximumTerms``, per area.
    case areaTerms = "area_terms"
    /// ``DescriptionLimits/maximumAreaVertices``, per area.
    case areaVertices = "area_vertices"
    /// ``DescriptionLimits/maximumPathPoints``, per path.
    case pathPoints = "path_points"
    /// ``DescriptionLimits/maximumPathVertices``, per path once expanded.
    case pathVertices = "path_vertices"
    /// ``DescriptionLimits/maximumJobTerms``, over a brush set's areas.
    case jobTerms = "job_terms"
    /// ``DescriptionLimits/maximumJobVertices``, over a brush set's areas.
    case jobVertices = "job_vertices"

    /// The largest count accepted.
    public var maximum: Int {
        switch self {
        case .characters: DescriptionLimits.maximumCharacters
        case .areaTerms: DescriptionLimits.maximumTerms
        case .areaVertices: DescriptionLimits.maximumAreaVertices
        case .pathPoints: DescriptionLimits.maximumPathPoints
        case .pathVertices: DescriptionLimits.maximumPathVertices
        case .jobTerms: DescriptionLimits.maximumJobTerms
        case .jobVertices: DescriptionLimits.maximumJobVertices
        }
    }

    /// True for the limits on a whole brush set rather than on one description.
    public var isJobTotal: Bool { self == .jobTerms || self == .jobVertices }

    /// True when the count is kept while reading and reading stops as soon as it passes the
    /// limit (so the count seen is a lower bound of the whole).
    public var isCountedWhileReading: Bool { self != .characters && self != .pathVertices }

    /// What is counted, plural: "characters", "terms", "vertices", "points".
    public var noun: String {
        switch self {
        case .characters: "characters"
        case .areaTerms, .jobTerms: "terms"
        case .areaVertices, .pathVertices, .jobVertices: "vertices"
        case .pathPoints: "points"
        }
    }

    /// What was measured, as the subject of the message: "the description", "the area", …
    var subject: String {
        switch self {
        case .characters: "the description"
        case .areaTerms, .areaVertices: "the area"
        case .pathPoints: "the path"
        case .pathVertices: "the path, expanded before resampling,"
        case .jobTerms, .jobVertices: "the job's areas together"
        }
    }

    /// What the limit is for, in the message: "a description", "an area", …
    var scope: String {
        switch self {
        case .characters: "a description"
        case .areaTerms, .areaVertices: "an area"
        case .pathPoints: "a path"
        case .pathVertices: "an expanded path"
        case .jobTerms, .jobVertices: "the areas of one job"
        }
    }
}
