import KlingCheck

/// The API's rules for one input image, as findings (api.md, "Create a task",
/// `image_list[].image`; design.md, "Checks"). The count of 2–4 images is the job's rule.
public enum ImageRules {
    /// Checks the header facts: format, file size, width and height, aspect ratio, orientation.
    public static func check(_ info: ImageInfo) -> [Finding] {
        var findings: [Finding] = []
        guard info.format.isAccepted else {
            findings.append(formatFinding(info))
            return findings
        }
        findings += sizeFindings(byteCount: info.byteCount)
        let minimum = APILimits.minimumSide
        if info.width < minimum || info.height < minimum {
            findings.append(
                Finding(
                    .error, code: "image.too_small",
                    message: "the image is \(info.width)x\(info.height) pixels; the API needs width and height of at least \(minimum) px",
                    fix: "use an image at least \(minimum)x\(minimum) pixels (upscale or pick a larger source)"))
        }
        if info.width > 0, info.height > 0,
            !APILimits.aspectRatioAllowed(width: info.width, height: info.height)
        {
            let ratio = Double(max(info.width, info.height)) / Double(min(info.width, info.height))
            let shape = info.width > info.height ? "\(format2(ratio)):1" : "1:\(format2(ratio))"
            findings.append(
                Finding(
                    .error, code: "image.aspect_ratio",
                    message: "the aspect ratio is \(shape) (\(info.width)x\(info.height)); the API allows 1:2.5 to 2.5:1",
                    fix: "crop the image so that its long side is at most 2.5 times its short side"))
        }
        if info.endMarkerFound == false {
            let marker = info.format == .png ? "an IEND chunk" : "an end-of-image marker (FF D9)"
            findings.append(
                Finding(
                    .error, code: "image.truncated",
                    message: "the file does not end with \(marker): it was cut short (\(info.byteCount) bytes)",
                    fix: "copy or export the image again; --decode shows what the decoder makes of it"))
        }
        findings += orientationFindings(info)
        return findings
    }

    /// The rule on file size: above 10,000,000 bytes a warning, above 10 MiB an error.
    public static func sizeFindings(byteCount: Int) -> [Finding] {
        if byteCount > APILimits.hardMaximumImageBytes {
            return [
                Finding(
                    .error, code: "image.file_too_large",
                    message: "the file has \(byteCount) bytes; the API allows at most 10 MB (\(APILimits.maximumImageBytes) bytes)",
                    fix: "re-encode the image (e.g. JPEG quality 90) or reduce its dimensions")
            ]
        }
        if byteCount > APILimits.maximumImageBytes {
            return [
                Finding(
                    .warning, code: "image.file_size_borderline",
                    message: "the file has \(byteCount) bytes, above 10 MB (\(APILimits.maximumImageBytes) bytes) but within 10 MiB; the service may count either",
                    fix: "re-encode the image to stay below \(APILimits.maximumImageBytes) bytes")
            ]
        }
        return []
    }

    /// The finding for a refused format.
    static func formatFinding(_ info: ImageInfo) -> Finding {
        switch info.format {
        case .empty:
            return Finding(
                .error, code: "image.empty", message: ImageError.empty.description,
                fix: "check that the file was written completely")
        case .notAnImage:
            return Finding(
                .error, code: "image.not_an_image",
                message: ImageError.notAnImage(head: info.leadingBytes).description,
                fix: "give a PNG or JPEG file")
        default:
            return Finding(
                .error, code: "image.unsupported_format",
                message: ImageError.unsupportedFormat(info.format).description,
                fix: "convert it to PNG or JPEG")
        }
    }

    /// EXIF orientation other than 1 changes what people see but not the pixel grid the API uses.
    static func orientationFindings(_ info: ImageInfo) -> [Finding] {
        guard let value = info.exifOrientation, value != 1 else { return [] }
        guard (2...8).contains(value) else {
            return [
                Finding(
                    .info, code: "image.exif_orientation_undefined",
                    message: "the EXIF orientation is \(value), outside 1…8; it is treated as 1 (upright)")
            ]
        }
        let shown = info.displayedSize
        return [
            Finding(
                .warning, code: "image.exif_orientation",
                message: "the EXIF orientation is \(value): viewers show it as \(shown), but masks and trajectories are drawn on the stored pixel grid of \(info.width)x\(info.height)",
                fix: "rotate the pixels and drop the orientation tag (e.g. `exiftran -ai` or `mogrify -auto-orient`) so both agree")
        ]
    }

    /// The finding for an error thrown while probing or decoding.
    public static func finding(for error: ImageError) -> Finding {
        let code: String
        var severity = Severity.error
        var fix: String?
        switch error {
        case .unreadable:
            code = "image.unreadable"
            fix = "check the path and its permissions"
        case .empty: code = "image.empty"
        case .unsupportedFormat:
            code = "image.unsupported_format"
            fix = "convert it to PNG or JPEG"
        case .notAnImage: code = "image.not_an_image"
        case .invalidHeader: code = "image.invalid_header"
        case .tooLarge: code = "image.too_large"
        case .unsupportedPrecision:
            code = "image.unsupported_precision"
            fix = "convert it to an 8-bit JPEG or a PNG"
        case .unsupportedProcess:
            code = "image.unsupported_process"
            fix = "re-encode it as a baseline or progressive JPEG, or as PNG"
        case .corrupt:
            code = "image.corrupt"
            fix = "re-export the image from its source"
        case .decoderFailure, .invalidPixelBuffer, .encodeFailed:
            code = "image.decoder_failure"
            severity = .error
        }
        return Finding(severity, code: code, message: error.description, fix: fix)
    }

    /// Warnings a decoder raised on data that still decoded.
    public static func warningFindings(_ report: DecodeReport) -> [Finding] {
        guard report.warningCount > 0 else { return [] }
        let shown = report.warnings.joined(separator: "; ")
        let more = report.warningCount > report.warnings.count
            ? " (and \(report.warningCount - report.warnings.count) more)" : ""
        return [
            Finding(
                .warning, code: "image.decode_warnings",
                message: "the image decodes, but the library warned \(report.warningCount) time(s): \(shown)\(more)",
                fix: "strict decoders may refuse it; re-export the image from its source")
        ]
    }

    private static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
