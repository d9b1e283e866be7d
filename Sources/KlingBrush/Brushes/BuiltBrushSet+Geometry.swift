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
        let sources = Self.sourceIndices(geometry)
        func move(_ mask: GrayMask) -> GrayMask {
            var pixels = [UInt8](repeating: 0, count: output.width * output.height)
            for (target, source) in sources.enumerated() where source >= 0 { pixels[target] = mask.pixels[source] }
            return GrayMask(width: output.width, height: output.height, pixels: pixels)
        }
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

    /// For each fixed pixel in row-major order, the index of the upright pixel it shows, or −1
    /// for a pad pixel.
    private static func sourceIndices(_ geometry: FixGeometry) -> [Int] {
        let output = geometry.outputSize
        let upright = geometry.uprightSize
        var indices = [Int](repeating: -1, count: output.width * output.height)
        for row in 0..<output.height {
            for column in 0..<output.width {
                let point = geometry.upright(fromFixed: PixelPoint(x: Double(column) + 0.5, y: Double(row) + 0.5))
                let x = point.x.rounded(.down)
                let y = point.y.rounded(.down)
                guard x >= 0, y >= 0, x < Double(upright.width), y < Double(upright.height) else { continue }
                indices[row * output.width + column] = Int(y) * upright.width + Int(x)
            }
        }
        return indices
    }

    private static func map(_ point: UserPoint, _ geometry: FixGeometry) -> UserPoint {
        let moved = geometry.map(PixelPoint(x: point.x, y: point.y))
        return UserPoint(x: moved.x, y: moved.y)
    }
}
