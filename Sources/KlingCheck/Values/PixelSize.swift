/// The size of a pixel grid, in whole pixels.
///
/// Every mask and trajectory is drawn on the reference image's exact grid, so this is the one
/// size that all brush work is relative to.
public struct PixelSize: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Number of columns, in pixels.
    public var width: Int
    /// Number of rows, in pixels.
    public var height: Int

    /// A grid of `width`×`height` pixels.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The shorter of width and height, in pixels: the unit of a fractional length.
    public var shorterSide: Int { min(width, height) }

    /// `width × height`.
    public var pixelCount: Int { width * height }

    /// True when both sides are at least one pixel.
    public var isDrawable: Bool { width > 0 && height > 0 }

    /// `W×H`, e.g. `1920×1080`.
    public var description: String { "\(width)×\(height)" }
}
