/// Facts about a mask's inside pixels (value ≥ 128): how many, where, and their centre, found in
/// one pass that skips empty stretches eight bytes at a time.
public struct MaskFacts: Sendable, Hashable {
    /// Number of inside pixels.
    public private(set) var count = 0
    /// Number of pixels of the whole grid (`width × height`).
    public let gridPixels: Int
    /// The smallest box holding every inside pixel (user pixels, top-left origin); `nil` when
    /// the mask is empty.
    public private(set) var bounds: PixelBox?
    /// The mean of the inside pixels' centres, user pixels (top-left origin); `nil` when empty.
    public private(set) var centroid: UserPoint?

    /// True when no pixel is inside.
    public var isEmpty: Bool { count == 0 }
    /// True when every pixel of the grid is inside (and the grid is not empty).
    public var coversEverything: Bool { count > 0 && count == gridPixels }

    /// The facts of `mask`.
    public init(_ mask: GrayMask) {
        gridPixels = mask.width * mask.height
        let width = mask.width
        var sumX = 0.0
        var sumY = 0.0
        var total = 0
        var box: PixelBox?
        mask.pixels.withUnsafeBytes { raw in
            for row in 0..<mask.height {
                let base = row * width
                guard let first = Self.firstInside(raw, from: base, to: base + width),
                    let last = Self.lastInside(raw, from: base, to: base + width)
                else { continue }
                var rowCount = 0
                var rowSum = 0
                for index in first...last {
                    let inside = Int(raw[index] >> 7)
                    rowCount &+= inside
                    rowSum &+= inside &* (index - base)
                }
                total += rowCount
                sumX += Double(rowSum) + 0.5 * Double(rowCount)
                sumY += (Double(row) + 0.5) * Double(rowCount)
                let rowBox = PixelBox(minX: first - base, minY: row, maxX: last - base, maxY: row)
                box = box.map { $0.union(rowBox) } ?? rowBox
            }
        }
        count = total
        bounds = box
        centroid = total > 0 ? UserPoint(x: sumX / Double(total), y: sumY / Double(total)) : nil
    }

    /// Facts found elsewhere (``MaskRuns/facts``).
    init(count: Int, gridPixels: Int, bounds: PixelBox?, centroid: UserPoint?) {
        self.count = count
        self.gridPixels = gridPixels
        self.bounds = bounds
        self.centroid = centroid
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Index of the first byte ≥ 128 in `from..<to`.
    static func firstInside(_ raw: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var i = from
        while i + 8 <= to, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits == 0 { i += 8 }
        while i < to {
            if raw[i] >= 128 { return i }
            i += 1
        }
        return nil
    }

    /// Index of the last byte ≥ 128 in `from..<to`.
    static func lastInside(_ raw: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var end = to
        while end - 8 >= from, raw.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) & highBits == 0 {
            end -= 8
        }
        while end > from {
            end -= 1
            if raw[end] >= 128 { return end }
        }
        return nil
    }
}

extension GrayMask {
    /// Count, bounds and centroid of the inside pixels, in one pass.
    public var facts: MaskFacts { MaskFacts(self) }

    /// Number of inside pixels (value ≥ 128).
    public var whiteCount: Int { MaskFacts(self).count }

    /// Fraction of the pixels that are inside, 0…1.
    public var whiteShare: Double {
        pixels.isEmpty ? 0 : Double(whiteCount) / Double(pixels.count)
    }

    /// The smallest box holding every inside pixel (user pixels, top-left origin), or `nil`
    /// when the mask is empty.
    public var whiteBounds: PixelBox? { MaskFacts(self).bounds }

    /// The centroid of the inside pixels' centres, in user-space pixels (top-left origin): the
    /// mean of `(column + 0.5, row + 0.5)` over all inside pixels. `nil` when the mask is empty.
    ///
    /// This is what KlingBrush calls the **area centre**: paths without a start (`line -> B`,
    /// `path -> B …`, `move`, `still`) begin here. For a ring or a crescent it may lie outside
    /// the area; a path from it then starts outside its area (see ``TrajectoryStart``).
    public var whiteCentroid: UserPoint? { MaskFacts(self).centroid }
}
