public import KlingCheck

/// An 8-bit grayscale mask: 255 inside (white, the brushed area), 0 outside.
///
/// Pixels are stored row by row from the **top-left** corner (user space), `width` bytes per
/// row with no padding — the layout an 8-bit gray PNG encoder takes directly. Masks made by
/// the rasteriser hold only 0 and 255; masks handed in by a resolver may hold other values, and
/// a pixel counts as inside when its value is at least 128.
public struct GrayMask: Sendable, Hashable {
    /// Number of columns, in pixels.
    public let width: Int
    /// Number of rows, in pixels.
    public let height: Int
    /// `width × height` bytes, row-major, top row first.
    public internal(set) var pixels: [UInt8]

    /// A mask of `size` with every pixel set to `value` (0 by default).
    public init(size: PixelSize, value: UInt8 = 0) {
        precondition(size.width >= 0 && size.height >= 0, "negative mask size \(size)")
        self.width = size.width
        self.height = size.height
        self.pixels = [UInt8](repeating: value, count: size.width * size.height)
    }

    /// A mask over existing bytes; `pixels.count` must be `width × height`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative mask size \(width)×\(height)")
        precondition(pixels.count == width * height, "mask has \(pixels.count) bytes, expected \(width * height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The mask's size in pixels.
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// The byte at column `x` (from the left) and row `y` (from the top).
    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// True when the pixel at column `x`, row `y` (top-left origin) is inside (value ≥ 128);
    /// false for coordinates off the grid.
    public func isInside(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return pixels[y * width + x] >= 128
    }

    /// Adds the inside pixels of `other` (same size) to this mask: a pixel is 255 where either
    /// is inside (≥ 128) and keeps its own value elsewhere.
    public mutating func formUnion(_ other: GrayMask) {
        precondition(other.width == width && other.height == height, "union of \(other.size) with \(size)")
        pixels.withUnsafeMutableBufferPointer { target in
            other.pixels.withUnsafeBufferPointer { source in
                for index in source.indices where source[index] >= 128 { target[index] = 255 }
            }
        }
    }
}
