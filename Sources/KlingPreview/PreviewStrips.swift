import Foundation
import KlingBrush
import KlingCheck
import KlingRequest

/// The strips beneath the main picture: the legend, and the other images as thumbnails.
enum PreviewStrips {
    /// One line per area: which image is the reference, the static area and how much of the
    /// picture it freezes, each group's area, path and point count, in the group's colour.
    static func legend(_ report: JobReport, width: Int) -> RGBImage {
        var lines: [(String, RGBColour)] = []
        let reference = (report.referenceIndex ?? 0) + 1
        lines.append(("IMAGE \(reference) OF \(report.job.images.count), THE REFERENCE THE MASKS FOLLOW", .white))
        if let brushes = report.brushes {
            if let mask = brushes.staticMask {
                lines.append(
                    (
                        "STATIC: " + legendText(report.job.brushes?.staticAreas.joined(separator: ", ") ?? "")
                            + " (\(percent(mask.whiteShare)) FROZEN)", .staticArea
                    ))
            }
            for group in brushes.groups {
                let points = group.trajectory?.user.count ?? 0
                let described = report.job.brushes?.dynamic.dropFirst(group.number - 1).first
                let text =
                    "\(group.number): " + legendText(described?.area ?? "") + "  MOVES  "
                    + legendText(described?.path ?? "") + " (\(points) POINTS)"
                lines.append((text, PreviewBrushes.colour(ofGroup: group.number)))
            }
        } else {
            lines.append(("NO BRUSHES: THE WHOLE PICTURE MAY MOVE", .white))
        }
        let scale = width >= 1000 ? 2 : 1
        let lineHeight = RGBImage.textHeight(scale: scale) + 8 * scale
        var canvas = RGBImage(
            size: PixelSize(width: width, height: lineHeight * lines.count + 8 * scale), colour: PreviewRenderer.strip)
        for (index, line) in lines.enumerated() {
            let top = Double(6 * scale + index * lineHeight)
            let swatch = GrayMask(
                width: width, height: canvas.height,
                pixels: swatchPixels(
                    width: width, height: canvas.height, x: 6 * scale, y: Int(top),
                    side: RGBImage.textHeight(scale: scale)))
            canvas.tint(swatch, colour: line.1, opacity: 1)
            let available = (width - 20 * scale) / (RGBImage.textWidth("M", scale: scale) + scale)
            let text = line.0.count > available ? String(line.0.prefix(max(0, available - 3))) + "..." : line.0
            canvas.text(
                text, at: UserPoint(x: Double(14 * scale + RGBImage.textHeight(scale: scale)), y: top),
                scale: scale, colour: .white)
        }
        return canvas
    }

    static func swatchPixels(width: Int, height: Int, x: Int, y: Int, side: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for row in max(0, y)..<min(height, y + side) {
            for column in max(0, x)..<min(width, x + side) { pixels[row * width + column] = 255 }
        }
        return pixels
    }

    /// The other images in a row, each at most ``PreviewRenderer/thumbnailHeight`` high, labelled.
    static func thumbnails(
        _ report: JobReport, width: Int, pictures: [Int: Result<RGBImage?, PreviewError>]
    ) -> RGBImage? {
        let reference = report.referenceIndex ?? 0
        let others = report.job.images.indices.filter { $0 != reference }
        guard !others.isEmpty else { return nil }
        let gap = PreviewRenderer.thumbnailGap
        let slot = max(40, (width - gap * (others.count + 1)) / others.count)
        let height = PreviewRenderer.thumbnailHeight + 2 * gap + 24
        var pixels = [UInt8](repeating: PreviewRenderer.strip.red, count: width * height * 3)
        for index in pixels.indices where index % 3 == 1 { pixels[index] = PreviewRenderer.strip.green }
        for index in pixels.indices where index % 3 == 2 { pixels[index] = PreviewRenderer.strip.blue }
        var labels: [(String, Int)] = []
        for (position, index) in others.enumerated() {
            let left = gap + position * (slot + gap)
            labels.append(("IMAGE \(index + 1)", left))
            guard let decoded = pictures[index], case .success(let picture) = decoded, let thumbnail = picture else {
                labels[labels.count - 1].0 += report.job.images[index].isURL ? " (URL)" : " (UNREADABLE)"
                continue
            }
            for y in 0..<thumbnail.height {
                let target = ((gap + 24 + y) * width + left) * 3
                let source = y * thumbnail.width * 3
                let count = min(thumbnail.width, width - left) * 3
                guard count > 0, target + count <= pixels.count else { continue }
                pixels.replaceSubrange(target..<target + count, with: thumbnail.pixels[source..<source + count])
            }
        }
        var canvas = RGBImage(width: width, height: height, pixels: pixels)
        for (label, left) in labels {
            canvas.text(label, at: UserPoint(x: Double(left), y: Double(gap)), scale: 2, colour: .white)
        }
        return canvas
    }

    /// Canvases of one width, one above the other.
    static func stack(_ canvases: [RGBImage]) -> RGBImage {
        let width = canvases.first?.width ?? 1
        let height = canvases.reduce(0) { $0 + $1.height }
        let pixels = canvases.flatMap(\.pixels)
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    static func legendText(_ description: String) -> String {
        description.uppercased().replacingOccurrences(of: ";", with: " +")
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}

extension JobImage {
    /// True for a `url:` image.
    var isURL: Bool {
        if case .url = self { return true }
        return false
    }
}
