internal import CImageShims

extension Shim {
    /// Decodes a PNG or JPEG to RGBA8 at its stored grid, a JPEG at 1/`denominator` (1, 2, 4
    /// or 8) through libjpeg's DCT scaling (`kp_png_decode_rgba`, `kp_jpeg_decode_rgba`); a
    /// non-interlaced PNG keeping only every `pngRowStep`-th row from the top when it is above
    /// 1 (every row is still read and checked; interlaced PNGs keep every row).
    ///
    /// The shim is asked for the output size first (it reads the header only, and refuses
    /// dimensions over `maximumPixels` before anything is allocated); then exactly that many
    /// bytes are allocated and filled.
    /// - Throws: ``ImageError`` from ``error(_:format:input:maximumPixels:)``.
    static func decodeRGBA(
        _ input: ShimInput, format: ImageFormat, denominator: UInt32, pngRowStep: UInt32 = 1, maximumPixels: Int
    ) throws(ImageError) -> RGBAPixels {
        let header = decode(
            input, format: format, denominator: denominator, rowStep: pngRowStep, maximumPixels: maximumPixels,
            into: nil)
        if let error = error(header, format: format, input: input, maximumPixels: maximumPixels) {
            throw error
        }
        let width = header.outputWidth
        let height = header.outputHeight
        precondition(
            width > 0 && height > 0 && width.multipliedReportingOverflow(by: height).partialValue <= maximumPixels,
            "the shim reported an output size of \(width)x\(height) within a limit of \(maximumPixels) pixels")
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let outcome = pixels.withUnsafeMutableBytes { raw in
            decode(
                input, format: format, denominator: denominator, rowStep: pngRowStep, maximumPixels: maximumPixels,
                into: raw)
        }
        if let error = error(outcome, format: format, input: input, maximumPixels: maximumPixels) {
            throw error
        }
        precondition(
            outcome.outputWidth == width && outcome.outputHeight == height,
            "the shim decoded \(outcome.outputWidth)x\(outcome.outputHeight) after announcing \(width)x\(height)")
        return RGBAPixels(width: width, height: height, pixels: pixels, hasAlpha: outcome.hasAlpha)
    }

    /// One call of the decoder: header only when `output` is `nil`.
    private static func decode(
        _ input: ShimInput, format: ImageFormat, denominator: UInt32, rowStep: UInt32, maximumPixels: Int,
        into output: UnsafeMutableRawBufferPointer?
    ) -> ShimOutcome {
        let maximum = UInt64(maximumPixels)
        return withSource(input) { source in
            run { result in
                let base = output?.baseAddress?.assumingMemoryBound(to: UInt8.self)
                let capacity = output?.count ?? 0
                if format == .png {
                    kp_png_decode_rgba(source, maximum, rowStep, base, capacity, result)
                } else {
                    kp_jpeg_decode_rgba(source, maximum, denominator, base, capacity, result)
                }
            }
        }
    }
}
