public import KlingCheck

extension BuiltBrushSet {
    /// This set, drawn on the **upright** picture of `geometry` (``FixGeometry/uprightSize``),
    /// moved onto the fixed image's grid (``FixGeometry/outputSize``) so that every mask and
    /// trajectory lands on the content it was drawn on.
    ///
    /// Each mask is resampled by its pixel centres: fixed pixel (c, r) takes the value of the
    /// upright pixel under ``FixGeometry/upright(fromFixed:)`` of its centre (c + 0.5, r + 0.5),
    /// and 0 where that falls outside the upright picture (a pad band). A pad or crop moves
    /// whole pixels, so there the masks are exact; a scale samples the nearest upright pixel.
    /// Trajectory points (user pixels, top-left origin) are moved with ``FixGeometry/map(_:)``
    /// and converted to the API's bottom-left integer grid of the fixed size again. Every fact
    /// (mask counts and bounds, starts, overlaps) is recomputed on the fixed grid; parse and
    /// draw errors are kept as they were.
    ///
    /// - Precondition: ``size`` is `geometry.uprightSize`.
    public func mapped(through geometry: FixGeometry) -> BuiltBrushSet {
        precondition(size == geometry.uprightSize, "brushes drawn at \(size), not the upright \(geometry.uprightSize)")
        guard !geometry.isIdentity, sizeError == nil else { return self }
        let output = geometry.outputSize
        let sources = SourceLines(geometry)
        let move = { (mask: MaskRuns) in sources.move(mask, to: output) }
        var moved = BuiltBrushSet(
            size: output, staticMask: staticMask.map(move), staticFacts: nil, staticErrors: staticErrors, groups: [],
            overlaps: [])
        moved.staticFacts = moved.staticMask?.facts
        for group in groups {
            var copy = group
            copy.mask = group.mask.map(move)
            copy.maskFacts = copy.mask?.facts
            copy.areaCentre = Self.map(group.areaCentre, geometry)
            copy.trajectory = group.trajectory.map { trajectory in
                Trajectory(user: trajectory.user.map { Self.map($0, geometry) }, size: output)
            }
            copy.start = nil
            if let mask = copy.mask, copy.maskFacts?.isEmpty == false { copy.start = copy.trajectory?.start(in: mask) }
            moved.groups.append(copy)
        }
        moved.overlaps = BrushSet.overlaps(moved)
        return moved
    }

    private static func map(_ point: UserPoint, _ geometry: FixGeometry) -> UserPoint {
        let moved = geometry.map(PixelPoint(x: point.x, y: point.y))
        return UserPoint(x: moved.x, y: moved.y)
    }
}

/// Which upright column and row each fixed column and row shows. ``FixGeometry/upright(fromFixed:)``
/// scales and shifts x and y apart, so fixed pixel (c, r) shows upright pixel
/// (`columns[c]`, `rows[r]`), each the floor of its centre's image; both grow with c and r.
private struct SourceLines {
    /// Per fixed column, the upright column, clamped to −1…upright width (off the picture).
    var columns: [Int]
    /// Per fixed row, the upright row, clamped to −1…upright height.
    var rows: [Int]

    init(_ geometry: FixGeometry) {
        let upright = geometry.uprightSize
        func clamped(_ value: Double, _ limit: Int) -> Int {
            let floored = value.rounded(.down)
            if !(floored >= 0) { return -1 }
            return floored >= Double(limit) ? limit : Int(floored)
        }
        columns = (0..<geometry.outputSize.width).map { column in
            clamped(geometry.upright(fromFixed: PixelPoint(x: Double(column) + 0.5, y: 0.5)).x, upright.width)
        }
        rows = (0..<geometry.outputSize.height).map { row in
            clamped(geometry.upright(fromFixed: PixelPoint(x: 0.5, y: Double(row) + 0.5)).y, upright.height)
        }
    }

    /// The first fixed column whose upright column is at or after `column`.
    func firstColumn(atOrAfter column: Int) -> Int {
        var low = 0
        var high = columns.count
        while low < high {
            let middle = (low + high) / 2
            if columns[middle] < column { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `mask` (upright grid) on the fixed grid of `output`: every fixed pixel inside whose
    /// upright pixel is; pad pixels (off the upright picture) outside.
    func move(_ mask: MaskRuns, to output: PixelSize) -> MaskRuns {
        var moved: [[Range<Int>]] = []
        moved.reserveCapacity(output.height)
        var lastSource = Int.min
        var lastRuns: [Range<Int>] = []
        for source in rows {
            if source != lastSource {
                lastSource = source
                lastRuns = []
                if source >= 0, source < mask.height {
                    for run in mask.rows[source] {
                        let mapped = firstColumn(atOrAfter: run.lowerBound)..<firstColumn(atOrAfter: run.upperBound)
                        if mapped.isEmpty { continue }
                        if let previous = lastRuns.last, previous.upperBound == mapped.lowerBound {
                            lastRuns[lastRuns.count - 1] = previous.lowerBound..<mapped.upperBound
                        } else {
                            lastRuns.append(mapped)
                        }
                    }
                }
            }
            moved.append(lastRuns)
        }
        return MaskRuns(size: output, canonicalRows: moved)
    }
}
