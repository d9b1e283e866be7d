/// A mask picture's pixels as the service reads a motion-brush mask, with the facts needed to
/// tell what it holds (api.md, "Brush rules": only **white** is painted; grey, transparency
/// and colour carry no meaning for the service).
///
/// Decoded at its full stored size (no EXIF orientation: masks follow the stored pixel grid),
/// from a PNG or JPEG; absurd dimensions are refused before anything is allocated. Every plane
/// holds `width` × `height` bytes, row-major from the top-left.
public struct MaskPicture: Sendable, Hashable {
    /// Stored width in pixels.
    public var width: Int
    /// Stored height in pixels.
    public var height: Int
    /// True when the file has an alpha channel (PNG gray+alpha or RGBA, or a `tRNS` chunk);
    /// always false for JPEG.
    public var hasAlpha: Bool
    /// The gray plane as the service sees a white-painted mask: 255 where the pixel is
    /// exactly 255 in every colour channel and fully opaque (alpha 255), 0 everywhere else.
    public var white: [UInt8]
    /// Per pixel, the largest of its colour channels R, G and B (0…255), alpha not applied.
    public var colourMax: [UInt8]
    /// Per pixel, its alpha (0 transparent … 255 opaque); 255 everywhere without alpha.
    public var alpha: [UInt8]
    /// How many pixels of each kind the picture holds.
    public var counts: MaskPixelCounts
    /// True when the shape is held only in the alpha channel: every pixel that is not fully
    /// transparent has the same colour, while alpha takes more than one value (what some
    /// mask editors save: a black or white layer with the shape in its transparency).
    public var shapeOnlyInAlpha: Bool

    /// Decodes the PNG or JPEG at `path`.
    /// - Throws: ``ImageError`` as ``ImageDecoder/verify(path:limits:)`` does: unreadable,
    ///   empty, refused format, invalid header, too large (before allocating), corrupt.
    public init(path: String, limits: DecodeLimits = .standard) throws(ImageError) {
        let info = try ImageProbe.probe(path: path)
        try self.init(.file(path), info: info, limits: limits)
    }

    /// Decodes a PNG or JPEG held in memory (e.g. a base64 mask of a request body).
    /// - Throws: ``ImageError`` as ``init(path:limits:)``.
    public init(bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageError) {
        let info = try ImageProbe.probe(bytes: bytes)
        try self.init(.bytes(bytes), info: info, limits: limits)
    }

    init(_ input: ShimInput, info: ImageInfo, limits: DecodeLimits) throws(ImageError) {
        try ImageDecoder.checkDecodable(info, limits: limits)
        let rgba = try Shim.decodeRGBA(
            input, format: info.format, denominator: 1, maximumPixels: limits.maximumPixels)
        self.init(rgba)
    }

    /// Reads the planes and counts from decoded RGBA8.
    init(_ rgba: RGBAPixels) {
        let count = rgba.width * rgba.height
        precondition(rgba.pixels.count == count * 4, "RGBA buffer of \(rgba.pixels.count) bytes for \(count) pixels")
        var white = [UInt8](repeating: 0, count: count)
        var colourMax = [UInt8](repeating: 0, count: count)
        var alpha = [UInt8](repeating: 0, count: count)
        var counts = MaskPixelCounts()
        var colour: (UInt8, UInt8, UInt8)?
        var uniform = true
        var alphaLow: UInt8 = 255
        var alphaHigh: UInt8 = 0
        rgba.pixels.withUnsafeBufferPointer { pixels in
            for index in 0..<count {
                let red = pixels[4 * index]
                let green = pixels[4 * index + 1]
                let blue = pixels[4 * index + 2]
                let opacity = pixels[4 * index + 3]
                colourMax[index] = max(red, green, blue)
                alpha[index] = opacity
                alphaLow = min(alphaLow, opacity)
                alphaHigh = max(alphaHigh, opacity)
                if opacity > 0 {
                    if let first = colour {
                        if first != (red, green, blue) { uniform = false }
                    } else {
                        colour = (red, green, blue)
                    }
                }
                guard opacity == 255 else {
                    counts.translucent += 1
                    continue
                }
                if red == green && green == blue {
                    switch red {
                    case 255:
                        counts.white += 1
                        white[index] = 255
                    case 0: counts.black += 1
                    default: counts.grey += 1
                    }
                } else {
                    counts.coloured += 1
                }
            }
        }
        self.width = rgba.width
        self.height = rgba.height
        self.hasAlpha = rgba.hasAlpha
        self.white = white
        self.colourMax = colourMax
        self.alpha = alpha
        self.counts = counts
        self.shapeOnlyInAlpha = rgba.hasAlpha && uniform && alphaLow != alphaHigh
    }

    /// A 0/255 plane (`width` × `height` bytes, 255 inside) cut from the picture by `rule`.
    public func plane(_ rule: MaskCut) -> [UInt8] {
        switch rule {
        case .whiteOnly:
            return white
        case .grayAtLeast(let threshold):
            return zip(colourMax, alpha).map { level, opacity in
                // The colour composited over black, rounded: max(R, G, B) × alpha / 255.
                let gray = (Int(level) * Int(opacity) + 127) / 255
                return gray >= Int(threshold) ? 255 : 0
            }
        case .alphaAtLeast(let threshold):
            return alpha.map { $0 >= threshold ? 255 : 0 }
        }
    }
}

/// How many pixels of a ``MaskPicture`` are of each kind; every pixel is counted once, so the
/// counts add up to width × height.
public struct MaskPixelCounts: Sendable, Hashable {
    /// Opaque pixels exactly (255, 255, 255): what the service reads as painted.
    public var white = 0
    /// Opaque pixels exactly (0, 0, 0).
    public var black = 0
    /// Opaque grey pixels: R = G = B, neither 0 nor 255.
    public var grey = 0
    /// Opaque pixels whose colour channels differ.
    public var coloured = 0
    /// Pixels with partial or no alpha (alpha below 255), whatever their colour.
    public var translucent = 0

    /// All zero.
    public init() {}

    /// All pixels counted.
    public var total: Int { white + black + grey + coloured + translucent }
}

/// A rule for cutting a ``MaskPicture`` into a 0/255 plane.
public enum MaskCut: Sendable, Hashable {
    /// Inside where the pixel is exactly white and opaque: what the service reads.
    case whiteOnly
    /// Inside where the gray level — the largest colour channel composited over black,
    /// `max(R, G, B) × alpha / 255` rounded — is at least the threshold (0…255).
    case grayAtLeast(UInt8)
    /// Inside where alpha is at least the threshold (0…255).
    case alphaAtLeast(UInt8)
}
