/// Why an image could not be read, decoded or encoded. Each case carries its evidence.
///
/// Grouped by phase: reading the source, the signature, the header, the limits, the data.
public enum ImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` is the words of KlingCheck's
    /// ``FileError/reason`` (`no such file or directory`, `it is a FIFO (named pipe), not a
    /// regular file`).
    case unreadable(path: String, reason: String)
    /// The file or byte string has no bytes.
    case empty
    /// A real image format that the API does not accept (GIF, WebP, BMP, TIFF, HEIC, AVIF, PDF).
    case unsupportedFormat(ImageFormat)
    /// The first bytes match no image signature; `head` shows them in hex.
    case notAnImage(head: String)
    /// The header is damaged or incomplete: what was wrong and at which byte offset.
    case invalidHeader(format: ImageFormat, reason: String, offset: Int)
    /// Width × height is over the decoder's limit; refused before anything was allocated.
    case tooLarge(width: Int, height: Int, maximumPixels: Int)
    /// A JPEG whose samples are not 8-bit (12- and 16-bit JPEG are not supported).
    case unsupportedPrecision(bits: Int)
    /// A JPEG coding process the linked libjpeg cannot decode (e.g. lossless before 3.0).
    case unsupportedProcess(process: String, library: String)
    /// The compressed data is damaged or cut short; `message` is the library's own words.
    case corrupt(format: ImageFormat, message: String)
    /// The decoder failed for a reason that is not the file's fault (memory, buffers).
    case decoderFailure(String)
    /// Pixels given to the encoder do not match the stated size or channel count.
    case invalidPixelBuffer(expectedBytes: Int, actualBytes: Int)
    /// libpng refused to encode (its own words).
    case encodeFailed(String)
    /// A mask run given to ``MaskPNGEncoder`` is empty, overlaps or precedes the run before it
    /// on its row, or reaches past the row's `width` pixels (row counted from the top).
    case invalidMaskRun(row: Int, run: Range<Int>, width: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read '\(path)': \(reason)"
        case .empty:
            "the file is empty (0 bytes); expected a PNG or JPEG image"
        case .unsupportedFormat(let format):
            "the file is \(format.displayName), which the API does not accept; use PNG or JPEG"
        case .notAnImage(let head):
            "the file is not an image (first bytes \(head)); expected a PNG or JPEG image"
        case .invalidHeader(let format, let reason, let offset):
            "the \(format.displayName) header is invalid at byte \(offset): \(reason)"
        case .tooLarge(let width, let height, let maximumPixels):
            "the image claims \(width)x\(height) pixels, over the limit of \(maximumPixels) pixels; refused before decoding"
        case .unsupportedPrecision(let bits):
            "unsupported precision: the JPEG has \(bits)-bit samples; only 8-bit JPEG is supported"
        case .unsupportedProcess(let process, let library):
            "unsupported JPEG process: \(process) cannot be decoded by the linked \(library)"
        case .corrupt(let format, let message):
            "the \(format.displayName) data is corrupt: \(message)"
        case .decoderFailure(let message):
            "the decoder failed: \(message)"
        case .invalidPixelBuffer(let expected, let actual):
            "the pixel buffer holds \(actual) bytes; width x height x channels needs \(expected)"
        case .encodeFailed(let message):
            "PNG encoding failed: \(message)"
        case .invalidMaskRun(let row, let run, let width):
            "mask row \(row): run \(run.lowerBound)..<\(run.upperBound) is empty, out of order or outside 0..<\(width)"
        }
    }
}
