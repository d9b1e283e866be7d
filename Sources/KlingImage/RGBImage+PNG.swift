public import KlingCheck

extension RGBImage {
    /// Encodes the picture as an 8-bit RGB PNG.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libpng refuses.
    public func pngData(options: PNGEncodeOptions = .standard) throws(ImageError) -> [UInt8] {
        try PNGEncoder.encode(pixels: pixels, width: width, height: height, channels: 3, options: options)
    }
}
