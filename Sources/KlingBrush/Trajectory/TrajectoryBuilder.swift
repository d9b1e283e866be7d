public import KlingCheck

/// How many points a trajectory gets when the description does not say.
public enum TrajectoryDefaults {
    /// The default spacing between points: 2 % of the shorter side, in pixels.
    public static func spacing(in size: PixelSize) -> Double { Double(size.shorterSide) / 50 }

    /// `clamp(ceil(length ÷ spacing) + 1, 2, maximum)`: one point every 2 % of the shorter side
    /// along the path (`length` in pixels), at least the two ends, at most `maximum` (the
    /// caller's limit, e.g. the API's).
    public static func pointCount(length: Double, size: PixelSize, maximum: Int) -> Int {
        let upper = max(maximum, 2)
        guard length.isFinite, length > 0 else { return 2 }
        let pieces = (length / spacing(in: size)).rounded(.up)
        guard pieces < Double(upper) else { return upper }
        return min(max(Int(pieces) + 1, 2), upper)
    }
}

extension BrushPath {
    /// The trajectory of this path on a grid of `size`: the form's curve, resampled by arc
    /// length to N points (ends kept exactly), spaced by the easing, then converted to API
    /// points with ``Coordinates/api(from:in:)``.
    ///
    /// - Parameters:
    ///   - areaCentre: where paths without a written start begin, in user pixels (see
    ///     ``GrayMask/whiteCentroid``); `nil` means the image's centre.
    ///   - points: overrides the description's `points N`. Without either, N comes from
    ///     ``TrajectoryDefaults/pointCount(length:size:maximum:)``. Any count of 2 or more is
    ///     drawn (judging it is the caller's business); counts below 2 cannot keep both ends.
    ///   - ease: overrides the description's `ease`.
    ///   - defaultMaximum: the most points a trajectory gets when no count is given.
    /// - Throws: ``BrushError/pointCount(requested:)`` when fewer than 2 points are asked for;
    ///   ``BrushError/tooLarge(_:found:column:)`` when the form would expand to more than
    ///   ``DescriptionLimits/maximumPathVertices`` vertices (a parsed path never does).
    public func trajectory(
        size: PixelSize, areaCentre: UserPoint? = nil, points: Int? = nil, ease: Easing? = nil,
        defaultMaximum: Int
    ) throws(BrushError) -> Trajectory {
        precondition(size.isDrawable, "cannot place a trajectory on a \(size) grid")
        let vertices = form.vertexBound
        guard vertices <= DescriptionLimits.maximumPathVertices else {
            throw .tooLarge(.pathVertices, found: vertices, column: nil)
        }
        let start = areaCentre ?? UserPoint(x: Double(size.width) / 2, y: Double(size.height) / 2)
        let polyline = form.polyline(size: size, start: start)
        let count =
            points ?? self.points
            ?? TrajectoryDefaults.pointCount(
                length: ArcLengthResampler.length(polyline), size: size, maximum: defaultMaximum)
        guard count >= 2 else { throw .pointCount(requested: count) }
        let user = ArcLengthResampler.resample(polyline, count: count, easing: ease ?? self.ease ?? .linear)
        return Trajectory(user: user, size: size)
    }
}
