import KlingCheck

/// One dynamic brush group as written in a job: an area that moves and the path it follows.
public struct BrushGroup: Sendable, Hashable, Codable {
    /// Area description, e.g. `ellipse 0.35,0.55 0.08,0.2`.
    public var area: String
    /// Path description, e.g. `line -> 0.7,0.5`.
    public var path: String
    /// Point count; when set it overrides the path's own `points N`.
    public var points: Int?
    /// Easing; when set it overrides the path's own `ease …`.
    public var ease: Easing?

    /// A group moving `area` along `path`.
    public init(area: String, path: String, points: Int? = nil, ease: Easing? = nil) {
        self.area = area
        self.path = path
        self.points = points
        self.ease = ease
    }
}

/// The brushes of a job as written: one static area (the union of its lines) that stays
/// frozen, and dynamic groups that move (design.md, "Job file", `brushes`).
public struct BrushSet: Sendable, Hashable, Codable {
    /// Lines of the static area; they are joined as if by `;` (so a line starting with `-`
    /// subtracts from the lines before it). Empty: no static mask.
    public var staticAreas: [String]
    /// Dynamic groups in order (how many the API takes is the rule book's business).
    public var dynamic: [BrushGroup]

    /// A brush set with the given static lines and dynamic groups.
    public init(staticAreas: [String] = [], dynamic: [BrushGroup] = []) {
        self.staticAreas = staticAreas
        self.dynamic = dynamic
    }
}

/// A trajectory point count someone asked for, and where it was written.
public struct PointRequest: Sendable, Hashable {
    /// Where the count was written.
    public enum Source: Sendable, Hashable {
        /// The group's own option (a job's `points:` key, `--points`).
        case groupOption
        /// `points N` inside the path description.
        case description
    }

    /// The count asked for; any integer the language reads (0…1,000,000).
    public let count: Int
    /// Where it was written.
    public let source: Source

    /// A request for `count` points written at `source`.
    public init(count: Int, source: Source) {
        self.count = count
        self.source = source
    }
}

extension BrushGroup {
    /// The point count this group asks for: its own ``points`` over the description's
    /// `points N`; `nil` when neither is given (the count then follows the path's length) or
    /// when the path description does not parse.
    public var pointRequest: PointRequest? {
        if let points { return PointRequest(count: points, source: .groupOption) }
        guard let written = try? BrushPath(parsing: path).points else { return nil }
        return PointRequest(count: written, source: .description)
    }
}
