import Foundation
import KlingCheck
import KlingImage

extension ImageRules {
    /// Every finding for one image's facts and errors: its header facts, the errors met while
    /// probing or decoding, and the decode's report.
    /// - Parameters:
    ///   - path: where the image is in the job or body (`images[0]`, `image_list[1].image`), or
    ///     `nil` for a lone file (`klingprep inspect`).
    ///   - context: the route and backend the rules are judged for.
    public static func findings(_ inspection: ImageInspection, at path: String?, in context: RuleContext)
        -> [Finding]
    {
        var findings: [Finding] = []
        if let info = inspection.info { findings += self.findings(info, at: path, in: context) }
        findings += inspection.errors.compactMap { finding(for: $0, at: path, in: context) }
        if let report = inspection.decode { findings += self.findings(report, at: path, in: context) }
        return findings
    }

    /// The findings of the header facts: format, file size, width and height, aspect ratio,
    /// end of data, colour space, orientation.
    public static func findings(_ info: ImageInfo, at path: String?, in context: RuleContext) -> [Finding] {
        guard info.format.isAccepted else {
            return [formatFinding(info, at: path, in: context)].compactMap { $0 }
        }
        var findings: [Finding?] = sizeFindings(byteCount: info.byteCount, at: path, in: context)
        let width = info.width
        let height = info.height
        if width < minimumSide || height < minimumSide {
            findings.append(
                tooSmall.finding(
                    "the image is \(width)x\(height) pixels; the API needs width and height of at least \(minimumSide) px",
                    at: path, in: context))
        }
        if width > 0, height > 0, !aspectRatioAllowed(width: width, height: height) {
            let ratio = Double(max(width, height)) / Double(min(width, height))
            let shape = width > height ? "\(format2(ratio)):1" : "1:\(format2(ratio))"
            findings.append(
                aspectRatio.finding(
                    "the aspect ratio is \(shape) (\(width)x\(height)); the API allows 1:2.5 to 2.5:1",
                    at: path, in: context))
        }
        findings += endFindings(info, at: path, in: context)
        findings += orientationFindings(info, at: path, in: context)
        return findings.compactMap { $0 }
    }

    /// The file-size rule: above 10,000,000 bytes a warning, above 10 MiB an error.
    public static func sizeFindings(byteCount: Int, at path: String?, in context: RuleContext) -> [Finding] {
        if byteCount > maximumBytes {
            return [
                fileTooLarge.finding(
                    "the file has \(byteCount) bytes; the API allows at most 10 MB (\(documentedMaximumBytes) bytes)",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        if byteCount > documentedMaximumBytes {
            return [
                fileSizeBorderline.finding(
                    "the file has \(byteCount) bytes, above 10 MB (\(documentedMaximumBytes) bytes) but within 10 MiB; the service may count either",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        return []
    }

    /// The finding for an error met while probing or decoding.
    public static func finding(for error: ImageError, at path: String?, in context: RuleContext) -> Finding? {
        let rule: Rule
        switch error {
        case .unreadable: rule = unreadable
        case .empty: rule = empty
        case .unsupportedFormat: rule = unsupportedFormat
        case .notAnImage: rule = notAnImage
        case .invalidHeader: rule = invalidHeader
        case .tooLarge: rule = tooLarge
        case .unsupportedPrecision: rule = unsupportedPrecision
        case .unsupportedProcess: rule = unsupportedProcess
        case .corrupt: rule = corrupt
        case .decoderFailure, .invalidPixelBuffer, .encodeFailed: rule = decoderFailure
        }
        return rule.finding(error.description, at: path, in: context)
    }

    /// The findings of a full decode: warnings the decoder raised on data that still decoded.
    public static func findings(_ report: DecodeReport, at path: String?, in context: RuleContext) -> [Finding] {
        guard report.warningCount > 0 else { return [] }
        let shown = report.warnings.joined(separator: "; ")
        let more =
            report.warningCount > report.warnings.count
            ? " (and \(report.warningCount - report.warnings.count) more)" : ""
        return [
            decodeWarnings.finding(
                "the image decodes, but the library warned \(report.warningCount) time(s): \(shown)\(more)",
                at: path, in: context)
        ].compactMap { $0 }
    }

    /// The finding for a format that is not accepted.
    static func formatFinding(_ info: ImageInfo, at path: String?, in context: RuleContext) -> Finding? {
        switch info.format {
        case .empty:
            empty.finding(ImageError.empty.description, at: path, in: context)
        case .notAnImage:
            notAnImage.finding(ImageError.notAnImage(head: info.leadingBytes).description, at: path, in: context)
        default:
            unsupportedFormat.finding(ImageError.unsupportedFormat(info.format).description, at: path, in: context)
        }
    }

    /// A file whose data stops before its end marker was cut short.
    static func endFindings(_ info: ImageInfo, at path: String?, in context: RuleContext) -> [Finding?] {
        guard info.endMarkerFound == false else { return [] }
        let marker = info.format == .png ? "an IEND chunk" : "an end-of-image marker (FF D9)"
        return [
            truncated.finding(
                "the file does not end with \(marker): it was cut short (\(info.byteCount) bytes)",
                at: path, in: context)
        ]
    }

    /// EXIF orientation other than 1 changes what people see but not the pixel grid the API uses.
    static func orientationFindings(_ info: ImageInfo, at path: String?, in context: RuleContext) -> [Finding?] {
        guard let value = info.exifOrientation, value != 1 else { return [] }
        guard (2...8).contains(value) else {
            return [
                exifOrientationUndefined.finding(
                    "the EXIF orientation is \(value), outside 1…8; it is treated as 1 (upright)", at: path,
                    in: context)
            ]
        }
        let shown = info.displayedSize
        return [
            exifOrientation.finding(
                "the EXIF orientation is \(value): viewers show it as \(shown), but masks and trajectories are drawn on the stored pixel grid of \(info.width)x\(info.height)",
                at: path, in: context)
        ]
    }

    /// `2.50`: two decimals.
    private static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
