/// An 8-bit RGB picture in memory: `pixels` holds `height` rows of `width` pixels, row-major
/// from the top-left, 3 bytes (R, G, B) each.
public struct RGBImage: Sendable, Hashable {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int
    /// `width * height * 3` bytes.
    public var pixels: [UInt8]

    /// A picture filled with one gray level (0 black … 255 white).
    public init(width: Int, height: Int, gray: UInt8 = 0) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [UInt8](repeating: gray, count: self.width * self.height * 3)
    }

    /// Wraps existing pixels; `nil` when the count is not `width * height * 3`.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width >= 0, height >= 0, pixels.count == width * height * 3 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Encodes the picture as an RGB PNG.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libpng refuses.
    public func pngData(options: PNGEncodeOptions = .standard) throws(ImageError) -> [UInt8] {
        try PNGEncoder.encode(pixels: pixels, width: width, height: height, channels: 3, options: options)
    }
}
