import Foundation
public import KlingCheck
public import KlingImage

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
        if width > 0, height > 0 {
            let shape = aspectText(width: width, height: height)
            if !aspectRatioAllowed(width: width, height: height) {
                findings.append(
                    aspectRatio.finding(
                        "the aspect ratio is \(shape) (\(width)x\(height)); the API allows 1:2.5 to 2.5:1",
                        at: path, in: context))
            } else if aspectRatioAtLimit(width: width, height: height) {
                findings.append(
                    aspectRatioEdge.finding(
                        "the aspect ratio is exactly \(shape) (\(width)x\(height)), the end of the documented range 1:2.5 to 2.5:1; ComfyUI's Kling nodes refuse it",
                        at: path, in: context))
            }
        }
        findings += endFindings(info, at: path, in: context)
        if let frame = info.jpeg, frame.colorSpace == .cmyk || frame.colorSpace == .ycck {
            findings.append(
                cmyk.finding(
                    "the JPEG is \(frame.colorSpace.rawValue) (\(frame.components) components), not RGB; decoders on the service side may refuse it or get its colours wrong",
                    at: path, in: context))
        }
        findings += orientationFindings(info, at: path, in: context)
        return findings.compactMap { $0 }
    }

    /// The file-size rule: above 10,000,000 bytes a warning, above 10 MiB an error.
    public static func sizeFindings(byteCount: Int, at path: String?, in context: RuleContext) -> [Finding] {
        let limit = Digits.grouped(maximumBytes)
        let documented = Digits.grouped(documentedMaximumBytes)
        let seen = Digits.grouped(byteCount)
        if byteCount > maximumBytes {
            return [
                fileTooLarge.finding(
                    "the file has \(seen) bytes, over the limit of 10 MiB (\(limit) bytes) KlingPrep applies to the API's 10 MB",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        if byteCount > documentedMaximumBytes {
            return [
                fileSizeBorderline.finding(
                    "the file has \(seen) bytes: above 10 MB read as \(documented) bytes, within 10 MiB (\(limit) bytes); the service may count either",
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
        case .decoderFailure, .invalidPixelBuffer, .encodeFailed, .invalidMaskRun: rule = decoderFailure
        }
        return rule.finding(error.description, at: path, in: context)
    }

    /// The findings of a full decode: data missing from a JPEG scan (error), other decoder
    /// warnings (warning).
    public static func findings(_ report: DecodeReport, at path: String?, in context: RuleContext) -> [Finding] {
        var findings: [Finding?] = []
        if report.missingDataWarnings > 0 {
            let times = report.missingDataWarnings == 1 ? "once" : "\(Digits.grouped(report.missingDataWarnings)) times"
            findings.append(
                dataMissing.finding(
                    "the image decodes, but part of the picture is missing: a scan's data ends before all of its pixels (libjpeg warned \(times): \"Corrupt JPEG data: premature end of data segment\"), so the decoder filled the rest with grey",
                    at: path, in: context))
        }
        let others = report.warningCount - report.missingDataWarnings
        if others > 0 {
            let shown = report.warnings.joined(separator: "; ")
            let more =
                report.warningCount > report.warnings.count
                ? " (and \(report.warningCount - report.warnings.count) more)" : ""
            findings.append(
                decodeWarnings.finding(
                    "the image decodes, but the library warned \(report.warningCount) time(s): \(shown)\(more)",
                    at: path, in: context))
        }
        return findings.compactMap { $0 }
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

    /// A file cut short (error) or with bytes after its end marker (info).
    static func endFindings(_ info: ImageInfo, at path: String?, in context: RuleContext) -> [Finding?] {
        let marker = info.format == .png ? "IEND chunk" : "end-of-image marker (FF D9)"
        if info.endMarkerFound == false {
            return [
                truncated.finding(
                    "the file's data stops before its \(marker): it was cut short (\(Digits.grouped(info.byteCount)) bytes)",
                    at: path, in: context)
            ]
        }
        if let trailing = info.trailingByteCount, trailing > 0 {
            let bytes = trailing == 1 ? "1 byte" : "\(Digits.grouped(trailing)) bytes"
            return [
                trailingData.finding(
                    "the file has \(bytes) after its \(marker) (of \(Digits.grouped(info.byteCount)) in all), e.g. a video a phone appended; decoders ignore them, the size limit counts them",
                    at: path, in: context)
            ]
        }
        return []
    }

    /// EXIF orientation other than 1 changes what people see but not the pixel grid the API uses.
    static func orientationFindings(_ info: ImageInfo, at path: String?, in context: RuleContext) -> [Finding?] {
        guard let value = info.exifOrientation, value != 1 else { return [] }
        guard let view = orientationWords(value) else {
            return [
                exifOrientationUndefined.finding(
                    "the EXIF orientation is \(value), outside 1…8; it is treated as 1 (upright)", at: path,
                    in: context)
            ]
        }
        let shown = info.displayedSize
        if path == "tail" {
            // The end frame carries no brush, and `fix:` does not apply to it.
            return [
                exifOrientation.finding(
                    "the EXIF orientation is \(value): viewers show the end frame \(view) (\(shown.width)x\(shown.height)), but it is sent as stored (\(info.width)x\(info.height)), and a service that ignores the tag uses it so",
                    at: path,
                    fix:
                        "`fix:` does not apply to the tail: make an upright copy with `klingprep fix` and use it as the tail",
                    in: context)
            ]
        }
        return [
            exifOrientation.finding(
                "the EXIF orientation is \(value): viewers show the picture \(view) (\(shown.width)x\(shown.height)), but masks and trajectories are drawn on the stored pixel grid of \(info.width)x\(info.height)",
                at: path, in: context)
        ]
    }

    /// How viewers change the stored picture for EXIF orientation 2…8 (EXIF 2.32, tag 0x0112).
    static func orientationWords(_ value: Int) -> String? {
        switch value {
        case 2: "mirrored left-right"
        case 3: "turned 180°"
        case 4: "mirrored top-bottom"
        case 5: "mirrored across its top-left to bottom-right diagonal"
        case 6: "turned 90° clockwise"
        case 7: "mirrored across its top-right to bottom-left diagonal"
        case 8: "turned 90° counter-clockwise"
        default: nil
        }
    }

    /// `3.33:1` or `1:3.33`, with as many decimals as it takes (up to 6) never to show a ratio
    /// that is not exactly 2.5 as the limit `2.50` (751x300 reads `2.503:1`).
    static func aspectText(width: Int, height: Int) -> String {
        let long = max(width, height)
        let short = min(width, height)
        let ratio = Double(long) / Double(short)
        let atLimit = aspectShortPart * long == aspectLongPart * short
        let limit = Double(aspectLongPart) / Double(aspectShortPart)
        var digits = 2
        var text = String(format: "%.\(digits)f", ratio)
        while !atLimit, digits < 6, Double(text) == limit {
            digits += 1
            text = String(format: "%.\(digits)f", ratio)
        }
        return width >= height ? "\(text):1" : "1:\(text)"
    }
}
