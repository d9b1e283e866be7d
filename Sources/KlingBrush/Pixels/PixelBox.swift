/// An axis-aligned box of whole pixels, inclusive on all sides, in user space (columns from the
/// left, rows from the top).
public struct PixelBox: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Leftmost column, in pixels from the left edge.
    public var minX: Int
    /// Topmost row, in pixels from the top edge.
    public var minY: Int
    /// Rightmost column (inclusive).
    public var maxX: Int
    /// Bottom row (inclusive).
    public var maxY: Int

    /// A box from (`minX`, `minY`) to (`maxX`, `maxY`), both corners inclusive.
    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// Width in pixels.
    public var width: Int { maxX - minX + 1 }
    /// Height in pixels.
    public var height: Int { maxY - minY + 1 }

    /// The overlap of two boxes, or `nil` when they do not overlap.
    public func intersection(_ other: PixelBox) -> PixelBox? {
        let box = PixelBox(
            minX: max(minX, other.minX), minY: max(minY, other.minY),
            maxX: min(maxX, other.maxX), maxY: min(maxY, other.maxY))
        return box.minX <= box.maxX && box.minY <= box.maxY ? box : nil
    }

    /// The smallest box holding both.
    public func union(_ other: PixelBox) -> PixelBox {
        PixelBox(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// `x 10…20, y 5…8` (user pixels, top-left origin).
    public var description: String { "x \(minX)…\(maxX), y \(minY)…\(maxY)" }
}
