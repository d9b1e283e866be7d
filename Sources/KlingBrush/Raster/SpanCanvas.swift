import KlingCheck

/// Anything shapes can be drawn into: a grid that accepts runs of whole pixels on a row.
///
/// The shape rasterisers (rect, ellipse, polygon, stroke) are written once against this
/// protocol and used both for masks (``SpanCanvas``) and for preview pictures.
protocol SpanTarget {
    var width: Int { get }
    var height: Int { get }
    /// Sets (or clears) `columns` of `row`; the range lies within 0..<width.
    mutating func fill(row: Int, columns: Range<Int>, value: UInt8)
}

/// Coverage follows the pixel-centre rule with half-open intervals: a continuous span
/// [x0, x1) on row r covers the pixels whose centres c + 0.5 satisfy x0 ≤ c + 0.5 < x1, and a
/// shape covering y in [y0, y1) touches rows r with y0 ≤ r + 0.5 < y1. Shapes sharing an edge
/// therefore never both claim a pixel.
extension SpanTarget {
    /// First pixel index whose centre is at or after `x` (continuous, pixels), clamped to
    /// 0…`limit`; safe for infinities and NaN.
    @inline(__always)
    static func firstCentre(atOrAfter x: Double, limit: Int) -> Int {
        let value = (x - 0.5).rounded(.up)
        if !(value > 0) { return 0 }
        if value >= Double(limit) { return limit }
        return Int(value)
    }

    /// Rows whose centres lie in [y0, y1).
    func rows(from y0: Double, to y1: Double) -> Range<Int> {
        let first = Self.firstCentre(atOrAfter: y0, limit: height)
        let end = Self.firstCentre(atOrAfter: y1, limit: height)
        return first..<max(first, end)
    }

    /// Sets (or clears) the pixels of `row` whose centres lie in [x0, x1).
    @inline(__always)
    mutating func span(row: Int, from x0: Double, to x1: Double, value: UInt8) {
        let first = Self.firstCentre(atOrAfter: x0, limit: width)
        let end = Self.firstCentre(atOrAfter: x1, limit: width)
        guard first < end else { return }
        fill(row: row, columns: first..<end, value: value)
    }
}

/// A mask being drawn: 8-bit bytes, 255 inside.
struct SpanCanvas: SpanTarget {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(size: PixelSize) {
        width = size.width
        height = size.height
        pixels = [UInt8](repeating: 0, count: size.width * size.height)
    }

    @inline(__always)
    mutating func fill(row: Int, columns: Range<Int>, value: UInt8) {
        let base = row * width
        pixels.withUnsafeMutableBufferPointer { buffer in
            UnsafeMutableBufferPointer(rebasing: buffer[(base + columns.lowerBound)..<(base + columns.upperBound)])
                .update(repeating: value)
        }
    }

    /// Sets (or clears) every pixel.
    mutating func fillAll(value: UInt8) {
        pixels.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }

    var mask: GrayMask { GrayMask(width: width, height: height, pixels: pixels) }
}
