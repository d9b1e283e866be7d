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
}
