import KlingCheck

/// How many points a trajectory gets when the description does not say.
public enum TrajectoryDefaults {
    /// The default spacing between points: 2 % of the shorter side, in pixels.
    public static func spacing(in size: PixelSize) -> Double { Double(size.shorterSide) / 50 }

    /// `clamp(ceil(length ÷ spacing) + 1, 2, 77)`: one point every 2 % of the shorter side
    /// along the path, at least the two ends, at most the API's limit (`APILimits`).
    public static func pointCount(length: Double, size: PixelSize) -> Int {
        let limits = APILimits.trajectoryPoints
        guard length.isFinite, length > 0 else { return limits.lowerBound }
        let pieces = (length / spacing(in: size)).rounded(.up)
        guard pieces < Double(limits.upperBound) else { return limits.upperBound }
        return min(max(Int(pieces) + 1, limits.lowerBound), limits.upperBound)
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
    ///     ``TrajectoryDefaults/pointCount(length:size:)``. Counts above 77 are drawn (the
    ///     brush checks report them); counts below 2 cannot keep both ends.
    ///   - ease: overrides the description's `ease`.
    /// - Throws: ``BrushError/pointCount(requested:)`` when fewer than 2 points are asked for.
    public func trajectory(
        size: PixelSize, areaCentre: UserPoint? = nil, points: Int? = nil, ease: Easing? = nil
    ) throws(BrushError) -> Trajectory {
        precondition(size.isDrawable, "cannot place a trajectory on a \(size) grid")
        let start = areaCentre ?? UserPoint(x: Double(size.width) / 2, y: Double(size.height) / 2)
        let polyline = form.polyline(size: size, start: start)
        let count =
            points ?? self.points
            ?? TrajectoryDefaults.pointCount(length: ArcLengthResampler.length(polyline), size: size)
        guard count >= 2 else { throw .pointCount(requested: count) }
        let user = ArcLengthResampler.resample(polyline, count: count, easing: ease ?? self.ease ?? .linear)
        return Trajectory(user: user, size: size)
    }
}
