public import KlingCheck
public import KlingImage
public import KlingRequest

/// Draws `preview.png`: the reference image (at most ``maximumSide`` pixels on its long side)
/// with the static area shaded, each dynamic area in its own colour with its outline, each
/// trajectory as a line with dots, an arrowhead at its end and its group number; a legend
/// strip; and thumbnails of the other images beneath.
///
/// Colours sit on a dark halo so they read on bright and dark photos alike. Everything is in
/// the reference image's stored pixel grid (the grid the API uses), scaled to the picture.
/// Pass it to `BuildWriter.write(_:to:preview:)` as its ``PreviewDrawing``.
public struct PreviewRenderer: PreviewDrawing {
    /// Longest side of the main picture, in pixels: enough to judge areas and paths on a
    /// screen; a 3840×2160 JPEG is shown at 960×540, decoded at libjpeg's 1/4 scale.
    public static let maximumSide = 1024
    /// Height of the thumbnails row, in pixels.
    static let thumbnailHeight = 180
    /// Space between thumbnails, in pixels.
    static let thumbnailGap = 12
    /// Halo colour under lines, outlines and text.
    static let halo = RGBColour(red: 0, green: 0, blue: 0)
    /// Background of the legend and thumbnail strips.
    static let strip = RGBColour(red: 24, green: 24, blue: 28)

    /// Decoder limits for the pictures (absurd dimensions are refused before any allocation).
    public var limits: DecodeLimits

    /// A renderer that decodes within `limits`.
    public init(limits: DecodeLimits = .standard) {
        self.limits = limits
    }

    /// Renders the preview of a checked job.
    /// - Throws: ``PreviewError/noLocalPicture(imagePath:)`` when the reference image is a URL,
    ///   ``PreviewError/undecodable(imagePath:reason:)`` when it cannot be decoded.
    public func render(_ report: JobReport) throws(PreviewError) -> RGBImage {
        let referenceIndex = report.referenceIndex ?? 0
        let pictures = PreviewPictures.decode(report, reference: referenceIndex, limits: limits)
        guard var main = try pictures[referenceIndex]?.get() else {
            throw .noLocalPicture(imagePath: "images[\(referenceIndex)]")
        }
        if let brushes = report.brushes {
            PreviewBrushes.draw(brushes, on: &main)
        }
        let legend = PreviewStrips.legend(report, width: main.width)
        let thumbnails = PreviewStrips.thumbnails(report, width: main.width, pictures: pictures)
        return PreviewStrips.stack([main, legend] + (thumbnails.map { [$0] } ?? []))
    }

    /// A preview is looked at, not archived: zlib level 1 with the sub filter alone (libpng
    /// then tries no other filter per row) is several times faster than libpng's default and
    /// within a few percent of level 2 with sub, up and Paeth in size on photos.
    static let pngOptions = PNGEncodeOptions(compressionLevel: 1, strategy: .default, filters: [.sub])

    /// The preview as an RGB PNG.
    /// - Throws: ``PreviewError/encodingFailed(reason:)``.
    public static func png(_ canvas: RGBImage) throws(PreviewError) -> [UInt8] {
        do {
            return try PNGEncoder.encode(
                pixels: canvas.pixels, width: canvas.width, height: canvas.height, channels: 3, options: pngOptions)
        } catch {
            throw .encodingFailed(reason: error.description)
        }
    }

    /// ``render(_:)`` encoded by ``png(_:)``.
    public func previewPNG(of report: JobReport) throws(PreviewError) -> [UInt8] {
        try Self.png(try render(report))
    }
}
