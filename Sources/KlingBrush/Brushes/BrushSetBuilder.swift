import KlingCheck

extension BrushSet {
    /// Parses, draws and checks every brush at the reference `size`.
    ///
    /// Never throws: unreadable descriptions, unreadable or mis-sized `image` masks and every
    /// rule of design.md "Checks" (Brushes) come back as findings, so a job reports all its
    /// problems at once. Codes: `brush.syntax`, `brush.image_unreadable`, `brush.mask_size`,
    /// `brush.mask_empty`, `brush.too_many_groups`, `brush.too_few_points`,
    /// `brush.too_many_points`, `brush.point_outside` (errors); `brush.path_starts_outside_area`,
    /// `brush.groups_overlap`, `brush.dynamic_overlaps_static` (warnings).
    public func build(size: PixelSize, resolver: MaskResolver? = nil) -> BuiltBrushSet {
        precondition(size.isDrawable, "cannot draw brushes on a \(size) grid")
        var findings: [Finding] = []
        if dynamic.count > APILimits.maximumDynamicGroups {
            findings.append(
                Finding(
                    .error, code: "brush.too_many_groups", path: "brushes.dynamic",
                    message: "there are \(dynamic.count) dynamic brush groups; the API takes at most \(APILimits.maximumDynamicGroups)",
                    fix: "merge groups that move the same way, or drop some"))
        }
        let staticMask = buildStatic(size: size, resolver: resolver, findings: &findings)
        var groups: [BuiltGroup] = []
        for (index, group) in dynamic.enumerated() {
            groups.append(
                buildGroup(group, number: index + 1, size: size, resolver: resolver, findings: &findings))
        }
        findings += BrushChecks.overlaps(staticMask: staticMask, groups: groups)
        return BuiltBrushSet(size: size, staticMask: staticMask, groups: groups, findings: findings)
    }

    private func buildStatic(size: PixelSize, resolver: MaskResolver?, findings: inout [Finding]) -> GrayMask? {
        guard !staticAreas.isEmpty else { return nil }
        var canvas = SpanCanvas(size: size)
        var drewAny = false
        for (index, line) in staticAreas.enumerated() {
            let path = "brushes.static[\(index)]"
            do {
                let area = try Area(parsing: line)
                try canvas.draw(area, resolver: resolver)
                drewAny = true
            } catch {
                findings.append(BrushChecks.finding(for: error, path: path))
            }
        }
        guard drewAny else { return nil }
        let mask = canvas.mask
        if MaskSummary(mask).count == 0 {
            findings.append(BrushChecks.emptyMask(path: "brushes.static", what: "the static area"))
        }
        return mask
    }

    private func buildGroup(
        _ group: BrushGroup, number: Int, size: PixelSize, resolver: MaskResolver?,
        findings: inout [Finding]
    ) -> BuiltGroup {
        let prefix = "brushes.dynamic[\(number - 1)]"
        let imageCentre = UserPoint(x: Double(size.width) / 2, y: Double(size.height) / 2)
        var built = BuiltGroup(number: number, areaCentre: imageCentre)
        do {
            let area = try Area(parsing: group.area)
            built.area = area
            let mask = try area.rasterize(size: size, resolver: resolver)
            built.mask = mask
            let summary = MaskSummary(mask)
            built.bounds = summary.bounds
            if let centre = summary.centroid {
                built.areaCentre = centre
            } else {
                findings.append(BrushChecks.emptyMask(path: prefix + ".area", what: "the area of group \(number)"))
            }
        } catch {
            findings.append(BrushChecks.finding(for: error, path: prefix + ".area"))
        }
        let path: BrushPath
        do {
            path = try BrushPath(parsing: group.path)
        } catch {
            findings.append(BrushChecks.finding(for: error, path: prefix + ".path"))
            return built
        }
        built.path = path
        let pointsPath = group.points == nil ? prefix + ".path" : prefix + ".points"
        let requested = group.points ?? path.points
        // Counts above the limit are drawn and reported by the trajectory check below.
        if let requested, requested < APILimits.trajectoryPoints.lowerBound,
            let finding = BrushChecks.pointCount(requested, path: pointsPath)
        {
            findings.append(finding)
        }
        let count = requested.map { max($0, APILimits.trajectoryPoints.lowerBound) }
        do {
            let trajectory = try path.trajectory(
                size: size, areaCentre: built.areaCentre, points: count, ease: group.ease)
            built.trajectory = trajectory
            findings += BrushChecks.trajectory(
                trajectory, path: requested != nil && count == requested ? pointsPath : prefix + ".path")
            if let mask = built.mask, let bounds = built.bounds,
                let finding = BrushChecks.start(
                    of: trajectory, in: mask, bounds: bounds, group: number, path: prefix + ".path")
            {
                findings.append(finding)
            }
        } catch {
            findings.append(BrushChecks.finding(for: error, path: prefix + ".path"))
        }
        return built
    }
}
