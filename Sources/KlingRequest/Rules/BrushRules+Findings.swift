public import KlingBrush
public import KlingCheck

/// One function per brush rule: KlingBrush's facts in, a finding of the rule out (`nil` where
/// the fact is fine or the rule is not checked in `context`). Callers choose the path: a job's
/// key (`brushes.dynamic[1].path`) or a body's (`dynamic_masks[1].trajectories`).
extension BrushRules {
    /// `brushes.syntax`, `brushes.image_unreadable` or `brushes.mask_size` for a description
    /// that could not be parsed or drawn; `brushes.description_too_large` for one above a size
    /// limit of the language, `brushes.too_large` for a brush set above the job's limits
    /// (``DescriptionLimits``).
    ///
    /// - Parameter yamlQuotingHint: the description was read from a YAML job file: the fix
    ///   adds ``yamlQuotingHint`` (a flow list splits an unquoted description at its commas).
    public static func description(
        _ error: BrushError, at path: String?, yamlQuotingHint: Bool = false, in context: RuleContext
    ) -> Finding? {
        switch error {
        case .imageSize:
            return maskSize.finding(error.description, at: path, in: context)
        case .imageUnavailable:
            return imageUnreadable.finding(error.description, at: path, in: context)
        case .pointCount(let requested):
            return pointCount(requested, at: path, in: context)
        case .tooLarge(let limit, _, _):
            let rule = limit.isJobTotal ? tooLarge : descriptionTooLarge
            return rule.finding(error.description, at: path, fix: sizeFix(limit), in: context)
        default:
            let fix = [syntax.fix, yamlQuotingHint ? Self.yamlQuotingHint : nil].compactMap { $0 }
            return syntax.finding(error.description, at: path, fix: fix.joined(separator: " "), in: context)
        }
    }

    /// The fix for a description or a brush set above `limit`.
    static func sizeFix(_ limit: DescriptionLimit) -> String {
        switch limit {
        case .characters:
            "Shorten the description: fewer points, or fewer digits (three decimals are a pixel on a "
                + "1000-pixel side); or draw the area as a mask picture (image PATH)."
        case .areaTerms:
            "Merge shapes (a polygon can replace several rects), or draw the area as a mask picture (image PATH)."
        case .areaVertices:
            "Simplify the outline to fewer points, or draw the area as a mask picture (image PATH)."
        case .pathPoints:
            "Use fewer points: the trajectory is resampled to at most \(trajectoryPoints.upperBound) anyway."
        case .pathVertices:
            "Use fewer turns: \(trajectoryPoints.upperBound) points cannot trace more than "
                + "\(decimal(Double(trajectoryPoints.upperBound - 1) * largestPeriodStep, roundingDown: true)) anyway."
        case .jobTerms, .jobVertices:
            tooLarge.fix ?? ""
        }
    }

    /// `brushes.too_many_groups`: more than ``maximumDynamicGroups`` groups.
    public static func groupCount(_ count: Int, at path: String?, in context: RuleContext) -> Finding? {
        guard count > maximumDynamicGroups else { return nil }
        return tooManyGroups.finding(
            "there are \(counted(count, "dynamic brush group")); the API takes at most \(maximumDynamicGroups)",
            at: path, fix: "Merge groups that move the same way, or drop \(count - maximumDynamicGroups).",
            in: context)
    }

    /// `brushes.too_few_points` / `brushes.too_many_points`: a point count outside
    /// ``trajectoryPoints``.
    ///
    /// - Parameter asked: the count was asked for (`points`, `--points`) rather than counted
    ///   in a body's trajectory; only the wording differs.
    public static func pointCount(_ count: Int, at path: String?, asked: Bool = true, in context: RuleContext)
        -> Finding?
    {
        let range = trajectoryPoints
        let seen =
            asked
            ? "a trajectory of \(counted(count, "point")) was asked for"
            : "the trajectory has \(counted(count, "point"))"
        if count < range.lowerBound {
            return tooFewPoints.finding(
                "\(seen); the API needs \(range.lowerBound) to \(range.upperBound)", at: path, in: context)
        }
        if count > range.upperBound {
            return tooManyPoints.finding(
                "\(seen); the API takes \(range.lowerBound) to \(range.upperBound)", at: path, in: context)
        }
        return nil
    }

    /// `brushes.point_outside`: a drawn trajectory with points off the image (they were clamped
    /// onto its edge in the API's space).
    public static func pointsOutside(_ trajectory: Trajectory, at path: String?, in context: RuleContext)
        -> Finding?
    {
        guard let first = trajectory.outsideIndices.first else { return nil }
        let count = trajectory.outsideIndices.count
        let verb = count == 1 ? "lies" : "lie"
        return pointOutside.finding(
            "\(count) of \(counted(trajectory.user.count, "trajectory point")) \(verb) outside the \(trajectory.size) "
                + "image (first: point \(first + 1) at \(trajectory.user[first]) px, top-left origin); "
                + "\(count == 1 ? "it was" : "they were") clamped to the edge",
            at: path, in: context)
    }

    /// `brushes.mask_empty`: `what` ("the static area", "the area of group 2") covers no pixel.
    public static func emptyMask(_ facts: MaskFacts, what: String, at path: String?, in context: RuleContext)
        -> Finding?
    {
        guard facts.isEmpty else { return nil }
        return maskEmpty.finding("\(what) covers no pixel of the reference image", at: path, in: context)
    }

    /// `brushes.static_covers_all`: the static mask covers every pixel and no group moves, so
    /// the whole picture is frozen.
    public static func staticCoverage(
        _ facts: MaskFacts, anyGroupMoves: Bool, at path: String?, in context: RuleContext
    ) -> Finding? {
        guard facts.coversEverything, !anyGroupMoves else { return nil }
        return staticCoversAll.finding(
            "the static area covers the whole picture and no dynamic group moves, so nothing in the video may move",
            at: path, in: context)
    }

    /// `brushes.groups_overlap` / `brushes.dynamic_overlaps_static` for one overlap, with its
    /// pixel count and box.
    public static func overlap(_ overlap: AreaOverlap, at path: String?, in context: RuleContext) -> Finding? {
        let pixels = "\(counted(overlap.pixelCount, "pixel")) (\(overlap.box), top-left origin)"
        switch overlap.other {
        case .group(let other):
            return groupsOverlap.finding(
                "the areas of groups \(other) and \(overlap.group) overlap in \(pixels)", at: path,
                fix: "Subtract one area from the other, e.g. add '; -…' to group \(overlap.group).", in: context)
        case .staticArea:
            return dynamicOverlapsStatic.finding(
                "the area of group \(overlap.group) overlaps the static area in \(pixels)", at: path, in: context)
        }
    }

    /// `brushes.path_undersampled`: an orbit or wave whose consecutive points are more than
    /// ``largestPeriodStep`` turns or cycles apart; the message says the most its point count
    /// can trace (with even spacing `(N − 1) / 4`: 19 for 77 points).
    public static func sampling(_ sampling: PathSampling, at path: String?, in context: RuleContext) -> Finding? {
        // A hair of tolerance: 19 turns in 77 points are exactly a quarter turn apart.
        guard sampling.largestStep > largestPeriodStep * (1 + 1e-9) else { return nil }
        let unit = sampling.unit.rawValue
        let singular = String(unit.dropLast())
        let most = sampling.mostPeriods(stepAtMost: largestPeriodStep)
        let mostText = decimal(most, roundingDown: true)
        return pathUndersampled.finding(
            "the path makes \(decimal(sampling.periods)) \(sampling.periods == 1 ? singular : unit) in "
                + "\(counted(sampling.pointCount, "point")), so consecutive points are up to "
                + "\(decimal(sampling.largestStep)) \(singular) apart (more than a quarter \(singular)) and the "
                + "motion becomes jumps between a few spots; \(sampling.pointCount) points can trace at most "
                + "\(mostText) \(most == 1 ? singular : unit)",
            at: path,
            fix: "Use at most \(mostText) \(unit), or more points (up to \(trajectoryPoints.upperBound)).",
            in: context)
    }

    /// `brushes.path_starts_outside_area` for a trajectory given as API points (a raw body's
    /// `dynamic_masks[i].trajectories`): the message says the y axis may not have been flipped to
    /// the API's bottom-left origin, and whether the mirrored start would be inside.
    ///
    /// - Parameter group: the 1-based group number.
    public static func bodyStart(_ start: TrajectoryStart, group: Int, at path: String?, in context: RuleContext)
        -> Finding?
    {
        guard !start.isInside else { return nil }
        let spans = start.maskBounds.map { " (the mask spans \($0), top-left origin)" } ?? ""
        let mirrored = start.mirroredIsInside ? "; mirrored top to bottom it starts inside" : ""
        return pathStartsOutsideArea.finding(
            "the trajectory of group \(group) starts at API point \(start.point) (bottom-left origin), outside "
                + "its own mask\(spans): the y axis may not have been flipped to bottom-left\(mirrored)",
            at: path,
            fix: "API points count rows from the bottom: y = height − 1 − row from the top. Or start the "
                + "trajectory inside its mask.",
            in: context)
    }

    /// `brushes.path_starts_outside_area` for a path drawn from a description, quoted in user
    /// space where the description wrote it (`writtenStart`, pixels, top-left origin). When the
    /// start mirrored top to bottom would be inside, the message says y may have been counted
    /// from the bottom: descriptions measure it from the top, and KlingPrep flips it.
    ///
    /// - Parameter group: the 1-based group number, `nil` for a lone path (`klingprep path`).
    public static func start(
        _ start: TrajectoryStart, writtenStart: UserPoint, group: Int?, at path: String?, in context: RuleContext
    ) -> Finding? {
        guard !start.isInside else { return nil }
        let spans = start.maskBounds.map { " (the area spans \($0))" } ?? ""
        let mirrored =
            start.mirroredIsInside
            ? "; mirrored top to bottom it would start inside, as if y were counted from the bottom: "
                + "descriptions measure y down from the top, and KlingPrep flips it to the API's bottom-left"
            : ""
        let subject = group.map { "the path of group \($0)" } ?? "the path"
        return pathStartsOutsideArea.finding(
            "\(subject) starts at \(writtenStart) px (top-left origin), outside its own area\(spans)\(mirrored)",
            at: path, in: context)
    }

    /// ``start(_:writtenStart:group:at:in:)`` for a job's drawn group.
    public static func start(of group: BuiltGroup, at path: String?, in context: RuleContext) -> Finding? {
        guard let start = group.start, let first = group.trajectory?.user.first else { return nil }
        return self.start(start, writtenStart: first, group: group.number, at: path, in: context)
    }

    /// `brushes.reference_remote`: the masks are drawn on image `number` (1-based), a URL that
    /// was not fetched.
    public static func remoteReference(number: Int, in context: RuleContext) -> Finding? {
        referenceRemote.finding(
            "the masks are drawn on image \(number), a URL that was not fetched, so its pixel size is unknown.",
            at: "brushes.reference", in: context)
    }

    /// `brushes.reference_unreadable`: image `number` (1-based) could not be read.
    public static func unreadableReference(number: Int, in context: RuleContext) -> Finding? {
        referenceUnreadable.finding(
            "the masks are drawn on image \(number), which could not be read, so no mask or trajectory was made.",
            at: "brushes.reference", fix: "Fix image \(number) first (see its finding).", in: context)
    }

    /// `brushes.stored_grid`: image `number` has EXIF `orientation` other than 1; masks use its
    /// stored `size`.
    public static func storedGrid(number: Int, orientation: Int, size: PixelSize, in context: RuleContext)
        -> Finding?
    {
        guard orientation != 1 else { return nil }
        return storedGrid.finding(
            "image \(number) has EXIF orientation \(orientation); masks and trajectories use its stored pixel grid "
                + "of \(size.width)x\(size.height), not the rotated view.",
            at: "brushes.reference",
            fix:
                "Set 'fix: true' in the job (or on this image) to send it upright, with the brushes drawn on the picture as you see it.",
            in: context)
    }

    /// `1 point`, `2 points`, `12,345 pixels`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(Digits.grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// A number for a message: whole numbers without decimals (`19`), others with up to two
    /// (`0.49`); `roundingDown` never shows more than the value (`9.5` for 9.54).
    static func decimal(_ value: Double, roundingDown: Bool = false) -> String {
        guard value.isFinite else { return "any number of" }
        guard value >= 0 else { return "-" + decimal(-value, roundingDown: false) }
        // Rounding down forgives float noise: (77 − 1) / 4 computed as 18.999999… reads 19.
        let hundredths = roundingDown ? (value * 100 * (1 + 1e-9)).rounded(.down) : (value * 100).rounded()
        guard abs(hundredths) < 1e15 else { return String(describing: value) }
        let whole = Int(hundredths) / 100
        let fraction = abs(Int(hundredths) % 100)
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
