import KlingCheck

/// The rules for one input image, as rule-book data (api.md, `image_list[].image` and
/// `image`; design.md, "Checks"): format, file size, dimensions, aspect ratio, whole data,
/// colour space and orientation. KlingImage reports the facts; these rules judge them. The
/// count of images per route is a field rule.
///
/// The same rules hold on both routes and both backends: [C-i2v], [C-mi-old] and [K] give one
/// set of image rules for `image`, `image_tail` and `image_list[].image`.
public enum ImageRules {
    // MARK: The API's numbers for images

    /// "≤ 10 MB" read as 10,000,000 bytes: a file above it, but within ``maximumBytes``, is a
    /// warning (the service may count either way) (api.md, `image_list[].image`; [C-i2v],
    /// [C-mi-old], [K]).
    public static let documentedMaximumBytes = 10_000_000
    /// "≤ 10 MB" read as 10 MiB = 10,485,760 bytes: a file above it is an error (api.md,
    /// `image_list[].image`; [C-i2v], [C-mi-old], [K]; design.md, "Checks").
    public static let maximumBytes = 10 * 1024 * 1024
    /// Width and height must each be at least 300 pixels (api.md, `image_list[].image`:
    /// "≥ 300×300 px"; [C-i2v], [C-mi-old], [K]).
    public static let minimumSide = 300
    /// The aspect ratio lies between 1:2.5 and 2.5:1, ends included: in integers
    /// `2w ≤ 5h` and `2h ≤ 5w` (api.md, `image_list[].image`; [C-i2v], [C-mi-old], [K]). This
    /// is the 5 of `2w ≤ 5h`.
    public static let aspectLongPart = 5
    /// The 2 of `2w ≤ 5h`; see ``aspectLongPart``.
    public static let aspectShortPart = 2

    /// True when `width`×`height` lies within 1:2.5…2.5:1, ends included.
    public static func aspectRatioAllowed(width: Int, height: Int) -> Bool {
        aspectShortPart * width <= aspectLongPart * height
            && aspectShortPart * height <= aspectLongPart * width
    }

    /// True when `width`×`height` is exactly 2.5:1 or 1:2.5, the ends of the allowed range.
    public static func aspectRatioAtLimit(width: Int, height: Int) -> Bool {
        aspectShortPart * width == aspectLongPart * height
            || aspectShortPart * height == aspectLongPart * width
    }

    /// The source tags of the image rules of api.md.
    static let documented = "[C-i2v], [C-mi-old], [K]"

    // MARK: The rules

    /// The file can be opened and read as a regular file.
    public static let unreadable = Rule(
        "images.unreadable", .error,
        fact: "The image file can be opened and read as a regular file (not a folder, FIFO, device or /proc file).",
        source: "KlingPrep", fix: "check the path and its permissions")
    /// The file has at least one byte.
    public static let empty = Rule(
        "images.empty", .error, fact: "The image file is not empty (0 bytes).", source: documented,
        fix: "check that the file was written completely")
    /// The first bytes are a PNG or JPEG signature.
    public static let notAnImage = Rule(
        "images.not_an_image", .error,
        fact: "The file's first bytes are the signature of an image format.", source: documented,
        fix: "give a PNG or JPEG file")
    /// JPG/JPEG or PNG by signature; other image formats are refused by name.
    public static let unsupportedFormat = Rule(
        "images.unsupported_format", .error,
        fact:
            "The image is JPG/JPEG or PNG, told by its signature, not its name (GIF, WebP, BMP, TIFF, HEIC, AVIF and PDF are refused by name).",
        source: documented, fix: "convert it to PNG or JPEG")
    /// The header is whole and consistent.
    public static let invalidHeader = Rule(
        "images.invalid_header", .error, fact: "The PNG or JPEG header is whole and consistent.",
        source: "KlingPrep", fix: "re-export the image from its source")
    /// Width × height is within the decoder's limit.
    public static let tooLarge = Rule(
        "images.too_large", .error,
        fact:
            "Width × height is within the decoder's limit (100 megapixels by default), checked from the header before anything is allocated.",
        source: "KlingPrep", fix: "reduce the image's dimensions, or raise the limit (--max-megapixels) if it is real")
    /// 8-bit JPEG samples.
    public static let unsupportedPrecision = Rule(
        "images.unsupported_precision", .error,
        fact: "A JPEG has 8-bit samples (12- and 16-bit JPEG are not supported).", source: "KlingPrep",
        fix: "convert it to an 8-bit JPEG or a PNG")
    /// A JPEG coding process the linked libjpeg can decode.
    public static let unsupportedProcess = Rule(
        "images.unsupported_process", .error,
        fact: "A JPEG's coding process can be decoded (not hierarchical; lossless only with libjpeg-turbo 3).",
        source: "KlingPrep", fix: "re-encode it as a baseline or progressive JPEG, or as PNG")
    /// The data is whole: a full decode succeeds, a PNG's chunk CRCs match.
    public static let corrupt = Rule(
        "images.corrupt", .error,
        fact: "The image data is whole: each PNG chunk's CRC matches, and with --decode a full decode succeeds.",
        source: "KlingPrep", fix: "re-export the image from its source")
    /// The decoder ran to the end.
    public static let decoderFailure = Rule(
        "images.decoder_failure", .error,
        fact: "The decoder runs to the end (it did not fail for memory or another reason that is not the file's).",
        source: "KlingPrep")
    /// Under `--decode`, no JPEG scan ends before all of its pixels.
    public static let dataMissing = Rule(
        "images.data_missing", .error,
        fact:
            "With --decode, no JPEG scan's data ends before all of its pixels (libjpeg's \"premature end of data segment\"): otherwise part of the picture is missing, even when the file ends with an end marker.",
        source: "KlingPrep", fix: "copy or export the image again from its source; the file was cut short")
    /// Decoder warnings.
    public static let decodeWarnings = Rule(
        "images.decode_warnings", .warning,
        fact:
            "With --decode, the decoder raises no warnings (stricter decoders may refuse what libjpeg or libpng only warn about).",
        source: "KlingPrep", fix: "strict decoders may refuse it; re-export the image from its source")
    /// At most 10 MiB.
    public static let fileTooLarge = Rule(
        "images.file_too_large", .error,
        fact: "The file has at most 10 MB; KlingPrep refuses above 10 MiB (10,485,760 bytes).",
        source: documented, fix: "re-encode the image (e.g. JPEG quality 90) or reduce its dimensions")
    /// Between 10,000,000 bytes and 10 MiB.
    public static let fileSizeBorderline = Rule(
        "images.file_size_borderline", .warning,
        fact:
            "The file has at most 10,000,000 bytes; between that and 10 MiB (10,485,760 bytes) the service may count 10 MB either way.",
        source: documented, fix: "re-encode the image to stay at or below 10,000,000 bytes")
    /// At least 300 px on each side.
    public static let tooSmall = Rule(
        "images.too_small", .error, fact: "Width and height are each at least 300 pixels.",
        source: documented, fix: "use an image at least 300x300 pixels (upscale or pick a larger source)")
    /// Aspect ratio within 1:2.5…2.5:1.
    public static let aspectRatio = Rule(
        "images.aspect_ratio", .error,
        fact: "The aspect ratio lies between 1:2.5 and 2.5:1, ends included (2w ≤ 5h and 2h ≤ 5w).",
        source: documented, fix: "crop the image so that its long side is at most 2.5 times its short side")
    /// Exactly at 1:2.5 or 2.5:1.
    public static let aspectRatioEdge = Rule(
        "images.aspect_ratio_edge", .warning,
        fact:
            "The aspect ratio is not exactly 1:2.5 or 2.5:1: the documentation allows the end points, but ComfyUI's Kling nodes refuse them.",
        source: "[P]", fix: "crop a few pixels from the long side so that it is less than 2.5 times the short side")
    /// The data reaches its end marker.
    public static let truncated = Rule(
        "images.truncated", .error,
        fact:
            "The image's data reaches its end marker (PNG: the chunk walk reaches IEND; JPEG: an end-of-image marker follows the scans); otherwise the file was cut short.",
        source: "KlingPrep", fix: "copy or export the image again; --decode shows what the decoder makes of it")
    /// Bytes after the end marker.
    public static let trailingData = Rule(
        "images.trailing_data", .info,
        fact:
            "Bytes after the image's end marker (a video a phone appended, a second picture) are noted: decoders ignore them, but they count toward the file size.",
        source: "KlingPrep", fix: "strip them (e.g. re-export the image) if the file is near the size limit")
    /// CMYK or YCCK JPEG.
    public static let cmyk = Rule(
        "images.cmyk", .warning,
        fact: "A JPEG is not CMYK or YCCK: decoders on the service side may refuse it or get its colours wrong.",
        source: "[P]",
        fix:
            "convert it to RGB: `klingprep fix IMAGE -o DIR`, or `fix: true` in the job (approximate without colour management; `magick in.jpg -colorspace sRGB out.jpg` with a profile)"
    )
    /// EXIF orientation other than 1.
    public static let exifOrientation = Rule(
        "images.exif_orientation", .warning,
        fact:
            "The EXIF orientation is 1 or absent: otherwise viewers show the picture turned or mirrored, while masks and trajectories are drawn on the stored pixel grid.",
        source: "KlingPrep",
        fix:
            "set `fix: true` in the job (the image is sent upright and the brushes follow what you see), or rotate the pixels and drop the tag (`klingprep fix`, `exiftran -ai`)"
    )
    /// EXIF orientation outside 1…8.
    public static let exifOrientationUndefined = Rule(
        "images.exif_orientation_undefined", .info,
        fact: "An EXIF orientation outside 1…8 is treated as 1 (upright).", source: "KlingPrep")

    /// Every image rule, in the order a check reports them.
    public static let rules: [Rule] = [
        unreadable, empty, notAnImage, unsupportedFormat, invalidHeader, tooLarge, unsupportedPrecision,
        unsupportedProcess, corrupt, decoderFailure, dataMissing, decodeWarnings, fileTooLarge,
        fileSizeBorderline, tooSmall, aspectRatio, aspectRatioEdge, truncated, trailingData, cmyk,
        exifOrientation, exifOrientationUndefined,
    ]
}
