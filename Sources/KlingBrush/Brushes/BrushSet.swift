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
    /// Dynamic groups in order; the API takes at most 6 (`APILimits.maximumDynamicGroups`).
    public var dynamic: [BrushGroup]

    /// A brush set with the given static lines and dynamic groups.
    public init(staticAreas: [String] = [], dynamic: [BrushGroup] = []) {
        self.staticAreas = staticAreas
        self.dynamic = dynamic
    }
}

/// One dynamic group after drawing: its mask and trajectory, or `nil` where its description
/// could not be used (a finding then says why).
public struct BuiltGroup: Sendable, Hashable {
    /// The group's 1-based number, as users count them ("group 2"); its finding paths are 0-based (`brushes.dynamic[number - 1]`), as every path in a job report.
    public var number: Int
    /// The parsed area, when it parsed.
    public var area: Area?
    /// The parsed path, when it parsed.
    public var path: BrushPath?
    /// The group's mask at the reference size (255 = moves).
    public var mask: GrayMask?
    /// The area's centre in user pixels: the centroid of ``mask`` (see
    /// ``GrayMask/whiteCentroid``); the image centre when the mask is empty or missing.
    public var areaCentre: UserPoint
    /// The trajectory in both spaces.
    public var trajectory: Trajectory?
    /// The smallest box holding the mask's inside pixels; `nil` when empty or missing.
    public var bounds: PixelBox?
}

/// The result of ``BrushSet/build(size:resolver:)``: every mask and trajectory that could be
/// made, plus all findings at once.
public struct BuiltBrushSet: Sendable, Hashable {
    /// The reference size every mask was drawn at.
    public var size: PixelSize
    /// The static mask (255 = stays still); `nil` when the set has no static lines or none
    /// of them could be read.
    public var staticMask: GrayMask?
    /// One entry per dynamic group, in order.
    public var groups: [BuiltGroup]
    /// Errors and warnings, with 0-based paths such as `brushes.dynamic[1].path` (the second group).
    public var findings: [Finding]
}
