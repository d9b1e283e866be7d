import KlingBrush
import KlingImage

/// Reads `image PATH` areas for KlingBrush through the image module.
enum MaskPictures {
    /// Decodes the PNG or JPEG at `path` at its own stored size (no EXIF rotation: masks
    /// follow the stored grid) and turns it into a mask: a pixel is inside (255) when any of
    /// its R, G, B values is at least 128, outside (0) otherwise. Transparent PNG pixels are
    /// composited over white by the decoder, so only opaque dark pixels count as outside.
    ///
    /// KlingBrush compares the result with the reference size and reports a mismatch as
    /// ``BrushError/imageSize(path:found:expected:)``; read errors become
    /// ``BrushError/imageUnavailable(path:reason:)`` with the image module's sentence.
    static func read(_ path: String) throws -> GrayMask {
        let info = try ImageProbe.probe(path: path)
        let picture = try ImageDecoder.decodeScaled(
            path: path, fitting: ImageSize(width: info.width, height: info.height))
        var gray = [UInt8](repeating: 0, count: picture.width * picture.height)
        picture.pixels.withUnsafeBufferPointer { rgb in
            gray.withUnsafeMutableBufferPointer { out in
                for index in out.indices {
                    let base = index * 3
                    out[index] = max(rgb[base], rgb[base + 1], rgb[base + 2]) >= 128 ? 255 : 0
                }
            }
        }
        return GrayMask(width: picture.width, height: picture.height, pixels: gray)
    }
}
