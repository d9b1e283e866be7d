import Foundation
public import KlingBrush
public import KlingCheck
public import KlingImage

/// How thoroughly ``JobChecker`` looks.
public struct JobCheckOptions: Sendable {
    /// Decode every local and inline image fully (`--decode`).
    public var decode: Bool
    /// Decoder limits (absurd dimensions are refused before anything is allocated).
    public var limits: DecodeLimits
    /// Fetcher for `url:` images (`--remote`); `nil` leaves them unchecked.
    public var remote: (any RemoteImageFetcher)?
    /// The route and backend the rules are judged for (the job's route is filled in by
    /// ``JobChecker/check(_:options:)``).
    public var context: RuleContext

    public init(
        decode: Bool = false, limits: DecodeLimits = .standard, remote: (any RemoteImageFetcher)? = nil,
        context: RuleContext = RuleContext(route: .image2video)
    ) {
        self.decode = decode
        self.limits = limits
        self.remote = remote
        self.context = context
    }
}

/// Everything known about a job after every check: its images, its drawn brushes, and all
/// findings at once (design.md, "Checks").
public struct JobReport: Sendable {
    /// The job as read, with its reading and field findings.
    public var document: JobDocument
    /// Each image's facts and findings, in order.
    public var images: [CheckedImage]
    /// 0-based index of the image the masks are drawn on, when the job has brushes.
    public var referenceIndex: Int?
    /// The masks and trajectories, drawn at the reference image's stored pixel size; with
    /// `fix`, described on its upright picture and moved onto the fixed image's grid.
    public var brushes: BuiltBrushSet?
    /// The images that `fix:` changed, by 0-based index: ``images`` holds the fixed copies'
    /// facts, and the body, the preview and `images/N.*` carry their bytes.
    public var fixed: [Int: FixedJobImage] = [:]
    /// Every finding: reading and fields, images, cross-checks, brushes — each once, with
    /// "line N:" where the job file's line is known.
    public var findings: [Finding]
    /// The route and backend the job was judged for.
    public var context: RuleContext

    /// True when any finding is an error (then `build` and `submit` refuse).
    public var hasErrors: Bool { findings.hasErrors }
    /// The job.
    public var job: Job { document.job }
}

/// Checks a whole job: fields, images, brushes and their cross-checks, as one report.
public enum JobChecker {
    /// Checks `document` (from ``JobFile/load(path:)`` or ``JobBuilder``); never throws.
    public static func check(_ document: JobDocument, options: JobCheckOptions = JobCheckOptions()) async
        -> JobReport
    {
        let job = document.job
        var options = options
        options.context.route = job.effectiveRoute
        options.context.allowUndocumented = job.allowUndocumentedFields
        let checker = JobImageChecker(
            decode: options.decode, limits: options.limits, remote: options.remote, context: options.context)
        let fixes = await JobImageFixes.apply(job, limits: options.limits, context: options.context)
        var images = await checker.check(job.images)
        for (index, fixed) in fixes.fixed {
            // The fixed copy is what is sent: judge it instead of the original.
            images[index] = checker.check(bytes: fixed.bytes, slot: ImageSlot(index: index))
        }
        var findings = document.findings
        findings += document.withLines(fixes.findings)
        findings += document.withLines(images.flatMap(\.findings))
        if let tail = job.tail {
            findings += document.withLines(await checker.check(tail, slot: .tail).findings)
        }
        findings += document.withLines(aspectRatioFindings(job: job, images: images, context: options.context))

        var referenceIndex: Int?
        var built: BuiltBrushSet?
        if let brushes = job.brushes, !brushes.isEmpty {
            let set = BrushSet(staticAreas: brushes.staticAreas, dynamic: brushes.dynamic)
            findings += document.withLines(BrushCheck.counts(set, in: options.context))
            let index = job.referenceIndex
            if images.indices.contains(index) {
                referenceIndex = index
                let drawn = drawBrushes(
                    set, document: document, reference: images[index], fixed: fixes.fixed[index], options: options)
                built = drawn.built
                findings += document.withLines(drawn.findings)
                findings += document.withLines(aspectFindings(images, reference: index, context: options.context))
            }
        }
        var report = JobReport(
            document: document, images: images, referenceIndex: referenceIndex, brushes: built, findings: findings,
            context: options.context)
        report.fixed = fixes.fixed
        return report
    }

    /// Draws the brushes at the reference image's stored pixel size (the grid the API uses) and
    /// judges them; the counts are judged by ``BrushCheck/counts(_:in:)`` whether or not the
    /// reference can be read. With `fixed` (the reference's `fix:` changed it), they are drawn
    /// on its upright picture (``FixGeometry/uprightSize``: fractions and pixels of the picture
    /// as people see it) and moved onto the fixed grid (``BuiltBrushSet/mapped(through:)``),
    /// where they are judged.
    static func drawBrushes(
        _ set: BrushSet, document: JobDocument, reference: CheckedImage, fixed: FixedJobImage? = nil,
        options: JobCheckOptions
    ) -> (built: BuiltBrushSet?, findings: [Finding]) {
        let job = document.job
        let context = options.context
        let number = reference.index + 1
        guard let info = reference.info, info.format.isAccepted, info.width > 0, info.height > 0 else {
            if case .url = job.images[reference.index], options.remote == nil {
                return (nil, [BrushRules.remoteReference(number: number, in: context)].compactMap { $0 })
            }
            return (nil, [BrushRules.unreadableReference(number: number, in: context)].compactMap { $0 })
        }
        let size = fixed?.geometry.uprightSize ?? PixelSize(width: info.width, height: info.height)
        let reader = MaskPictureReader(baseDirectory: job.baseDirectory, limits: options.limits)
        var built = set.build(
            size: size, resolver: reader.read, defaultMaximumPoints: BrushRules.trajectoryPoints.upperBound)
        if let fixed { built = built.mapped(through: fixed.geometry) }
        var findings = BrushCheck.drawn(built, of: set, yamlQuotingHint: document.format == .yaml, in: context)
        findings += reader.findings(at: "brushes", in: context)
        if fixed == nil,
            let grid = BrushRules.storedGrid(
                number: number, orientation: info.effectiveOrientation, size: size, in: context)
        {
            findings.append(grid)
        }
        return (built, findings)
    }

    /// Images other than the reference whose aspect ratio differs by more than 1 %: the masks
    /// follow the reference (design.md, "Checks").
    static func aspectFindings(_ images: [CheckedImage], reference: Int, context: RuleContext) -> [Finding] {
        guard let base = images[reference].info, base.width > 0, base.height > 0 else { return [] }
        let ratio = Double(base.width) / Double(base.height)
        return images.compactMap { image in
            guard image.index != reference, let info = image.info, info.format.isAccepted, info.width > 0,
                info.height > 0
            else { return nil }
            let other = Double(info.width) / Double(info.height)
            guard abs(other / ratio - 1) > 0.01 else { return nil }
            return BrushFieldRules.aspectMismatch.finding(
                "image \(image.index + 1) is \(info.width)x\(info.height), another aspect ratio than the reference image \(reference + 1) (\(base.width)x\(base.height)) the masks are drawn on.",
                at: "images[\(image.index)]",
                fix: "Crop the images to one aspect ratio, or accept that the masks follow image \(reference + 1).",
                in: context)
        }
    }

    /// multi-image2video with `aspect_ratio` left at its 16:9 default while every readable
    /// image is portrait or square (api.md, "multi-image2video fields").
    static func aspectRatioFindings(job: Job, images: [CheckedImage], context: RuleContext) -> [Finding] {
        guard context.route == .multiImage2video, job.aspectRatio == nil else { return [] }
        let sizes = images.compactMap { image -> PixelSize? in
            guard let info = image.info, info.format.isAccepted, info.width > 0, info.height > 0 else { return nil }
            return PixelSize(width: info.width, height: info.height)
        }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0.width <= $0.height }) else { return [] }
        let portrait = sizes.allSatisfy { $0.width < $0.height }
        let suggested = portrait ? "9:16" : "1:1"
        return [
            FieldRules.aspectRatioDefault.finding(
                "the images are \(portrait ? "portrait" : "square or portrait") (\(sizes.map(\.description).joined(separator: ", "))) but aspect_ratio is left at its 16:9 default, so the video will be landscape.",
                at: "aspect_ratio", fix: "Set aspect_ratio: \"\(suggested)\".", in: context)
        ].compactMap { $0 }
    }
}
