import Foundation
import KlingCheck
import KlingImage

/// Checks the images and masks inside a raw `request.json` with the image module, after
/// ``RawBodyValidator`` has checked its fields: each base64 image against the image rules,
/// each mask for format, for one resolution shared by all masks, for the reference image's
/// aspect ratio and size, and each trajectory point for lying on the mask's pixel grid
/// (api.md, "Brush rules in more detail").
public enum RawBodyChecker {
    /// Adds the image module's findings to `report.findings`.
    public static func check(
        _ report: RawBodyReport, decode: Bool, limits: DecodeLimits = .standard,
        context: RuleContext = RuleContext(route: .image2video)
    ) -> [Finding] {
        var findings = report.findings
        var referenceInfo: ImageInfo?
        for (index, item) in report.images.enumerated() {
            guard let item, let data = item.data() else { continue }
            let inspection = ImageRules.verdict(
                bytes: [UInt8](data), label: item.path, decode: decode, limits: limits, context: context)
            if index == 0 { referenceInfo = inspection.inspection.info }
            findings += inspection.findings.map { finding in
                var copy = finding.at(item.path)
                copy.message = "image \(index + 1): " + finding.message
                return copy
            }
        }
        var masks: [(path: String, info: ImageInfo)] = []
        let maskItems = [report.staticMask] + report.dynamicMasks.map(\.mask)
        for case let item? in maskItems {
            guard let data = item.data() else { continue }
            let inspection = ImageRules.verdict(
                bytes: [UInt8](data), label: item.path, decode: decode, limits: limits, context: context)
            guard let info = inspection.inspection.info, info.format.isAccepted else {
                findings += inspection.findings.map { $0.at(item.path) }
                continue
            }
            let sizeRules = [ImageRules.tooSmall.code, ImageRules.aspectRatio.code]
            findings += inspection.findings.filter { $0.severity == .error && !sizeRules.contains($0.code) }
                .map { $0.at(item.path) }
            masks.append((item.path, info))
        }
        if let first = masks.first {
            for mask in masks.dropFirst() where mask.info.width != first.info.width || mask.info.height != first.info.height {
                findings.append(
                    Finding(
                        .error, code: RequestCode.maskResolutionMismatch, path: mask.path,
                        message: "the mask is \(mask.info.width)x\(mask.info.height), but \(first.path) is \(first.info.width)x\(first.info.height); every mask must have the same resolution.",
                        fix: "Draw every mask at the reference image's size (klingprep build does)."))
            }
            if let reference = referenceInfo, reference.format.isAccepted {
                for mask in masks where mask.info.width != reference.width || mask.info.height != reference.height {
                    let sameAspect = mask.info.width * reference.height == mask.info.height * reference.width
                    findings.append(
                        Finding(
                            sameAspect ? .warning : .error, code: sameAspect ? RequestCode.maskSizeMismatch : RequestCode.maskAspectMismatch,
                            path: mask.path,
                            message: sameAspect
                                ? "the mask is \(mask.info.width)x\(mask.info.height) and the first image \(reference.width)x\(reference.height): same aspect ratio, other resolution."
                                : "the mask is \(mask.info.width)x\(mask.info.height) but the first image is \(reference.width)x\(reference.height); a mask of another aspect ratio fails the task.",
                            fix: "Draw the masks at the reference image's exact pixel size."))
                }
            }
            for group in report.dynamicMasks {
                guard let points = group.trajectories else { continue }
                for (index, point) in points.enumerated()
                where point.x < 0 || point.y < 0 || point.x >= first.info.width || point.y >= first.info.height {
                    findings.append(
                        Finding(
                            .error, code: RequestCode.trajectoryPointOutside, path: "\(group.path).trajectories[\(index)]",
                            message: "point \(index + 1) is (\(point.x), \(point.y)), outside the \(first.info.width)x\(first.info.height) mask (x 0…\(first.info.width - 1), y 0…\(first.info.height - 1), origin bottom-left).",
                            fix: "Keep every point on the image; remember y counts up from the bottom edge."))
                }
            }
        }
        return findings
    }
}
