public import KlingCheck

/// Encodes RGB8 pictures as JPEG through libjpeg-turbo (test and benchmark inputs, and the
/// copies `klingprep fix` makes; requests never re-encode a user's image).
public enum JPEGEncoder {
    /// Encodes `image` at `quality` (1…100), 4:2:0, with `profile` as APP2 ICC_PROFILE segments;
    /// no EXIF, XMP or comment is written.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libjpeg refuses.
    public static func encode(
        _ image: RGBImage, quality: Int = 90, progressive: Bool = false, profile: ICCProfile? = nil
    ) throws(ImageError) -> [UInt8] {
        guard image.width > 0, image.height > 0, image.width <= 65_500, image.height <= 65_500 else {
            throw .encodeFailed("a JPEG must be 1…65500 pixels on each side, not \(image.width)x\(image.height)")
        }
        guard (1...100).contains(quality) else { throw .encodeFailed("quality \(quality) is outside 1…100") }
        return try Shim.encodeJPEG(
            rgb: image.pixels, width: image.width, height: image.height, quality: quality,
            progressive: progressive, iccProfile: profile?.bytes ?? [])
    }

    /// The highest quality in `qualities` whose JPEG has at most `byteBudget` bytes, found by
    /// bisection (file size grows with quality); the lowest quality's result, not fitting, when
    /// none fits.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libjpeg refuses.
    public static func encode(
        _ image: RGBImage, within byteBudget: Int, qualities: ClosedRange<Int> = 70...95, profile: ICCProfile? = nil
    ) throws(ImageError) -> JPEGSearchResult {
        var best = JPEGSearchResult(
            bytes: try encode(image, quality: qualities.upperBound, profile: profile), quality: qualities.upperBound,
            fits: false, tries: 1)
        if best.bytes.count <= byteBudget {
            best.fits = true
            return best
        }
        var low = qualities.lowerBound  // candidate, not yet tried
        var high = qualities.upperBound - 1  // highest not known to be too large
        var tries = 1
        var fitting: JPEGSearchResult?
        while low <= high {
            let middle = (low + high + 1) / 2
            let bytes = try encode(image, quality: middle, profile: profile)
            tries += 1
            if bytes.count <= byteBudget {
                fitting = JPEGSearchResult(bytes: bytes, quality: middle, fits: true, tries: tries)
                low = middle + 1
            } else {
                best = JPEGSearchResult(bytes: bytes, quality: middle, fits: false, tries: tries)
                high = middle - 1
            }
        }
        if var fitting {
            fitting.tries = tries
            return fitting
        }
        best.tries = tries
        return best
    }
}

/// The outcome of ``JPEGEncoder/encode(_:within:qualities:profile:)``.
public struct JPEGSearchResult: Sendable, Hashable {
    /// The JPEG file's bytes.
    public var bytes: [UInt8]
    /// Its quality (1…100).
    public var quality: Int
    /// True when `bytes` is within the budget.
    public var fits: Bool
    /// How many encodes the search took.
    public var tries: Int
}
