public import KlingCheck

extension BrushSet {
    /// Parses and draws every brush at the reference `size`, and gathers the facts about them.
    ///
    /// Never throws: a description that cannot be parsed or drawn, or an unreadable or
    /// mis-sized `image` mask, is kept as that line's or group's ``BrushError``, and the rest is
    /// still drawn, so a job can report all its problems at once.
    ///
    /// Every area is parsed first, counting the set's terms and vertices as it goes; when
    /// they pass ``DescriptionLimits/maximumJobTerms`` or
    /// ``DescriptionLimits/maximumJobVertices``, reading stops there, nothing is drawn, and the
    /// result holds only ``BuiltBrushSet/sizeError``.
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
        let parsed: ParsedAreas
        switch parseAreas() {
        case .success(let areas): parsed = areas
        case .failure(let error):
            built.sizeError = error
            return built
        }
        drawStatic(parsed.staticAreas, into: &built, resolver: resolver)
        for (index, (group, area)) in zip(dynamic, parsed.groupAreas).enumerated() {
            built.groups.append(
                Self.draw(
                    group, area: area, number: index + 1, size: size, resolver: resolver,
                    defaultMaximum: defaultMaximumPoints))
        }
        built.overlaps = Self.overlaps(built)
        return built
    }

    private struct ParsedAreas {
        var staticAreas: [Result<Area, BrushError>] = []
        var groupAreas: [Result<Area, BrushError>] = []
    }

    /// Every static line and group area parsed, in order, or the job limit passed first.
    private func parseAreas() -> Result<ParsedAreas, BrushError> {
        var parsed = ParsedAreas()
        var terms = 0
        var vertices = 0
        func count(_ text: String) -> Result<Area, BrushError>? {
            let result = Result { () throws(BrushError) in try Area(parsing: text) }
            let area = try? result.get()
            terms += max(area?.terms.count ?? 1, 1)
            vertices += area?.vertexCount ?? 0
            return terms <= DescriptionLimits.maximumJobTerms && vertices <= DescriptionLimits.maximumJobVertices
                ? result : nil
        }
        func passed() -> BrushError {
            terms > DescriptionLimits.maximumJobTerms
                ? .tooLarge(.jobTerms, found: terms, column: nil)
                : .tooLarge(.jobVertices, found: vertices, column: nil)
        }
        for line in staticAreas {
            guard let result = count(line) else { return .failure(passed()) }
            parsed.staticAreas.append(result)
        }
        for group in dynamic {
            guard let result = count(group.area) else { return .failure(passed()) }
            parsed.groupAreas.append(result)
        }
        return .success(parsed)
    }

    private func drawStatic(
        _ areas: [Result<Area, BrushError>], into built: inout BuiltBrushSet, resolver: MaskResolver?
    ) {
        guard !areas.isEmpty else { return }
        var canvas = RunCanvas(size: built.size)
        var drewAny = false
        for result in areas {
            do {
                let area = try result.get()
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
        _ group: BrushGroup, area parsed: Result<Area, BrushError>, number: Int, size: PixelSize,
        resolver: MaskResolver?, defaultMaximum: Int
    ) -> BuiltGroup {
        let imageCentre = UserPoint(x: Double(size.width) / 2, y: Double(size.height) / 2)
        var built = BuiltGroup(number: number, areaCentre: imageCentre)
        do {
            let area = try parsed.get()
            built.area = area
            let mask = try area.runs(size: size, resolver: resolver)
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
    static func overlaps(_ built: BuiltBrushSet) -> [AreaOverlap] {
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
