/// How finely a repeating path (an `orbit`'s turns, a `wave`'s cycles) is sampled by its
/// points: the fact behind "a path sampled too coarsely becomes noise".
///
/// A turn of an orbit, and a cycle of a wave, each take the same share of the path's length,
/// and points are placed by length share (``Easing/apply(_:)``), so the turns or cycles between
/// two consecutive points are `periods × (share of the length between them)`.
public struct PathSampling: Sendable, Hashable {
    /// What repeats.
    public enum Unit: String, Sendable, Hashable {
        /// Turns of an `orbit`.
        case turns
        /// Cycles of a `wave`.
        case cycles
    }

    /// Turns (orbit) or cycles (wave).
    public let unit: Unit
    /// How many turns or cycles the path makes, e.g. 38.
    public let periods: Double
    /// Number of trajectory points.
    public let pointCount: Int
    /// The largest share of the path's length between two consecutive points, 0…1:
    /// `1 / (N − 1)` with even spacing, more with an easing.
    public let largestStepShare: Double

    /// Turns or cycles between the two consecutive points farthest apart:
    /// `periods × largestStepShare`.
    public var largestStep: Double { periods * largestStepShare }

    /// The most turns or cycles this point count and spacing can trace with consecutive points
    /// at most `step` turns or cycles apart: `step / largestStepShare` (with even spacing and
    /// a quarter step, `(N − 1) / 4`).
    public func mostPeriods(stepAtMost step: Double) -> Double {
        largestStepShare > 0 ? step / largestStepShare : .infinity
    }
}

extension BrushPath {
    /// How finely `pointCount` points spaced by `ease` (or the path's own easing) sample this
    /// path's turns or cycles; `nil` for forms that do not repeat (everything but `orbit` and
    /// `wave`) and for fewer than 2 points.
    public func sampling(pointCount: Int, ease: Easing? = nil) -> PathSampling? {
        let unit: PathSampling.Unit
        let periods: Double
        switch form {
        case .orbit(_, _, let turns, _, _):
            unit = .turns
            periods = turns
        case .wave(_, _, _, let cycles):
            unit = .cycles
            periods = cycles
        default:
            return nil
        }
        guard pointCount >= 2 else { return nil }
        let easing = ease ?? self.ease ?? .linear
        var largest = 0.0
        var previous = 0.0
        for index in 1..<pointCount {
            let share = ArcLengthResampler.share(easing, index: index, count: pointCount)
            largest = max(largest, share - previous)
            previous = share
        }
        return PathSampling(unit: unit, periods: periods, pointCount: pointCount, largestStepShare: largest)
    }
}
