/// Pixels that two areas both claim: a dynamic group's area and an earlier group's, or the
/// static area's (design.md, "Checks": areas should not overlap).
public struct AreaOverlap: Sendable, Hashable {
    /// What the group's area overlaps.
    public enum Other: Sendable, Hashable {
        /// An earlier dynamic group, by its 1-based number.
        case group(Int)
        /// The static area.
        case staticArea
    }

    /// The 1-based number of the (later) dynamic group.
    public let group: Int
    /// The earlier group or the static area.
    public let other: Other
    /// How many pixels both masks hold.
    public let pixelCount: Int
    /// The smallest box holding those pixels (user pixels, top-left origin).
    public let box: PixelBox

    /// The inside pixels common to two same-size masks, by intersecting their runs on the rows
    /// where their bounds meet; `nil` when they share none.
    static func between(
        _ a: MaskRuns, _ aBounds: PixelBox?, _ b: MaskRuns, _ bBounds: PixelBox?, group: Int, other: Other
    ) -> AreaOverlap? {
        guard a.size == b.size, let aBounds, let bBounds, let region = aBounds.intersection(bBounds) else {
            return nil
        }
        var count = 0
        var box: PixelBox?
        for row in region.minY...region.maxY {
            let left = a.rows[row]
            let right = b.rows[row]
            var i = 0
            var j = 0
            var first = -1
            var last = -1
            while i < left.count, j < right.count {
                let low = max(left[i].lowerBound, right[j].lowerBound)
                let high = min(left[i].upperBound, right[j].upperBound)
                if low < high {
                    count += high - low
                    if first < 0 { first = low }
                    last = high - 1
                }
                if left[i].upperBound < right[j].upperBound { i += 1 } else { j += 1 }
            }
            if first >= 0 {
                let rowBox = PixelBox(minX: first, minY: row, maxX: last, maxY: row)
                box = box.map { $0.union(rowBox) } ?? rowBox
            }
        }
        return box.map { AreaOverlap(group: group, other: other, pixelCount: count, box: $0) }
    }
}
