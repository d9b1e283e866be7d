import KlingCheck

/// The brush rules of design.md "Checks", as functions returning findings; usable on their own
/// (e.g. by `klingprep path`) as well as through ``BrushSet/build(size:resolver:)``.
public enum BrushChecks {
    /// The finding for an error met while reading or drawing a description.
    public static func finding(for error: BrushError, path: String?) -> Finding {
        switch error {
        case .imageSize:
            return Finding(
                .error, code: "brush.mask_size", path: path, message: error.description,
                fix: "resize the mask picture to the reference image's size, or draw the area instead")
        case .imageUnavailable:
            return Finding(.error, code: "brush.image_unreadable", path: path, message: error.description)
        case .pointCount(let requested):
            return pointCount(requested, path: path)
                ?? Finding(.error, code: "brush.too_few_points", path: path, message: error.description)
        default:
            return Finding(
                .error, code: "brush.syntax", path: path, message: error.description,
                fix: "see the description language in the documentation")
        }
    }

    /// `brush.mask_empty`: a mask with no inside pixel.
    static func emptyMask(path: String, what: String) -> Finding {
        Finding(
            .error, code: "brush.mask_empty", path: path,
            message: "\(what) covers no pixel of the reference image",
            fix: "check that the shapes lie inside the image and are not all subtracted")
    }

    /// `brush.too_few_points` / `brush.too_many_points` for a requested count outside 2…77.
    public static func pointCount(_ count: Int, path: String?) -> Finding? {
        let limits = APILimits.trajectoryPoints
        if count < limits.lowerBound {
            return Finding(
                .error, code: "brush.too_few_points", path: path,
                message: "a trajectory of \(count) points was asked for; the API needs \(limits.lowerBound) to \(limits.upperBound)",
                fix: "use points \(limits.lowerBound) or more")
        }
        if count > limits.upperBound {
            return Finding(
                .error, code: "brush.too_many_points", path: path,
                message: "a trajectory of \(count) points was asked for; the API takes \(limits.lowerBound) to \(limits.upperBound)",
                fix: "use points \(limits.upperBound) or fewer, or leave the count out")
        }
        return nil
    }

    /// Errors for a finished trajectory: a point count outside 2…77, points outside the image.
    public static func trajectory(_ trajectory: Trajectory, path: String?) -> [Finding] {
        var findings: [Finding] = []
        if let finding = pointCount(trajectory.user.count, path: path) { findings.append(finding) }
        if let first = trajectory.outsideIndices.first {
            let point = trajectory.user[first]
            findings.append(
                Finding(
                    .error, code: "brush.point_outside", path: path,
                    message: "\(trajectory.outsideIndices.count) of \(trajectory.user.count) trajectory points lie outside the \(trajectory.size) image (first: point \(first + 1) at \(point) px, top-left origin); they were clamped to the edge",
                    fix: "keep the path inside the picture: check the directions, distances and radii"))
        }
        return findings
    }

    /// `brush.path_starts_outside_area`: the first point's pixel is not inside the group's mask.
    ///
    /// - Parameter bounds: the mask's ``GrayMask/whiteBounds`` if already known (quoted in the
    ///   message).
    public static func start(
        of trajectory: Trajectory, in mask: GrayMask, bounds: PixelBox? = nil, group: Int, path: String?
    ) -> Finding? {
        guard let first = trajectory.user.first, let apiFirst = trajectory.api.first else { return nil }
        let centre = Coordinates.userCentre(of: apiFirst, in: trajectory.size)
        let column = Int(centre.x.rounded(.down))
        let row = Int(centre.y.rounded(.down))
        guard !mask.isInside(x: column, y: row) else { return nil }
        let spans = (bounds ?? mask.whiteBounds).map { " (the area spans \($0))" } ?? ""
        return Finding(
            .warning, code: "brush.path_starts_outside_area", path: path,
            message: "the path of group \(group) starts at \(first) px (top-left origin), outside its own area\(spans)",
            fix: "start the path inside the area, or leave the start out to begin at the area's centre")
    }

    /// Warnings for dynamic areas overlapping each other (`brush.groups_overlap`, reported on
    /// the later group) or the static area (`brush.dynamic_overlaps_static`), with the pixel
    /// count and the bounding box of the overlap.
    public static func overlaps(staticMask: GrayMask?, groups: [BuiltGroup]) -> [Finding] {
        var findings: [Finding] = []
        let dynamic = groups.compactMap { group in group.mask.map { (group.number, $0, group.bounds) } }
        let staticBounds = staticMask?.whiteBounds
        for (index, (number, mask, bounds)) in dynamic.enumerated() {
            for (otherNumber, other, otherBounds) in dynamic[..<index] {
                if let overlap = overlap(mask, bounds, other, otherBounds) {
                    findings.append(
                        Finding(
                            .warning, code: "brush.groups_overlap", path: "brushes.dynamic[\(number - 1)].area",
                            message: "the areas of groups \(otherNumber) and \(number) overlap in \(Digits.grouped(overlap.count)) pixels (\(overlap.box), top-left origin)",
                            fix: "subtract one area from the other, e.g. add '; -…' to group \(number)"))
                }
            }
            if let staticMask, let overlap = overlap(mask, bounds, staticMask, staticBounds) {
                findings.append(
                    Finding(
                        .warning, code: "brush.dynamic_overlaps_static", path: "brushes.dynamic[\(number - 1)].area",
                        message: "the area of group \(number) overlaps the static area in \(Digits.grouped(overlap.count)) pixels (\(overlap.box), top-left origin)",
                        fix: "subtract the moving area from the static one"))
            }
        }
        return findings
    }

    struct Overlap {
        var count: Int
        var box: PixelBox
    }

    /// Inside pixels common to two same-size masks, searched only where their bounds meet.
    static func overlap(_ a: GrayMask, _ aBounds: PixelBox?, _ b: GrayMask, _ bBounds: PixelBox?) -> Overlap? {
        guard a.size == b.size, let aBounds, let bBounds, let region = aBounds.intersection(bBounds) else {
            return nil
        }
        var count = 0
        var box: PixelBox?
        a.pixels.withUnsafeBufferPointer { pa in
            b.pixels.withUnsafeBufferPointer { pb in
                for row in region.minY...region.maxY {
                    let base = row * a.width
                    var first = -1
                    var last = -1
                    for column in region.minX...region.maxX where pa[base + column] >= 128 && pb[base + column] >= 128 {
                        count += 1
                        if first < 0 { first = column }
                        last = column
                    }
                    if first >= 0 {
                        let rowBox = PixelBox(minX: first, minY: row, maxX: last, maxY: row)
                        box = box.map { $0.union(rowBox) } ?? rowBox
                    }
                }
            }
        }
        return box.map { Overlap(count: count, box: $0) }
    }
}
