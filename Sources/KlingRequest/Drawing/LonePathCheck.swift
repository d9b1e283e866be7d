public import KlingBrush
public import KlingCheck

/// A path drawn on its own, outside a job (`klingprep path`), judged by the brush rules a
/// job's group is judged by (``BrushRules``), so the two can never disagree.
public enum LonePathCheck {
    /// The findings of `trajectory`, drawn from `path`: its point count (2…77), points off the
    /// image, how finely it samples a repeating path, and, when it was drawn from an `area`,
    /// whether it starts inside that area. Paths are `nil`: there is no job to point into.
    /// - Parameters:
    ///   - ease: the easing the trajectory was drawn with, overriding the description's.
    ///   - area: the area the path belongs to, as runs of its inside pixels, at the trajectory's size.
    public static func findings(
        _ trajectory: Trajectory, of path: BrushPath, ease: Easing? = nil, area: MaskRuns? = nil,
        in context: RuleContext = RuleContext(route: .image2video)
    ) -> [Finding] {
        var judged: [Finding?] = [
            BrushRules.pointCount(trajectory.api.count, at: nil, in: context),
            BrushRules.pointsOutside(trajectory, at: nil, in: context),
        ]
        if let sampling = path.sampling(pointCount: trajectory.api.count, ease: ease) {
            judged.append(BrushRules.sampling(sampling, at: nil, in: context))
        }
        if let area, let start = trajectory.start(in: area), let first = trajectory.user.first {
            judged.append(BrushRules.start(start, writtenStart: first, group: nil, at: nil, in: context))
        }
        return judged.compactMap { $0 }
    }
}
