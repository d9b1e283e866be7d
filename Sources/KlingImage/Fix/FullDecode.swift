public import KlingCheck

/// A whole picture decoded for re-encoding: RGB8 on the stored grid, alpha composited.
public struct DecodedPicture: Sendable {
    /// The header's facts.
    public var info: ImageInfo
    /// The stored grid's pixels (EXIF orientation not applied), alpha composited over the
    /// background asked for.
    public var image: RGBImage
    /// The file has an alpha channel or a PNG tRNS chunk.
    public var hasAlphaChannel: Bool
    /// How many pixels were not fully opaque before compositing (0 for a JPEG).
    public var transparentPixels: Int
    /// The embedded ICC profile; `nil` when there is none.
    public var profile: ICCProfile?
}

extension ImageDecoder {
    /// Decodes the image at `path` whole, at its stored size, to RGB8 (16-bit PNG samples cut to
    /// 8 bits, gray and palette expanded, CMYK/YCCK converted without colour management),
    /// transparent pixels composited over `background`; reads its ICC profile too.
    /// - Throws: ``ImageError`` as ``verify(path:limits:)`` does, refusing sizes over `limits`
    ///   from the header before anything is allocated.
    public static func decodePicture(
        path: String, background: RGBColour = .white, limits: DecodeLimits = .standard
    ) throws(ImageError) -> DecodedPicture {
        let info = try ImageProbe.probe(path: path)
        return try decodePicture(.file(path), info: info, background: background, limits: limits)
    }

    /// Decodes bytes in memory; see ``decodePicture(path:background:limits:)``.
    public static func decodePicture(
        bytes: [UInt8], background: RGBColour = .white, limits: DecodeLimits = .standard
    ) throws(ImageError) -> DecodedPicture {
        let info = try ImageProbe.probe(bytes: bytes)
        return try decodePicture(.bytes(bytes), info: info, background: background, limits: limits)
    }

    /// The embedded ICC profile of the image at `path` (PNG iCCP, JPEG APP2 ICC_PROFILE), read
    /// from its header; `nil` when there is none.
    /// - Throws: ``ImageError`` as ``verify(path:limits:)`` does.
    public static func profile(path: String, limits: DecodeLimits = .standard) throws(ImageError) -> ICCProfile? {
        try profile(.file(path), info: try ImageProbe.probe(path: path), limits: limits)
    }

    /// The embedded ICC profile of an image in memory; see ``profile(path:limits:)``.
    public static func profile(bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageError) -> ICCProfile? {
        try profile(.bytes(bytes), info: try ImageProbe.probe(bytes: bytes), limits: limits)
    }

    static func profile(_ input: ShimInput, info: ImageInfo, limits: DecodeLimits) throws(ImageError) -> ICCProfile? {
        try checkDecodable(info, limits: limits)
        let bytes = try Shim.iccProfile(input, format: info.format, maximumPixels: limits.maximumPixels)
        return bytes.isEmpty ? nil : ICCProfile(bytes: bytes)
    }

    static func decodePicture(_ input: ShimInput, info: ImageInfo, background: RGBColour, limits: DecodeLimits)
        throws(ImageError) -> DecodedPicture
    {
        try checkDecodable(info, limits: limits)
        let rgba = try Shim.decodeRGBA(input, format: info.format, denominator: 1, maximumPixels: limits.maximumPixels)
        let profileBytes = try Shim.iccProfile(input, format: info.format, maximumPixels: limits.maximumPixels)
        let (image, transparent) = composite(rgba, over: background)
        return DecodedPicture(
            info: info, image: image, hasAlphaChannel: rgba.hasAlpha, transparentPixels: transparent,
            profile: profileBytes.isEmpty ? nil : ICCProfile(bytes: profileBytes))
    }

    /// RGBA8 to RGB8 over `background` (straight alpha: `c·a + b·(1 − a)`, rounded); also the
    /// count of pixels that were not opaque.
    static func composite(_ source: RGBAPixels, over background: RGBColour) -> (RGBImage, Int) {
        let count = source.width * source.height
        var output = [UInt8](repeating: 0, count: count * 3)
        var transparent = 0
        let matte = [Int(background.red), Int(background.green), Int(background.blue)]
        source.pixels.withUnsafeBufferPointer { pixels in
            output.withUnsafeMutableBufferPointer { rgb in
                for index in 0..<count {
                    let alpha = Int(pixels[index * 4 + 3])
                    if alpha == 255 {
                        rgb[index * 3] = pixels[index * 4]
                        rgb[index * 3 + 1] = pixels[index * 4 + 1]
                        rgb[index * 3 + 2] = pixels[index * 4 + 2]
                        continue
                    }
                    transparent += 1
                    for channel in 0..<3 {
                        let mixed = Int(pixels[index * 4 + channel]) * alpha + matte[channel] * (255 - alpha)
                        rgb[index * 3 + channel] = UInt8((mixed + 127) / 255)
                    }
                }
            }
        }
        return (RGBImage(width: source.width, height: source.height, pixels: output), transparent)
    }
}
