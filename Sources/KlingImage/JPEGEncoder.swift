public import KlingCheck

/// Encodes RGB8 pictures as JPEG through libjpeg-turbo (used to make test and benchmark
/// inputs; requests never re-encode a user's image).
public enum JPEGEncoder {
    /// Encodes `image` at `quality` (1…100).
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libjpeg refuses.
    public static func encode(_ image: RGBImage, quality: Int = 90, progressive: Bool = false) throws(ImageError)
        -> [UInt8]
    {
        guard image.width > 0, image.height > 0, image.width <= 65_500, image.height <= 65_500 else {
            throw .encodeFailed("a JPEG must be 1…65500 pixels on each side, not \(image.width)x\(image.height)")
        }
        guard (1...100).contains(quality) else { throw .encodeFailed("quality \(quality) is outside 1…100") }
        return try Shim.encodeJPEG(
            rgb: image.pixels, width: image.width, height: image.height, quality: quality,
            progressive: progressive)
    }
}
