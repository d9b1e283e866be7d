import KlingCheck

internal import CImageShims

/// Encodes RGB8 pictures as JPEG through libjpeg-turbo (used to make test and benchmark
/// inputs; requests never re-encode a user's image).
public enum JPEGEncoder {
    /// Encodes `image` at `quality` (1…100).
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libjpeg refuses.
    public static func encode(_ image: RGBImage, quality: Int = 90, progressive: Bool = false) throws(ImageError) -> [UInt8] {
        guard image.width > 0, image.height > 0, image.width <= 65_500, image.height <= 65_500 else {
            throw .encodeFailed("a JPEG must be 1…65500 pixels on each side, not \(image.width)x\(image.height)")
        }
        guard (1...100).contains(quality) else { throw .encodeFailed("quality \(quality) is outside 1…100") }
        var buffer = kp_buffer()
        let outcome = image.pixels.withUnsafeBufferPointer { pixels in
            Shim.run { result in
                kp_jpeg_encode(
                    pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(quality),
                    progressive ? 1 : 0, &buffer, result)
            }
        }
        defer { kp_buffer_free(&buffer) }
        guard outcome.status == KP_OK, let bytes = buffer.bytes else {
            throw .encodeFailed(outcome.message)
        }
        return Array(UnsafeBufferPointer(start: bytes, count: buffer.size))
    }
}
