public import KlingCheck

/// What the header of an image says, read without decoding its pixels.
///
/// Dimensions are in pixels of the stored grid (before any EXIF orientation is applied).
public struct ImageInfo: Sendable, Codable, Hashable {
    /// The format told by the signature.
    public var format: ImageFormat
    /// Stored width in pixels (0 when the format has no header we read).
    public var width: Int
    /// Stored height in pixels.
    public var height: Int
    /// Size of the whole file or byte string, in bytes (trailing bytes included).
    public var byteCount: Int
    /// PNG header facts; `nil` for other formats.
    public var png: PNGHeader?
    /// JPEG frame facts; `nil` for other formats.
    public var jpeg: JPEGFrame?
    /// The EXIF orientation tag (0x0112) as stored (JPEG APP1 `Exif`, PNG `eXIf`); `nil` when
    /// there is no readable EXIF block. Values 1–8 are defined; anything else is treated as 1.
    public var exifOrientation: Int?
    /// Whether the image's own data reaches its end marker: PNG's chunk walk arrives at the
    /// `IEND` chunk, JPEG's markers and entropy-coded data arrive at an end-of-image marker
    /// (EOI, `FF D9`). `nil` for other formats. `false` means the file was cut short.
    public var endMarkerFound: Bool?
    /// Bytes after the end marker (``endMarkerFound``): 0 for most files; more when something
    /// was appended (a phone's video, an MPO's second picture, padding). Decoders ignore them;
    /// ``byteCount`` includes them. `nil` when no end marker was found or the format has none.
    public var trailingByteCount: Int?
    /// The first bytes of the data in hex (`89 50 4e 47 …`), to show what a refused file is.
    public var leadingBytes: String

    /// The orientation to apply: the tag when it is 1…8, otherwise 1 (upright).
    public var effectiveOrientation: Int {
        guard let value = exifOrientation, (1...8).contains(value) else { return 1 }
        return value
    }

    /// Width × height as people see the image after orientation (5–8 swap the sides).
    public var displayedSize: PixelSize {
        effectiveOrientation >= 5
            ? PixelSize(width: height, height: width) : PixelSize(width: width, height: height)
    }
}

/// The facts of a PNG's IHDR chunk.
public struct PNGHeader: Sendable, Codable, Hashable {
    /// Bits per sample: 1, 2, 4, 8 or 16.
    public var bitDepth: Int
    /// libpng's colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
    public var colorType: Int
    /// True for Adam7 interlacing.
    public var interlaced: Bool

    enum CodingKeys: String, CodingKey {
        case bitDepth = "bit_depth", colorType = "color_type", interlaced
    }

    /// The colour type's name, e.g. "RGBA".
    public var colorTypeName: String {
        switch colorType {
        case 0: "gray"
        case 2: "RGB"
        case 3: "palette"
        case 4: "gray+alpha"
        case 6: "RGBA"
        default: "colour type \(colorType)"
        }
    }
}

/// The facts of a JPEG's start-of-frame (SOF) segment.
public struct JPEGFrame: Sendable, Codable, Hashable {
    /// The coding process, from the SOF marker.
    public enum Process: String, Sendable, Codable, Hashable {
        case baseline
        case extendedHuffman = "extended-huffman"
        case progressiveHuffman = "progressive-huffman"
        case losslessHuffman = "lossless-huffman"
        case extendedArithmetic = "extended-arithmetic"
        case progressiveArithmetic = "progressive-arithmetic"
        case losslessArithmetic = "lossless-arithmetic"
        case hierarchical

        /// True for the lossless processes (SOF3, SOF11).
        public var isLossless: Bool { self == .losslessHuffman || self == .losslessArithmetic }
    }

    /// The colour space, told as libjpeg does from component count, JFIF/Adobe markers and ids.
    public enum ColorSpace: String, Sendable, Codable, Hashable {
        case gray
        case yCbCr = "YCbCr"
        case rgb = "RGB"
        case cmyk = "CMYK"
        case ycck = "YCCK"
        case unknown
    }

    /// The coding process.
    public var process: Process
    /// Bits per sample (8 for nearly all photos; 12 and 16 exist).
    public var precision: Int
    /// Number of colour components.
    public var components: Int
    /// The colour space.
    public var colorSpace: ColorSpace
    /// Byte offset of the SOF marker in the file.
    public var sofOffset: Int

    enum CodingKeys: String, CodingKey {
        case process, precision, components
        case colorSpace = "color_space", sofOffset = "sof_offset"
    }
}
