public import KlingCheck
public import KlingImage

/// What the fixer will do to the pixels of one image, decided from its header facts and the
/// rule book's limits (``ImageRules``): each fix only when it is needed.
public struct FixPlan: Sendable, Hashable {
    /// Orientation, colour, aspect and size steps, in the order they are applied.
    public var steps: [FixStep]
    /// How pixels move from the stored or upright grid to the fixed one (before any downscale
    /// the byte budget may still need).
    public var geometry: FixGeometry
    /// The decoded pixels must change (orientation, colour, frame or size).
    public var changesPixels: Bool
    /// The file is over ``ImageRules/documentedMaximumBytes`` and must be re-encoded.
    public var overBudget: Bool

    /// Nothing to do: the image is left alone.
    public var isEmpty: Bool { !changesPixels && !overBudget }
}

/// Decides which fixes an image needs (the rule book's judgement; KlingImage only reports facts
/// and moves pixels).
public enum FixPlanner {
    /// The byte budget of a fixed file: "≤ 10 MB" read as 10,000,000 bytes, the stricter of
    /// the two readings (api.md, `image_list[].image`; ``ImageRules/documentedMaximumBytes``).
    public static let byteBudget = ImageRules.documentedMaximumBytes

    /// The plan for an image with `info`'s facts.
    /// - Throws: ``FixError/image(path:_:)`` for a format the API does not take,
    ///   ``FixError/notFixable(path:messages:)`` for an error no fix repairs (a file cut short),
    ///   ``FixError/invalidOption(name:value:expected:)``, ``FixError/maxSideTooSmall(maxSide:needed:)``,
    ///   ``FixError/outputTooLarge(size:maximumPixels:)``.
    public static func plan(
        _ info: ImageInfo, path: String = "image", options: FixOptions = FixOptions(),
        limits: DecodeLimits = .standard
    ) throws(FixError) -> FixPlan {
        try check(options)
        guard info.format.isAccepted, info.width > 0, info.height > 0 else {
            switch info.format {
            case .empty: throw .image(path: path, .empty)
            case .notAnImage: throw .image(path: path, .notAnImage(head: info.leadingBytes))
            default: throw .image(path: path, .unsupportedFormat(info.format))
            }
        }
        let blocking = ImageRules.findings(info, at: nil, in: RuleContext(route: .image2video)).filter {
            $0.severity == .error && !fixableRules.contains($0.code)
        }
        if !blocking.isEmpty { throw .notFixable(path: path, messages: blocking.map(\.message)) }
        var steps: [FixStep] = []
        let stored = PixelSize(width: info.width, height: info.height)
        let orientation = info.effectiveOrientation
        if orientation != 1 {
            steps.append(FixStep(.orientation, "EXIF \(orientation)", "upright (tag removed)"))
        }
        if let color = colorStep(info, background: options.background) { steps.append(color) }
        let upright = info.displayedSize
        let frame = frame(for: upright, options: options)
        if frame != PixelRect(upright) {
            let how =
                options.aspect == .pad
                ? "pad, \(PictureOps.hex(options.background))" : "crop, \(options.cropAnchor.rawValue)"
            steps.append(
                FixStep(
                    .aspect,
                    "\(ImageRules.aspectText(width: upright.width, height: upright.height)) (\(upright.width)x\(upright.height))",
                    "\(ImageRules.aspectText(width: frame.width, height: frame.height)) (\(frame.width)x\(frame.height))",
                    note: how))
        }
        let output = try outputSize(for: frame.size, maxSide: options.maxSide)
        if output.pixelCount > limits.maximumPixels || frame.size.pixelCount > limits.maximumPixels {
            throw .outputTooLarge(size: output, maximumPixels: limits.maximumPixels)
        }
        if output != frame.size {
            let upscaled = output.width > frame.width
            steps.append(
                FixStep(
                    .size, "\(frame.width)x\(frame.height)", "\(output.width)x\(output.height)",
                    note: upscaled
                        ? "upscaled: detail is invented"
                        : "downscaled to --max-side \(options.maxSide ?? output.width)",
                    isWarning: upscaled))
        }
        let geometry = FixGeometry(storedSize: stored, orientation: orientation, frame: frame, outputSize: output)
        return FixPlan(
            steps: steps, geometry: geometry, changesPixels: !steps.isEmpty,
            overBudget: info.byteCount > byteBudget)
    }

    /// The image rules whose errors a fix repairs: the file's size, the minimum side, the aspect
    /// ratio (api.md, `image_list[].image`).
    static let fixableRules: Set<String> = [
        ImageRules.fileTooLarge.code, ImageRules.tooSmall.code, ImageRules.aspectRatio.code,
    ]

    static func check(_ options: FixOptions) throws(FixError) {
        if !(1...FixOptions.maximumQuality).contains(options.minimumQuality) {
            throw .invalidOption(
                name: "minimum quality", value: "\(options.minimumQuality)",
                expected: "1…\(FixOptions.maximumQuality)")
        }
        if let maxSide = options.maxSide, maxSide < ImageRules.minimumSide {
            throw .invalidOption(
                name: "--max-side", value: "\(maxSide)", expected: "at least \(ImageRules.minimumSide)")
        }
    }

    /// The colour conversion a picture needs to be 8-bit RGB (or 8-bit gray, which is left
    /// alone): CMYK/YCCK JPEG, 16-bit, gray+alpha and palette PNG.
    static func colorStep(_ info: ImageInfo, background: RGBColour) -> FixStep? {
        if let frame = info.jpeg, frame.colorSpace == .cmyk || frame.colorSpace == .ycck {
            return FixStep(
                .color, frame.colorSpace.rawValue, "8-bit RGB", note: "approximate, no colour management",
                isWarning: true)
        }
        guard let png = info.png else { return nil }
        if png.bitDepth == 16 || png.colorType == 3 || png.colorType == 4 {
            let depth = png.colorType == 3 ? "" : "\(png.bitDepth)-bit "
            return FixStep(.color, "\(depth)\(png.colorTypeName)", "8-bit RGB")
        }
        return nil
    }

    /// The part of the upright picture to keep (crop) or to fill (pad) so that the aspect ratio
    /// is strictly inside 1:2.5…2.5:1 (not at its end, which ComfyUI's nodes refuse, [P]); the
    /// whole picture when it already is within range.
    static func frame(for size: PixelSize, options: FixOptions) -> PixelRect {
        let (width, height) = (size.width, size.height)
        guard !ImageRules.aspectRatioAllowed(width: width, height: height) else { return PixelRect(size) }
        let long = ImageRules.aspectLongPart
        let short = ImageRules.aspectShortPart
        let wide = width > height
        switch options.aspect {
        case .pad:
            // The shortest side s with long·s > short·L: just inside 2.5:1.
            let target =
                wide
                ? PixelSize(width: width, height: short * width / long + 1)
                : PixelSize(width: short * height / long + 1, height: height)
            return PictureOps.padRect(of: size, to: target)
        case .crop:
            // The longest side L with short·L < long·s.
            let target =
                wide
                ? PixelSize(width: (long * height - 1) / short, height: height)
                : PixelSize(width: width, height: (long * width - 1) / short)
            return PictureOps.cropRect(of: size, to: target, anchor: options.cropAnchor)
        }
    }

    /// `size` scaled up to the minimum side or down to `maxSide`, kept within the aspect range.
    static func outputSize(for size: PixelSize, maxSide: Int?) throws(FixError) -> PixelSize {
        let minimum = ImageRules.minimumSide
        let shorter = min(size.width, size.height)
        let longer = max(size.width, size.height)
        var scale = 1.0
        if shorter < minimum { scale = Double(minimum) / Double(shorter) }
        if let maxSide, Double(longer) * scale > Double(maxSide) {
            scale = Double(maxSide) / Double(longer)
            let needed = (minimum * longer + shorter - 1) / shorter
            if Double(shorter) * scale < Double(minimum) - 1e-9 {
                throw .maxSideTooSmall(maxSide: maxSide, needed: needed)
            }
        }
        if scale == 1 { return size }
        return fitted(
            PixelSize(
                width: max(1, Int((Double(size.width) * scale).rounded())),
                height: max(1, Int((Double(size.height) * scale).rounded()))))
    }

    /// `size` with its short side raised to the minimum and into the aspect range when rounding
    /// left it just outside.
    static func fitted(_ size: PixelSize) -> PixelSize {
        var size = size
        let minimum = ImageRules.minimumSide
        size.width = max(size.width, minimum)
        size.height = max(size.height, minimum)
        let long = ImageRules.aspectLongPart
        let short = ImageRules.aspectShortPart
        if short * size.width > long * size.height { size.height = short * size.width / long + 1 }
        if short * size.height > long * size.width { size.width = short * size.height / long + 1 }
        return size
    }
}
