public import KlingCheck

extension BrushSet {
    /// Parses and draws every brush at the reference `size`, and gathers the facts about them.
    ///
    /// Never throws: a description that cannot be parsed or drawn, or an unreadable or
    /// mis-sized `image` mask, is kept as that line's or group's ``BrushError``, and the rest is
    /// still drawn, so a job can report all its problems at once.
    ///
    /// - Parameters:
    ///   - size: the reference image's pixel grid; every mask is drawn on it.
    ///   - resolver: reads `image PATH` terms.
    ///   - defaultMaximumPoints: the most points a trajectory gets when no count is asked for
    ///     (see ``TrajectoryDefaults/pointCount(length:size:maximum:)``). Asked-for counts of 2
    ///     or more are drawn as asked; below 2, two points are drawn.
    public func build(size: PixelSize, resolver: MaskResolver? = nil, defaultMaximumPoints: Int) -> BuiltBrushSet {
        precondition(size.isDrawable, "cannot draw brushes on a \(size) grid")
        var built = BuiltBrushSet(
            size: size, staticMask: nil, staticFacts: nil, staticErrors: [], groups: [], overlaps: [])
        drawStatic(into: &built, resolver: resolver)
        for (index, group) in dynamic.enumerated() {
            built.groups.append(
                Self.draw(
                    group, number: index + 1, size: size, resolver: resolver, defaultMaximum: defaultMaximumPoints))
        }
        built.overlaps = Self.overlaps(built)
        return built
    }

    private func drawStatic(into built: inout BuiltBrushSet, resolver: MaskResolver?) {
        guard !staticAreas.isEmpty else { return }
        var canvas = SpanCanvas(size: built.size)
        var drewAny = false
        for line in staticAreas {
            do {
                let area = try Area(parsing: line)
                try canvas.draw(area, resolver: resolver)
                drewAny = true
                built.staticErrors.append(nil)
            } catch {
                built.staticErrors.append(error)
            }
        }
        guard drewAny else { return }
        let mask = canvas.mask
        built.staticMask = mask
        built.staticFacts = mask.facts
    }

    private static func draw(
        _ group: BrushGroup, number: Int, size: PixelSize, resolver: MaskResolver?, defaultMaximum: Int
    ) -> BuiltGroup {
        let imageCentre = UserPoint(x: Double(size.width) / 2, y: Double(size.height) / 2)
        var built = BuiltGroup(number: number, areaCentre: imageCentre)
        do {
            let area = try Area(parsing: group.area)
            built.area = area
            let mask = try area.rasterize(size: size, resolver: resolver)
            let facts = mask.facts
            built.mask = mask
            built.maskFacts = facts
            if let centre = facts.centroid { built.areaCentre = centre }
        } catch {
            built.areaError = error
        }
        let path: BrushPath
        do {
            path = try BrushPath(parsing: group.path)
        } catch {
            built.pathError = error
            return built
        }
        built.path = path
        let count = group.pointRequest.map { max($0.count, 2) }
        do {
            let trajectory = try path.trajectory(
                size: size, areaCentre: built.areaCentre, points: count, ease: group.ease,
                defaultMaximum: defaultMaximum)
            built.trajectory = trajectory
            built.sampling = path.sampling(pointCount: trajectory.api.count, ease: group.ease)
            if let mask = built.mask, built.maskFacts?.isEmpty == false {
                built.start = trajectory.start(in: mask)
            }
        } catch {
            built.pathError = error
        }
        return built
    }

    /// Each group's area against every earlier group's, then against the static area.
    private static func overlaps(_ built: BuiltBrushSet) -> [AreaOverlap] {
        var overlaps: [AreaOverlap] = []
        let drawn = built.groups.filter { $0.mask != nil }
        for (index, group) in drawn.enumerated() {
            guard let mask = group.mask else { continue }
            for other in drawn[..<index] {
                guard let otherMask = other.mask else { continue }
                if let overlap = AreaOverlap.between(
                    mask, group.maskFacts?.bounds, otherMask, other.maskFacts?.bounds, group: group.number,
                    other: .group(other.number))
                {
                    overlaps.append(overlap)
                }
            }
            if let staticMask = built.staticMask,
                let overlap = AreaOverlap.between(
                    mask, group.maskFacts?.bounds, staticMask, built.staticFacts?.bounds, group: group.number,
                    other: .staticArea)
            {
                overlaps.append(overlap)
            }
        }
        return overlaps
    }
}
