import Foundation
import KlingBrush
import KlingCheck
import KlingImage
import Synchronization

/// Draws `preview.png`: the reference image (at most 1600 px on its long side) with the static
/// area shaded, each dynamic area in its own colour with its outline, each trajectory as a line
/// with dots, an arrowhead at its end and its group number; a legend strip; and thumbnails of
/// the other images beneath (issue 4, "Preview").
///
/// Colours sit on a dark halo so they read on bright and dark photos alike. Everything is in
/// the reference image's stored pixel grid, the grid the API uses.
public enum PreviewRenderer {
    /// Longest side of the main picture, in pixels.
    public static let maximumSide = 1600
    /// Height of the thumbnails row, in pixels.
    static let thumbnailHeight = 180
    /// Halo colour under lines, outlines and text.
    static let halo = RGBColour(red: 0, green: 0, blue: 0)
    /// Background of the legend and thumbnail strips.
    static let strip = RGBColour(red: 24, green: 24, blue: 28)

    /// Renders the preview of a checked job.
    /// - Throws: ``RequestError/unreadable(path:reason:)`` naming `images[i]` when the reference
    ///   image cannot be decoded, or is a URL (no picture to draw on).
    public static func render(_ report: JobReport, limits: DecodeLimits = .standard) throws(RequestError) -> RGBImage {
        let referenceIndex = report.referenceIndex ?? 0
        let pictures = decodePictures(report, reference: referenceIndex, limits: limits)
        guard var main = try pictures[referenceIndex]?.get() else {
            throw .unreadable(path: "images[\(referenceIndex)]", reason: remoteReason)
        }
        if let brushes = report.brushes {
            draw(brushes, on: &main)
        }
        let legend = legendStrip(report, width: main.width)
        let thumbnails = thumbnailStrip(report, width: main.width, pictures: pictures)
        return stack([main, legend] + (thumbnails.map { [$0] } ?? []))
    }

    /// A preview is looked at, not archived: zlib level 2 with the sub, up and Paeth filters is
    /// several times faster than libpng's default and about as small on photos.
    static let pngOptions = PNGEncodeOptions(compressionLevel: 2, strategy: .default, filters: [.sub, .up, .paeth])

    /// Encodes the preview as PNG.
    public static func pngData(_ canvas: RGBImage) throws(RequestError) -> Data {
        do {
            return Data(
                try PNGEncoder.encode(
                    pixels: canvas.pixels, width: canvas.width, height: canvas.height, channels: 3, options: pngOptions))
        } catch {
            throw .writeFailed(path: "preview.png", reason: error.description)
        }
    }

    /// Writes `canvas` as a PNG at `path`, atomically.
    /// - Throws: ``RequestError/writeFailed(path:reason:)``.
    public static func write(_ canvas: RGBImage, to path: String) throws(RequestError) {
        try RequestError.writeAtomically(try pngData(canvas), to: path)
    }

    /// Why there is no preview of a `url:` (or missing) reference image.
    static let remoteReason = "the reference image is a URL or missing; previews need a local or inline image"

    // MARK: Pictures

    /// Space between thumbnails, in pixels.
    static let thumbnailGap = 12

    /// The reference picture (fitting ``maximumSide``) and the thumbnails of the others,
    /// decoded in parallel (decoding is most of a preview's time).
    static func decodePictures(_ report: JobReport, reference: Int, limits: DecodeLimits)
        -> [Int: Result<RGBImage?, RequestError>]
    {
        let indices = report.job.images.indices
        let others = indices.filter { $0 != reference }
        // The main picture's width, from the header, sets the thumbnails' slots.
        var mainWidth = maximumSide
        if let info = report.images.first(where: { $0.index == reference })?.info, info.width > 0, info.height > 0 {
            let scale = min(1, Double(maximumSide) / Double(max(info.width, info.height)))
            mainWidth = max(1, Int((Double(info.width) * scale).rounded()))
        }
        let slot = others.isEmpty ? 0 : max(40, (mainWidth - thumbnailGap * (others.count + 1)) / others.count)
        let order = [reference] + others
        let results = Mutex<[Int: Result<RGBImage?, RequestError>]>([:])
        DispatchQueue.concurrentPerform(iterations: order.count) { position in
            let index = order[position]
            let box = index == reference
                ? PixelSize(width: maximumSide, height: maximumSide) : PixelSize(width: slot, height: thumbnailHeight)
            let result = Result { () throws(RequestError) -> RGBImage? in
                try picture(of: report, index: index, fitting: box, limits: limits)
            }
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }
    }

    /// The image at `index` decoded to fit `box` (stored grid), or `nil` for a URL.
    static func picture(of report: JobReport, index: Int, fitting box: PixelSize, limits: DecodeLimits)
        throws(RequestError) -> RGBImage?
    {
        guard report.job.images.indices.contains(index) else { return nil }
        let decoded: RGBImage
        do {
            switch report.job.images[index] {
            case .file(let path):
                decoded = try ImageDecoder.decodeScaled(path: path, fitting: box, limits: limits)
            case .base64(let text):
                guard let data = InlineBase64.decode(text) else { return nil }
                decoded = try ImageDecoder.decodeScaled(bytes: [UInt8](data), fitting: box, limits: limits)
            case .url:
                return nil
            }
        } catch {
            throw .unreadable(path: "images[\(index)]", reason: error.description)
        }
        return RGBImage(width: decoded.width, height: decoded.height, pixels: decoded.pixels)
    }

    // MARK: Brushes

    static func colour(ofGroup number: Int) -> RGBColour {
        RGBColour.groupPalette[(number - 1) % RGBColour.groupPalette.count]
    }

    static func draw(_ brushes: BuiltBrushSet, on canvas: inout RGBImage) {
        let scaleX = Double(canvas.width) / Double(brushes.size.width)
        let scaleY = Double(canvas.height) / Double(brushes.size.height)
        let size = canvas.size
        let thickness = max(2, canvas.width / 500)
        if let mask = brushes.staticMask {
            let scaled = resample(mask, to: size)
            canvas.tint(scaled, colour: .staticArea, opacity: 0.40)
            canvas.outline(scaled, colour: halo, thickness: thickness + 2)
            canvas.outline(scaled, colour: .staticArea, thickness: thickness)
        }
        for group in brushes.groups {
            guard let mask = group.mask else { continue }
            let scaled = resample(mask, to: size)
            let colour = colour(ofGroup: group.number)
            canvas.tint(scaled, colour: colour, opacity: 0.40)
            canvas.outline(scaled, colour: halo, thickness: thickness + 2)
            canvas.outline(scaled, colour: colour, thickness: thickness)
        }
        for group in brushes.groups {
            guard let trajectory = group.trajectory else { continue }
            let points = trajectory.user.map { UserPoint(x: $0.x * scaleX, y: $0.y * scaleY) }
            let scaled = Trajectory(user: points, size: size)
            let lineScale = Double(max(1, min(canvas.width, canvas.height) / 400))
            canvas.polyline(points, colour: halo, lineWidth: 3 * lineScale + 4)
            if let last = points.last { canvas.dot(at: last, radius: 3 * lineScale + 3, colour: halo) }
            canvas.trajectory(scaled, colour: colour(ofGroup: group.number), lineWidth: 3, label: "\(group.number)")
        }
    }

    /// Nearest-neighbour resampling of a mask to the preview size.
    static func resample(_ mask: GrayMask, to size: PixelSize) -> GrayMask {
        if mask.width == size.width && mask.height == size.height { return mask }
        var pixels = [UInt8](repeating: 0, count: size.width * size.height)
        let columns = (0..<size.width).map { min(mask.width - 1, ($0 * mask.width + mask.width / 2) / size.width) }
        mask.pixels.withUnsafeBufferPointer { source in
            for y in 0..<size.height {
                let sourceRow = min(mask.height - 1, (y * mask.height + mask.height / 2) / size.height) * mask.width
                let row = y * size.width
                for x in 0..<size.width { pixels[row + x] = source[sourceRow + columns[x]] }
            }
        }
        return GrayMask(width: size.width, height: size.height, pixels: pixels)
    }

    // MARK: Strips

    static func legendStrip(_ report: JobReport, width: Int) -> RGBImage {
        var lines: [(String, RGBColour)] = []
        let reference = (report.referenceIndex ?? 0) + 1
        lines.append(("IMAGE \(reference) OF \(report.job.images.count), THE REFERENCE THE MASKS FOLLOW", .white))
        if let brushes = report.brushes {
            if let mask = brushes.staticMask {
                lines.append(("STATIC: " + legendText(report.job.brushes?.staticAreas.joined(separator: ", ") ?? "")
                    + " (\(percent(mask.whiteShare)) FROZEN)", .staticArea))
            }
            for group in brushes.groups {
                let points = group.trajectory?.user.count ?? 0
                let described = report.job.brushes?.dynamic[safe: group.number - 1]
                let text = "\(group.number): " + legendText(described?.area ?? "") + "  MOVES  "
                    + legendText(described?.path ?? "") + " (\(points) POINTS)"
                lines.append((text, colour(ofGroup: group.number)))
            }
        } else {
            lines.append(("NO BRUSHES: THE WHOLE PICTURE MAY MOVE", .white))
        }
        let scale = width >= 1000 ? 2 : 1
        let lineHeight = RGBImage.textHeight(scale: scale) + 8 * scale
        var canvas = RGBImage(
            size: PixelSize(width: width, height: lineHeight * lines.count + 8 * scale), colour: strip)
        for (index, line) in lines.enumerated() {
            let top = Double(6 * scale + index * lineHeight)
            let swatch = GrayMask(width: width, height: canvas.height, pixels: swatchPixels(
                width: width, height: canvas.height, x: 6 * scale, y: Int(top), side: RGBImage.textHeight(scale: scale)))
            canvas.tint(swatch, colour: line.1, opacity: 1)
            let available = (width - 20 * scale) / (RGBImage.textWidth("M", scale: scale) + scale)
            let text = line.0.count > available ? String(line.0.prefix(max(0, available - 3))) + "..." : line.0
            canvas.text(text, at: UserPoint(x: Double(14 * scale + RGBImage.textHeight(scale: scale)), y: top),
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

    /// The other images in a row, each at most ``thumbnailHeight`` high, labelled.
    static func thumbnailStrip(
        _ report: JobReport, width: Int, pictures: [Int: Result<RGBImage?, RequestError>]
    ) -> RGBImage? {
        let reference = report.referenceIndex ?? 0
        let others = report.job.images.indices.filter { $0 != reference }
        guard !others.isEmpty else { return nil }
        let gap = thumbnailGap
        let slot = max(40, (width - gap * (others.count + 1)) / others.count)
        let height = thumbnailHeight + 2 * gap + 24
        var pixels = [UInt8](repeating: strip.red, count: width * height * 3)
        for index in pixels.indices where index % 3 == 1 { pixels[index] = strip.green }
        for index in pixels.indices where index % 3 == 2 { pixels[index] = strip.blue }
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

extension Array {
    /// The element at `index`, or `nil` outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension JobImage {
    /// True for a `url:` image.
    var isURL: Bool {
        if case .url = self { return true }
        return false
    }
}
