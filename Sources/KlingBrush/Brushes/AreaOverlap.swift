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

    /// The inside pixels common to two same-size masks, searched only where their bounds meet;
    /// `nil` when they share none.
    static func between(
        _ a: GrayMask, _ aBounds: PixelBox?, _ b: GrayMask, _ bBounds: PixelBox?, group: Int, other: Other
    ) -> AreaOverlap? {
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
                    for column in region.minX...region.maxX
                    where pa[base + column] >= 128 && pb[base + column] >= 128 {
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
        return box.map { AreaOverlap(group: group, other: other, pixelCount: count, box: $0) }
    }
}
