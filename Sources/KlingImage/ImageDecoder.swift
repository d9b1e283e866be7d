/// Full decodes through libpng and libjpeg-turbo.
public enum ImageDecoder {
    /// Decodes every row of the image at `path` into a reused row buffer (memory proportional to
    /// the width) to prove the data is whole.
    /// - Returns: the decoder's facts: size, warnings, and whether a JPEG scan's data ended
    ///   before all its pixels (``DecodeReport/missingDataWarnings``).
    /// - Throws: ``ImageError``: unreadable, empty, refused format, invalid header, too large
    ///   (checked from the header before allocating), unsupported precision or process, corrupt
    ///   (including a file that ends inside its image data).
    public static func verify(path: String, limits: DecodeLimits = .standard) throws(ImageError)
        -> DecodeReport
    {
        let info = try ImageProbe.probe(path: path)
        return try verify(.file(path), info: info, limits: limits)
    }

    /// Decodes bytes in memory; same results as ``verify(path:limits:)`` for the same bytes.
    public static func verify(bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageError)
        -> DecodeReport
    {
        let info = try ImageProbe.probe(bytes: bytes)
        return try verify(.bytes(bytes), info: info, limits: limits)
    }

    static func verify(_ input: ShimInput, info: ImageInfo, limits: DecodeLimits) throws(ImageError)
        -> DecodeReport
    {
        try checkDecodable(info, limits: limits)
        let outcome = try Shim.verify(input, format: info.format, maximumPixels: limits.maximumPixels)
        return DecodeReport(
            width: outcome.width, height: outcome.height, warningCount: outcome.warningCount,
            warnings: outcome.warnings, missingDataWarnings: outcome.cutScanWarnings)
    }

    /// Refuses, from the header alone, what the decoders must not be asked to do.
    static func checkDecodable(_ info: ImageInfo, limits: DecodeLimits) throws(ImageError) {
        switch info.format {
        case .png, .jpeg:
            break
        case .empty:
            throw .empty
        case .notAnImage:
            throw .notAnImage(head: info.leadingBytes)
        default:
            throw .unsupportedFormat(info.format)
        }
        if info.width.multipliedReportingOverflow(by: info.height).partialValue > limits.maximumPixels
            || info.width > Int(UInt32.max) || info.height > Int(UInt32.max)
        {
            throw .tooLarge(width: info.width, height: info.height, maximumPixels: limits.maximumPixels)
        }
        if let frame = info.jpeg {
            if frame.precision != 8 { throw .unsupportedPrecision(bits: frame.precision) }
            if frame.process.isLossless && Shim.libjpegTurboVersion < 3_000_000 {
                throw .unsupportedProcess(
                    process: "lossless (SOF3/SOF11)", library: libjpegName)
            }
            if frame.process == .hierarchical {
                throw .unsupportedProcess(process: "hierarchical", library: libjpegName)
            }
        }
    }

    /// "libjpeg-turbo 2.1.5", or "libjpeg" when the version is unknown.
    static var libjpegName: String {
        let number = Shim.libjpegTurboVersion
        guard number > 0 else { return "libjpeg" }
        return "libjpeg-turbo \(number / 1_000_000).\(number / 1000 % 1000).\(number % 1000)"
    }
}
