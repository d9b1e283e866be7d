internal import CImageShims

extension Shim {
    /// Decodes every row of a PNG or JPEG into one reused row buffer to prove its data is whole
    /// (`kp_png_verify`, `kp_jpeg_verify`); memory is proportional to the width.
    /// - Throws: ``ImageError`` from ``error(_:format:input:maximumPixels:)``.
    static func verify(_ input: ShimInput, format: ImageFormat, maximumPixels: Int)
        throws(ImageError) -> ShimOutcome
    {
        let maximum = UInt64(maximumPixels)
        let outcome = withSource(input) { source in
            run { result in
                if format == .png {
                    kp_png_verify(source, maximum, result)
                } else {
                    kp_jpeg_verify(source, maximum, result)
                }
            }
        }
        if let error = error(outcome, format: format, input: input, maximumPixels: maximumPixels) {
            throw error
        }
        return outcome
    }
}
