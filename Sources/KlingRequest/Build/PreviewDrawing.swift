/// Draws `preview.png`, the picture of a checked job's plan, for ``BuildWriter``.
///
/// KlingRequest does not draw: the caller hands a drawer to
/// ``BuildWriter/write(_:to:preview:)`` (KlingPreview's `PreviewRenderer` is the one
/// `klingprep build` and `submit` pass).
public protocol PreviewDrawing: Sendable {
    /// The preview of `report` as PNG bytes, at most `PreviewRenderer.maximumSide` pixels on the
    /// long side for KlingPreview's drawer.
    /// - Throws: ``PreviewError`` when there is no picture to draw on or it cannot be encoded.
    func previewPNG(of report: JobReport) throws(PreviewError) -> [UInt8]
}

/// Why a preview could not be drawn.
public enum PreviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reference image (`imagePath`, e.g. `images[0]`) is a URL or missing: there is no
    /// local picture to draw on. Not a fault of the job.
    case noLocalPicture(imagePath: String)
    /// The image at `imagePath` could not be decoded; `reason` is the decoder's sentence.
    case undecodable(imagePath: String, reason: String)
    /// The finished picture could not be encoded as PNG; `reason` is the encoder's sentence.
    case encodingFailed(reason: String)

    public var description: String {
        switch self {
        case .noLocalPicture(let imagePath):
            "cannot read \(imagePath): the reference image is a URL or missing; previews need a local or inline image"
        case .undecodable(let imagePath, let reason):
            "cannot read \(imagePath): \(reason)"
        case .encodingFailed(let reason):
            "cannot write preview.png: \(reason)"
        }
    }
}
