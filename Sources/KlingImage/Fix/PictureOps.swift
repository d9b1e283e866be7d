public import KlingCheck

/// Where a crop keeps the picture: the edge or corner it holds on to, or the centre.
public enum CropAnchor: String, Sendable, Hashable, Codable, CaseIterable {
    case center
    case top
    case bottom
    case left
    case right
    case topLeft = "top-left"
    case topRight = "top-right"
    case bottomLeft = "bottom-left"
    case bottomRight = "bottom-right"

    /// 0 keep the left edge, 1 centre, 2 keep the right edge (halves of the spare width).
    var horizontal: Int {
        switch self {
        case .left, .topLeft, .bottomLeft: 0
        case .right, .topRight, .bottomRight: 2
        default: 1
        }
    }

    /// 0 keep the top edge, 1 centre, 2 keep the bottom edge.
    var vertical: Int {
        switch self {
        case .top, .topLeft, .topRight: 0
        case .bottom, .bottomLeft, .bottomRight: 2
        default: 1
        }
    }
}

/// Pixel operations on RGB8 pictures: orientation, crop, pad and the rectangles they use.
/// Facts and pixels only; which operation an image needs is decided by KlingRequest's planner.
public enum PictureOps {
    /// `image` (a stored grid) turned upright by EXIF `orientation` (1–8; others leave it as is).
    public static func orient(_ image: RGBImage, exif orientation: Int) -> RGBImage {
        Orientation.apply(orientation, to: image)
    }

    /// The part of `image` inside `frame`; where `frame` reaches outside the picture (a pad) the
    /// pixels are `fill`.
    public static func reframe(_ image: RGBImage, to frame: PixelRect, fill: RGBColour) -> RGBImage {
        precondition(frame.width > 0 && frame.height > 0, "a frame of \(frame) has no pixels")
        if frame == PixelRect(image.size) { return image }
        var output = RGBImage(size: frame.size, colour: fill)
        let left = max(0, frame.x)
        let right = min(image.width, frame.x + frame.width)
        let top = max(0, frame.y)
        let bottom = min(image.height, frame.y + frame.height)
        guard left < right, top < bottom else { return output }
        let rowBytes = (right - left) * 3
        for y in top..<bottom {
            let from = (y * image.width + left) * 3
            let to = ((y - frame.y) * frame.width + (left - frame.x)) * 3
            output.pixels.replaceSubrange(to..<to + rowBytes, with: image.pixels[from..<from + rowBytes])
        }
        return output
    }

    /// The rectangle of `target` size inside a picture of `size`, held at `anchor` (a crop);
    /// `target` is clamped to `size`.
    public static func cropRect(of size: PixelSize, to target: PixelSize, anchor: CropAnchor) -> PixelRect {
        let width = min(target.width, size.width)
        let height = min(target.height, size.height)
        let x = (size.width - width) * anchor.horizontal / 2
        let y = (size.height - height) * anchor.vertical / 2
        return PixelRect(x: x, y: y, width: width, height: height)
    }

    /// The rectangle of `target` size with a picture of `size` centred in it (a pad): a
    /// negative origin; `target` is at least `size`.
    public static func padRect(of size: PixelSize, to target: PixelSize) -> PixelRect {
        let width = max(target.width, size.width)
        let height = max(target.height, size.height)
        return PixelRect(x: -((width - size.width) / 2), y: -((height - size.height) / 2), width: width, height: height)
    }

    /// `#RRGGBB` of `colour`.
    public static func hex(_ colour: RGBColour) -> String {
        let digits = [colour.red, colour.green, colour.blue].map { value -> String in
            let text = String(value, radix: 16, uppercase: true)
            return value < 16 ? "0" + text : text
        }
        return "#" + digits.joined()
    }

    /// The colour of `#RRGGBB` (or `RRGGBB`); `nil` for anything else.
    public static func colour(hex text: String) -> RGBColour? {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        return RGBColour(
            red: UInt8(truncatingIfNeeded: value >> 16), green: UInt8(truncatingIfNeeded: value >> 8),
            blue: UInt8(truncatingIfNeeded: value))
    }
}
