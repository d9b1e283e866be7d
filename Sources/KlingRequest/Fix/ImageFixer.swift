import Foundation
public import KlingCheck
public import KlingImage

/// A compliant copy of one image, or the verdict that it needs nothing.
public struct FixOutcome: Sendable {
    /// The input's header facts.
    public var input: ImageInfo
    /// What was done, in order (empty, or only a profile note, when the image was left alone).
    public var steps: [FixStep]
    /// How pixels moved; ``FixGeometry/identity(_:)`` when the image was left alone.
    public var geometry: FixGeometry
    /// The new file's bytes; `nil` when the image needs nothing.
    public var bytes: [UInt8]?
    /// The new file's facts; `nil` when the image needs nothing.
    public var output: ImageInfo?

    /// True when the image needed nothing.
    public var isUnchanged: Bool { bytes == nil }
    /// The format of the copy (the input's when unchanged).
    public var format: ImageFormat { output?.format ?? input.format }
}

/// Makes compliant copies of images: decodes, applies the planned fixes (``FixPlanner``), and
/// encodes within the byte budget; checks the copy against the rule book before returning it.
public enum ImageFixer {
    /// Fixes the image at `path`.
    /// - Throws: ``FixError``: unreadable or undecodable input, impossible options, a copy that
    ///   cannot fit the budget.
    public static func fix(path: String, options: FixOptions = FixOptions(), limits: DecodeLimits = .standard)
        throws(FixError) -> FixOutcome
    {
        try fix(label: path, options: options, limits: limits) { () throws(ImageError) in
            try ImageProbe.probe(path: path)
        } profile: { () throws(ImageError) in
            try ImageDecoder.profile(path: path, limits: limits)
        } verify: { () throws(ImageError) in
            _ = try ImageDecoder.verify(path: path, limits: limits)
        } decode: { () throws(ImageError) in
            try ImageDecoder.decodePicture(path: path, background: options.background, limits: limits)
        }
    }

    /// Fixes an image in memory (a job's base64 image), named `label` in errors; see
    /// ``fix(path:options:limits:)``.
    public static func fix(
        bytes: [UInt8], label: String, options: FixOptions = FixOptions(), limits: DecodeLimits = .standard
    ) throws(FixError) -> FixOutcome {
        try fix(label: label, options: options, limits: limits) { () throws(ImageError) in
            try ImageProbe.probe(bytes: bytes)
        } profile: { () throws(ImageError) in
            try ImageDecoder.profile(bytes: bytes, limits: limits)
        } verify: { () throws(ImageError) in
            _ = try ImageDecoder.verify(bytes: bytes, limits: limits)
        } decode: { () throws(ImageError) in
            try ImageDecoder.decodePicture(bytes: bytes, background: options.background, limits: limits)
        }
    }

    /// Probes, plans, and decodes: when the plan is not empty, to fix it; when it is, to prove
    /// the data is whole (an image whose header is compliant but whose data is cut short is not
    /// compliant). Each reading step's ``ImageError`` becomes ``FixError/image(path:_:)`` naming
    /// `label`.
    static func fix(
        label: String, options: FixOptions, limits: DecodeLimits, probe: () throws(ImageError) -> ImageInfo,
        profile: () throws(ImageError) -> ICCProfile?, verify: () throws(ImageError) -> Void,
        decode: () throws(ImageError) -> DecodedPicture
    ) throws(FixError) -> FixOutcome {
        let info: ImageInfo
        do {
            info = try probe()
        } catch {
            throw .image(path: label, error)
        }
        let plan = try FixPlanner.plan(info, path: label, options: options, limits: limits)
        do {
            if plan.isEmpty {
                try verify()
                let step = profileStep(try profile(), kept: false)
                return FixOutcome(
                    input: info, steps: step.map { [$0] } ?? [],
                    geometry: .identity(PixelSize(width: info.width, height: info.height)), bytes: nil, output: nil)
            }
            return try fix(try decode(), plan: plan, path: label, options: options)
        } catch let error as ImageError {
            throw .image(path: label, error)
        } catch let error as FixError {
            throw error
        } catch {
            throw .image(path: label, .decoderFailure("\(error)"))
        }
    }

    /// Applies `plan` to a decoded picture and encodes it within `budget` bytes (the API's,
    /// ``FixPlanner/byteBudget``, unless a test asks for less).
    /// - Throws: ``FixError``.
    public static func fix(
        _ picture: DecodedPicture, plan: FixPlan, path: String, options: FixOptions,
        budget: Int = FixPlanner.byteBudget
    ) throws(FixError) -> FixOutcome {
        let info = picture.info
        let profile = picture.profile.flatMap { keeps($0) ? $0 : nil }
        var steps = plan.steps
        var geometry = plan.geometry
        if picture.transparentPixels > 0 {
            // After the colour step, before the frame and size steps.
            let index = steps.firstIndex { $0.kind == .aspect || $0.kind == .size } ?? steps.count
            steps.insert(
                FixStep(
                    .alpha, "\(Digits.grouped(picture.transparentPixels)) pixels not opaque",
                    "composited over \(PictureOps.hex(options.background))"), at: index)
        }
        let upright = PictureOps.orient(picture.image, exif: geometry.orientation)
        let framed = PictureOps.reframe(upright, to: geometry.frame, fill: options.background)
        var image = framed.size == geometry.outputSize ? framed : Lanczos.resize(framed, to: geometry.outputSize)
        let wasPNG = info.format == .png
        var bytes: [UInt8]
        var quality: Int?
        do {
            if wasPNG {
                bytes = try PNGEncoder.encode(
                    pixels: image.pixels, width: image.width, height: image.height, channels: 3,
                    profile: profile)
            } else {
                bytes = []
            }
            if !wasPNG || bytes.count > budget {
                var search = try JPEGEncoder.encode(
                    image, within: budget, qualities: options.minimumQuality...FixOptions.maximumQuality,
                    profile: profile)
                var attempts = 0
                while !search.fits {
                    attempts += 1
                    let smaller = try smallerSize(
                        image.size, bytes: search.bytes.count, budget: budget, attempt: attempts)
                    image = Lanczos.resize(framed, to: smaller)
                    search = try JPEGEncoder.encode(
                        image, within: budget, qualities: options.minimumQuality...FixOptions.maximumQuality,
                        profile: profile)
                }
                bytes = search.bytes
                quality = search.quality
            }
        } catch let error as ImageError {
            throw .image(path: path, error)
        } catch let error as FixError {
            throw error
        } catch {
            throw .image(path: path, .encodeFailed("\(error)"))
        }
        if image.size != geometry.outputSize {
            steps.append(
                FixStep(
                    .size, "\(geometry.outputSize.width)x\(geometry.outputSize.height)",
                    "\(image.width)x\(image.height)", note: "downscaled to fit \(Digits.grouped(budget)) bytes"))
            geometry.outputSize = image.size
        }
        // The encoder may refuse a profile (libpng checks it): report what the copy holds.
        let written = profile != nil && (try? ImageDecoder.profile(bytes: bytes)) == profile
        let format = quality == nil ? "PNG" : "JPEG q\(quality ?? 0)"
        let before = "\(megabytes(info.byteCount)) \(info.format.displayName)"
        let after = "\(megabytes(bytes.count)) \(format)"
        if plan.overBudget || info.byteCount > budget {
            steps.append(FixStep(.bytes, before, after))
        } else {
            steps.append(
                FixStep(
                    .encoding, before, after,
                    note: "EXIF, XMP and text dropped" + (written ? ", colour profile kept" : "")))
        }
        if let original = picture.profile {
            if profile != nil && !written {
                steps.append(
                    FixStep(
                        .profile, original.name ?? "the profile", "dropped", note: "the encoder refused it",
                        isWarning: true))
            } else if let step = profileStep(original, kept: true) {
                steps.append(step)
            }
        }
        let output: ImageInfo
        do {
            output = try ImageProbe.probe(bytes: bytes)
        } catch {
            throw .image(path: path, error)
        }
        let errors = ImageRules.findings(output, at: nil, in: RuleContext(route: .image2video)).filter {
            $0.severity == .error
        }
        if !errors.isEmpty { throw .stillNonCompliant(path: path, messages: errors.map(\.message)) }
        return FixOutcome(input: info, steps: steps, geometry: geometry, bytes: bytes, output: output)
    }

    /// A smaller size for another try at the budget: the area scaled by the byte ratio (JPEG
    /// bytes grow roughly with the area), a little more each attempt; never below the minimum
    /// side.
    static func smallerSize(_ size: PixelSize, bytes: Int, budget: Int, attempt: Int) throws(FixError) -> PixelSize {
        let minimum = ImageRules.minimumSide
        let shorter = min(size.width, size.height)
        guard shorter > minimum, attempt <= 12 else { throw .cannotFit(bytes: bytes, limit: budget) }
        let ratio = (Double(budget) / Double(bytes)).squareRoot() * pow(0.95, Double(attempt))
        let scale = max(ratio, Double(minimum) / Double(shorter))
        return FixPlanner.fitted(
            PixelSize(
                width: max(1, Int(Double(size.width) * scale)), height: max(1, Int(Double(size.height) * scale))))
    }

    /// The profile's report line: `sRGB IEC61966-2.1 kept`, a warning for another RGB profile,
    /// and a note that a gray or CMYK profile was dropped (the copy is RGB: it no longer fits).
    static func profileStep(_ profile: ICCProfile?, kept: Bool) -> FixStep? {
        guard let profile else { return nil }
        let name = profile.name ?? (profile.colorSpace.map { "an unnamed \($0) profile" } ?? "an unnamed profile")
        if kept && !keeps(profile) {
            let space = profile.colorSpace ?? "non-RGB"
            return FixStep(.profile, "\(name) (\(space))", "dropped", note: "it does not describe the RGB copy")
        }
        let state = kept ? "\(name) kept" : name
        if profile.isSRGB { return kept ? FixStep(.profile, state, state) : nil }
        return FixStep(.profile, state, state, note: "not sRGB; no colour management here", isWarning: true)
    }

    /// True when the copy (always RGB) can carry `profile`: an RGB profile.
    static func keeps(_ profile: ICCProfile) -> Bool { profile.colorSpace == "RGB" }

    /// `14.2 MB` (decimal megabytes, one decimal), `812 KB` below one megabyte.
    static func megabytes(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        return "\(Digits.grouped(max(1, bytes / 1000))) KB"
    }
}
