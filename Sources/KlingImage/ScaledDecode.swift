public import KlingCheck

extension ImageDecoder {
    /// Decodes the image at `path` to RGB8 fitting within `maximumSize` (aspect ratio kept, never
    /// enlarged): JPEG through libjpeg's DCT scaling first, then area-average resampling.
    /// Transparent PNG pixels are composited over `background` (white by default).
    /// - Parameters:
    ///   - maximumSize: the box to fit, in pixels of the picture as returned (after orientation
    ///     when `applyOrientation` is true).
    ///   - applyOrientation: rotate/flip by the EXIF orientation so the picture is upright as
    ///     people see it; otherwise the stored pixel grid is kept (the grid the API uses).
    ///   - snapToDCTScale: pick the size by ``shownSize(of:fitting:)`` rather than the largest
    ///     that fits: a JPEG is then often decoded straight at a DCT-scaled size, with no
    ///     resampling (pictures that are only looked at, such as previews).
    /// - Throws: ``ImageError`` as ``verify(path:limits:)`` does.
    public static func decodeScaled(
        path: String, fitting maximumSize: PixelSize, applyOrientation: Bool = false,
        background: Background = .white, limits: DecodeLimits = .standard, snapToDCTScale: Bool = false
    ) throws(ImageError) -> RGBImage {
        let info = try ImageProbe.probe(path: path)
        return try decodeScaled(
            .file(path), info: info, fitting: maximumSize, applyOrientation: applyOrientation,
            background: background, limits: limits, snapToDCTScale: snapToDCTScale)
    }

    /// Decodes bytes in memory; see
    /// ``decodeScaled(path:fitting:applyOrientation:background:limits:snapToDCTScale:)``.
    public static func decodeScaled(
        bytes: [UInt8], fitting maximumSize: PixelSize, applyOrientation: Bool = false,
        background: Background = .white, limits: DecodeLimits = .standard, snapToDCTScale: Bool = false
    ) throws(ImageError) -> RGBImage {
        let info = try ImageProbe.probe(bytes: bytes)
        return try decodeScaled(
            .bytes(bytes), info: info, fitting: maximumSize, applyOrientation: applyOrientation,
            background: background, limits: limits, snapToDCTScale: snapToDCTScale)
    }

    static func decodeScaled(
        _ input: ShimInput, info: ImageInfo, fitting box: PixelSize, applyOrientation: Bool,
        background: Background, limits: DecodeLimits, snapToDCTScale: Bool = false
    ) throws(ImageError) -> RGBImage {
        try checkDecodable(info, limits: limits)
        let orientation = applyOrientation ? info.effectiveOrientation : 1
        // The box in stored-grid terms (orientations 5–8 swap the sides).
        let storedBox = orientation >= 5 ? PixelSize(width: box.height, height: box.width) : box
        let stored = PixelSize(width: info.width, height: info.height)
        let target =
            snapToDCTScale
            ? shownSize(stored, format: info.format, within: storedBox) : fittedSize(stored, within: storedBox)
        let rgba = try decodeRGBA(input, info: info, atLeast: target, limits: limits)
        let resampled = Resampler.areaAverage(rgba, to: target, background: background)
        return Orientation.apply(orientation, to: resampled)
    }

    /// The size a picture of `info` is shown at when it must fit `box` (pixels, stored grid): for
    /// a JPEG, the largest of libjpeg's DCT-scaled sizes (1/1, 1/2, 1/4, 1/8 of each side,
    /// rounded up) that fits in `box`, when its long side is at least three quarters of the
    /// largest size that fits, so that the picture is decoded straight at that size and never
    /// resampled; otherwise (and for PNG) the largest size that fits, as ``decodeScaled(path:fitting:applyOrientation:background:limits:snapToDCTScale:)``
    /// without snapping gives.
    public static func shownSize(of info: ImageInfo, fitting box: PixelSize) -> PixelSize {
        shownSize(PixelSize(width: info.width, height: info.height), format: info.format, within: box)
    }

    static func shownSize(_ size: PixelSize, format: ImageFormat, within box: PixelSize) -> PixelSize {
        let fitted = fittedSize(size, within: box)
        guard format == .jpeg, fitted != size else { return fitted }
        let longest = max(fitted.width, fitted.height)
        for denominator in [1, 2, 4, 8] {
            let scaled = PixelSize(
                width: (size.width + denominator - 1) / denominator,
                height: (size.height + denominator - 1) / denominator)
            guard scaled.width <= max(1, box.width), scaled.height <= max(1, box.height) else { continue }
            return 4 * max(scaled.width, scaled.height) >= 3 * longest ? scaled : fitted
        }
        return fitted
    }

    /// The largest size with `size`'s aspect ratio that fits in `box`, never larger than `size`.
    static func fittedSize(_ size: PixelSize, within box: PixelSize) -> PixelSize {
        let width = max(1, box.width)
        let height = max(1, box.height)
        if size.width <= width && size.height <= height { return size }
        let scale = min(Double(width) / Double(size.width), Double(height) / Double(size.height))
        return PixelSize(
            width: max(1, min(width, Int((Double(size.width) * scale).rounded()))),
            height: max(1, min(height, Int((Double(size.height) * scale).rounded()))))
    }

    /// Decodes to RGBA8, for JPEG at the smallest DCT scale (1/8, 1/4, 1/2, 1) still at least
    /// `target` on both sides; for PNG keeping every n-th row, n the most that leaves at least
    /// `target.height` rows (a reduced picture is never held at full height).
    static func decodeRGBA(
        _ input: ShimInput, info: ImageInfo, atLeast target: PixelSize, limits: DecodeLimits
    ) throws(ImageError) -> RGBAPixels {
        if info.format == .png {
            let step = UInt32(clamping: max(1, info.height / max(1, target.height)))
            return try Shim.decodeRGBA(
                input, format: .png, denominator: 1, pngRowStep: step, maximumPixels: limits.maximumPixels)
        }
        var denominator: UInt32 = 1
        if info.format == .jpeg {
            for candidate: UInt32 in [8, 4, 2] {
                let scaledWidth = (info.width + Int(candidate) - 1) / Int(candidate)
                let scaledHeight = (info.height + Int(candidate) - 1) / Int(candidate)
                if scaledWidth >= target.width && scaledHeight >= target.height {
                    denominator = candidate
                    break
                }
            }
        }
        return try Shim.decodeRGBA(
            input, format: info.format, denominator: denominator, maximumPixels: limits.maximumPixels)
    }
}

/// What transparent pixels are composited over when decoding to RGB.
public enum Background: Sendable, Hashable {
    /// White (previews).
    case white
    /// Black (masks: transparent means outside).
    case black

    var level: Float { self == .white ? 255 : 0 }
}
