internal import CImageShims

extension Shim {
    /// The embedded ICC profile of a PNG (iCCP chunk) or JPEG (APP2 ICC_PROFILE segments), read
    /// from the header only (`kp_png_read_icc`, `kp_jpeg_read_icc`); empty when there is none.
    /// - Throws: ``ImageError`` from ``error(_:format:input:maximumPixels:)``.
    static func iccProfile(_ input: ShimInput, format: ImageFormat, maximumPixels: Int) throws(ImageError)
        -> [UInt8]
    {
        let maximum = UInt64(maximumPixels)
        var buffer = kp_buffer()
        defer { kp_buffer_free(&buffer) }
        let outcome = withSource(input) { source in
            run { result in
                if format == .png {
                    kp_png_read_icc(source, maximum, &buffer, result)
                } else {
                    kp_jpeg_read_icc(source, maximum, &buffer, result)
                }
            }
        }
        if let error = error(outcome, format: format, input: input, maximumPixels: maximumPixels) {
            throw error
        }
        return copy(buffer)
    }
}
