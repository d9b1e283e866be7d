/// Limits a decoder enforces before it allocates anything.
public struct DecodeLimits: Sendable, Hashable {
    /// Largest width × height accepted, in pixels (default 100 megapixels).
    public var maximumPixels: Int

    public init(maximumPixels: Int = 100_000_000) {
        self.maximumPixels = maximumPixels
    }

    /// 100 megapixels.
    public static let standard = DecodeLimits()
}

/// What a full decode found besides the pixels.
public struct DecodeReport: Sendable, Hashable, Codable {
    /// Width in pixels, as the decoder read it.
    public var width: Int
    /// Height in pixels, as the decoder read it.
    public var height: Int
    /// Every warning the library raised (it may be far more than ``warnings`` holds).
    public var warningCount: Int
    /// The first distinct warnings, in the library's words.
    public var warnings: [String]
    /// How many of the warnings say that a JPEG scan's compressed data ended before all of its
    /// pixels were decoded (libjpeg's `JWRN_HIT_MARKER`, "Corrupt JPEG data: premature end of
    /// data segment": a marker — the end of the image, the next scan, a restart marker — came
    /// first). libjpeg fills what is missing with flat grey, so above 0 part of the picture is
    /// missing although the file decodes; a JPEG cut short and given a new end marker looks
    /// like this. Always 0 for PNG (a PNG cut short does not decode at all).
    public var missingDataWarnings: Int
}
