public import KlingCheck

/// A mask held as runs: for every row, the columns of its inside pixels as sorted, disjoint,
/// half-open ranges — what the rasteriser produces, without a byte per pixel.
///
/// Rows are counted from the **top** and columns from the **left** (user space), in pixels of
/// ``size``. Each row's runs are non-empty, lie within `0..<size.width`, are sorted and leave at
/// least one pixel between neighbours (touching runs are merged), so two masks with the same
/// inside pixels are equal. A drawn mask of 3840×2160 pixels with a few shapes takes a few
/// kilobytes instead of 8.3 MB; ``grayMask()`` makes the bytes when a caller needs them.
public struct MaskRuns: Sendable, Hashable {
    /// The grid, in pixels.
    public let size: PixelSize
    /// One entry per row, top row first: that row's inside columns.
    public private(set) var rows: [[Range<Int>]]

    /// An empty mask of `size`.
    public init(size: PixelSize) {
        precondition(size.width >= 0 && size.height >= 0, "negative mask size \(size)")
        self.size = size
        self.rows = [[Range<Int>]](repeating: [], count: size.height)
    }

    /// Rows already in canonical form (sorted, disjoint, non-touching, within the width).
    init(size: PixelSize, canonicalRows rows: [[Range<Int>]]) {
        precondition(rows.count == size.height, "\(rows.count) rows for a mask of \(size)")
        self.size = size
        self.rows = rows
    }

    /// The inside pixels (value ≥ 128) of `mask`, read row by row.
    public init(_ mask: GrayMask) {
        var rows: [[Range<Int>]] = []
        rows.reserveCapacity(mask.height)
        mask.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<mask.height {
                rows.append(
                    Self.runs(of: UnsafeBufferPointer(rebasing: pixels[(row * mask.width)..<((row + 1) * mask.width)])))
            }
        }
        self.init(size: mask.size, canonicalRows: rows)
    }

    /// The runs of bytes ≥ 128 in one row.
    static func runs(of row: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var column = 0
        while column < row.count {
            guard row[column] >= 128 else {
                column += 1
                continue
            }
            let start = column
            while column < row.count, row[column] >= 128 { column += 1 }
            runs.append(start..<column)
        }
        return runs
    }

    /// Number of columns, in pixels.
    public var width: Int { size.width }
    /// Number of rows, in pixels.
    public var height: Int { size.height }

    /// True when the pixel at column `x`, row `y` (top-left origin) is inside; false for
    /// coordinates off the grid. A binary search over the row's runs.
    public func isInside(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        let runs = rows[y]
        var low = 0
        var high = runs.count
        // The first run ending after x.
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].upperBound <= x { low = middle + 1 } else { high = middle }
        }
        return low < runs.count && runs[low].lowerBound <= x
    }

    /// The mask as bytes: 255 inside, 0 outside, `width × height` bytes row-major from the
    /// top-left. Allocates the whole grid; for files of other tools and tests.
    public func grayMask() -> GrayMask {
        var pixels = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for (row, runs) in rows.enumerated() {
                let base = row * width
                for run in runs {
                    UnsafeMutableBufferPointer(rebasing: buffer[(base + run.lowerBound)..<(base + run.upperBound)])
                        .update(repeating: 255)
                }
            }
        }
        return GrayMask(width: width, height: height, pixels: pixels)
    }

    /// Adds the inside pixels of `other` (same size) to this mask.
    public mutating func formUnion(_ other: MaskRuns) {
        precondition(other.size == size, "union of \(other.size) with \(size)")
        for row in 0..<height where !other.rows[row].isEmpty {
            for run in other.rows[row] { RowRuns.insert(run, into: &rows[row]) }
        }
    }
}
