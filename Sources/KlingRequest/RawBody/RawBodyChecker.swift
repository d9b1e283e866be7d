import Foundation
import KlingBrush
public import KlingCheck
public import KlingImage

/// Checks what a raw `request.json` carries, by the same rules as a job (after
/// ``RawBodyValidator`` has read its fields): each inline image against the image rules; each
/// mask for its content as the service reads it (white only), for the input image's aspect
/// ratio and resolution, and for one resolution shared by all masks; each trajectory point for
/// lying on the **input image's** pixel grid, and each trajectory for starting inside its own
/// mask (api.md, "Brush rules").
///
/// The masks are judged against the first image (`image`, or `image_list[0]` of a
/// multi-image body that carries brushes). What a URL hides is said, not skipped silently.
public enum RawBodyChecker {
    /// The report's findings followed by the findings on its images, masks and trajectories.
    public static func check(_ report: RawBodyReport, decode: Bool, limits: DecodeLimits = .standard) -> [Finding] {
        let context = report.context
        var findings = report.findings
        var imageSize: PixelSize?
        var remoteImage: String?
        let items =
            report.images.enumerated().map { ($0.offset, $0.element) } + [(report.images.count, report.imageTail)]
        for (index, item) in items {
            guard let item else { continue }
            let isTail = item.path == "image_tail"
            let label = isTail ? "the tail image" : "image \(index + 1)"
            guard let data = item.data() else {
                if case .url = item.media, index == 0 { remoteImage = item.path }
                continue
            }
            let verdict = ImageRules.verdict(
                bytes: [UInt8](data), label: item.path, decode: decode, limits: limits, context: context)
            if index == 0, let info = verdict.inspection.info, info.format.isAccepted, info.width > 0, info.height > 0 {
                imageSize = PixelSize(width: info.width, height: info.height)
            }
            findings += verdict.findings.map { finding in
                var copy = finding.at(item.path)
                copy.message = "\(label): " + finding.message
                return copy
            }
        }
        let masks = readMasks(report, limits: limits, context: context, findings: &findings)
        let hasBrush = report.staticMask != nil || !report.dynamicMasks.isEmpty
        if hasBrush, let remoteImage {
            findings += [
                MaskRules.imageRemoteUnchecked.finding(
                    "\(remoteImage) is a URL that was not fetched: the image's size and format, the masks' aspect ratio and resolution against it, and whether the trajectory points lie on its grid were not checked.",
                    at: remoteImage, in: context)
            ].compactMap { $0 }
        }
        findings += sizeFindings(masks, imageSize: imageSize, context: context)
        findings += trajectoryFindings(report, masks: masks, imageSize: imageSize, context: context)
        return findings
    }

    /// A mask of the body, decoded.
    struct DecodedMask {
        var path: String
        var picture: MaskPicture
        var size: PixelSize { PixelSize(width: picture.width, height: picture.height) }
    }

    /// Decodes every inline mask, adding its format and content findings; URL masks get a note.
    static func readMasks(
        _ report: RawBodyReport, limits: DecodeLimits, context: RuleContext, findings: inout [Finding]
    ) -> [String: DecodedMask] {
        var masks: [String: DecodedMask] = [:]
        let items = [report.staticMask] + report.dynamicMasks.map(\.mask)
        for case let item? in items {
            guard let data = item.data() else {
                if case .url = item.media {
                    findings += [
                        MaskRules.remoteUnchecked.finding(
                            "\(item.path) is a URL that was not fetched: its content, size and the trajectory's start in it were not checked.",
                            at: item.path, in: context)
                    ].compactMap { $0 }
                }
                continue
            }
            let bytes = [UInt8](data)
            let verdict = ImageRules.verdict(
                bytes: bytes, label: item.path, decode: false, limits: limits, context: context)
            guard let info = verdict.inspection.info, info.format.isAccepted else {
                findings += verdict.findings.map { $0.at(item.path) }
                continue
            }
            // A mask is a picture of the image's grid: the input image's size rules do not apply to it.
            let sizeRules = [ImageRules.tooSmall.code, ImageRules.aspectRatio.code, ImageRules.aspectRatioEdge.code]
            findings += verdict.findings.filter { $0.severity != .info && !sizeRules.contains($0.code) }
                .map { $0.at(item.path) }
            do {
                let picture = try MaskPicture(bytes: bytes, limits: limits)
                findings += MaskRules.content(picture, what: item.path, at: item.path, in: context)
                masks[item.path] = DecodedMask(path: item.path, picture: picture)
            } catch {
                findings += [ImageRules.finding(for: error, at: item.path, in: context)].compactMap { $0 }
            }
        }
        return masks
    }

    /// Each mask against the input image (aspect ratio, resolution), and the masks against each
    /// other: a mismatch is reported on the mask that differs from the image, or, with the
    /// image's size unknown, on the masks that differ from the most common size.
    static func sizeFindings(_ masks: [String: DecodedMask], imageSize: PixelSize?, context: RuleContext) -> [Finding] {
        let ordered = masks.values.sorted { $0.path < $1.path }
        var findings: [Finding] = []
        if let imageSize {
            for mask in ordered {
                findings += [MaskRules.size(mask.size, image: imageSize, what: mask.path, at: mask.path, in: context)]
                    .compactMap { $0 }
            }
        }
        let sizes = Set(ordered.map(\.size))
        guard sizes.count > 1 else { return findings }
        let common =
            imageSize.flatMap { sizes.contains($0) ? $0 : nil }
            ?? sizes.max { a, b in ordered.filter { $0.size == a }.count < ordered.filter { $0.size == b }.count }
        for mask in ordered where mask.size != common {
            let others = ordered.filter { $0.size == common }.map(\.path).joined(separator: ", ")
            findings += [
                MaskRules.resolutionMismatch.finding(
                    "\(mask.path) is \(mask.size), but \(others) \(others.contains(",") ? "are" : "is") \(common.map(\.description) ?? "another size"); every mask must have the same resolution.",
                    at: mask.path, in: context)
            ].compactMap { $0 }
        }
        return findings
    }

    /// Points off the input image's grid (even when the masks are larger), and a start outside
    /// the group's own mask, which often means the y axis was not flipped to bottom-left.
    static func trajectoryFindings(
        _ report: RawBodyReport, masks: [String: DecodedMask], imageSize: PixelSize?, context: RuleContext
    ) -> [Finding] {
        guard let imageSize, imageSize.isDrawable else { return [] }
        var findings: [Finding] = []
        for (index, group) in report.dynamicMasks.enumerated() {
            guard let points = group.trajectories, let first = points.first else { continue }
            let outside = points.enumerated().filter { _, point in
                point.x < 0 || point.y < 0 || point.x >= imageSize.width || point.y >= imageSize.height
            }
            let path = "\(group.path).trajectories"
            if let (firstIndex, point) = outside.first {
                findings += [
                    BrushRules.pointOutside.finding(
                        "\(outside.count) of \(points.count) point\(points.count == 1 ? "" : "s") of group \(index + 1) lie off the \(imageSize) input image (x 0…\(imageSize.width - 1), y 0…\(imageSize.height - 1), origin bottom-left); the first is point \(firstIndex + 1) at (\(point.x), \(point.y)). Trajectory points are pixels of the input image, whatever the masks' size.",
                        at: "\(path)[\(firstIndex)]",
                        fix: "Give the points in the input image's pixels; y counts up from the bottom edge.",
                        in: context)
                ].compactMap { $0 }
            }
            // A start off the grid is reported above; inside it, it should lie in the group's mask.
            if outside.first?.offset != 0, let maskPath = group.mask?.path, let mask = masks[maskPath] {
                let plane = GrayMask(width: mask.picture.width, height: mask.picture.height, pixels: mask.picture.white)
                guard plane.pixels.contains(255) else { continue }
                let start = TrajectoryStart(point: first, mask: plane, imageSize: imageSize)
                findings += [BrushRules.bodyStart(start, group: index + 1, at: "\(path)[0]", in: context)].compactMap {
                    $0
                }
            }
        }
        return findings
    }
}
