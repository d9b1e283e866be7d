public import KlingCheck

/// One dynamic group after drawing: what could be made of its descriptions, and the facts the
/// rule book judges. Nothing here is a verdict.
public struct BuiltGroup: Sendable, Hashable {
    /// The group's 1-based number, as users count them ("group 2").
    public var number: Int
    /// The parsed area, when it parsed.
    public var area: Area?
    /// Why the area could not be parsed or drawn; `nil` when it was drawn.
    public var areaError: BrushError?
    /// The parsed path, when it parsed.
    public var path: BrushPath?
    /// Why the path could not be parsed or its trajectory made; `nil` when it was made.
    public var pathError: BrushError?
    /// The group's mask at the reference size, as runs of the pixels that move
    /// (``MaskRuns/grayMask()`` makes the 0/255 bytes).
    public var mask: MaskRuns?
    /// Count, bounds and centroid of the mask's inside pixels.
    public var maskFacts: MaskFacts?
    /// The area's centre in user pixels: the centroid of ``mask`` (see
    /// ``MaskRuns/whiteCentroid``); the image centre when the mask is empty or missing.
    public var areaCentre: UserPoint
    /// The trajectory in both spaces (``Trajectory/outsideIndices`` lists points off the grid).
    public var trajectory: Trajectory?
    /// Where the trajectory starts relative to the group's own mask.
    public var start: TrajectoryStart?
    /// How finely the trajectory samples a repeating path (orbit, wave); `nil` otherwise.
    public var sampling: PathSampling?

    /// True when the group has a non-empty mask and a trajectory through at least two
    /// different API points.
    public var moves: Bool {
        guard let maskFacts, !maskFacts.isEmpty, let first = trajectory?.api.first else { return false }
        return trajectory?.api.contains { $0 != first } ?? false
    }
}

/// The result of ``BrushSet/build(size:resolver:defaultMaximumPoints:)``: every mask and
/// trajectory that could be made, with the facts about them. Judging them (limits, severities,
/// messages) is the rule book's business.
public struct BuiltBrushSet: Sendable, Hashable {
    /// The reference size every mask was drawn at.
    public var size: PixelSize
    /// The static mask, as runs of the pixels that stay still; `nil` when the set has no
    /// static lines or none of them could be drawn.
    public var staticMask: MaskRuns?
    /// Count, bounds and centroid of the static mask's inside pixels.
    public var staticFacts: MaskFacts?
    /// One entry per static line: why it could not be parsed or drawn, `nil` when drawn.
    public var staticErrors: [BrushError?]
    /// One entry per dynamic group, in order.
    public var groups: [BuiltGroup]
    /// Every pair of areas that share pixels: each group with every earlier group, then with
    /// the static area, in group order.
    public var overlaps: [AreaOverlap]
    /// The set's areas together passed ``DescriptionLimits/maximumJobTerms`` or
    /// ``DescriptionLimits/maximumJobVertices`` (``BrushError/tooLarge(_:found:column:)``):
    /// nothing was drawn, and every other property is empty. `nil` otherwise.
    public var sizeError: BrushError? = nil
}
