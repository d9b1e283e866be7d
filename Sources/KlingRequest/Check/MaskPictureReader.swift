import Foundation
import KlingBrush
import KlingCheck
import KlingImage

/// Reads `image PATH` areas: a PNG or JPEG at its own stored size (no EXIF rotation: masks
/// follow the stored grid) whose pixels are inside (255) when any of R, G, B is at least 128.
/// Transparent pixels are composited over black, so they are outside: a white-on-black mask and
/// an opaque shape on a transparent background both work (design.md, "Description language").
/// Relative paths are resolved against `baseDirectory` (the job file's directory).
public struct MaskPictureReader: Sendable {
    /// Directory relative paths are resolved against.
    public var baseDirectory: String
    /// Decoder limits.
    public var limits: DecodeLimits

    public init(baseDirectory: String, limits: DecodeLimits = .standard) {
        self.baseDirectory = baseDirectory
        self.limits = limits
    }

    /// The mask in the picture at `path`.
    /// - Throws: ``ImageError`` when the picture cannot be read or decoded.
    public func read(_ path: String) throws -> GrayMask {
        let full = path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
        let info = try ImageProbe.probe(path: full)
        let picture = try ImageDecoder.decodeScaled(
            path: full, fitting: PixelSize(width: info.width, height: info.height), background: .black,
            limits: limits)
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
