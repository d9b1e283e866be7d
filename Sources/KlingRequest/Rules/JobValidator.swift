import KlingBrush
public import KlingCheck

/// Checks every field of a ``Job`` against the rule book and returns one report.
///
/// Covers the fields of the job's route (``FieldRules``), how each image is written
/// (``MediaRules``) and the field-level brush rules (``BrushFieldRules``). Probing and decoding
/// images, and parsing and drawing brushes, happen in ``JobChecker``; their findings join the
/// report there.
public enum JobValidator {
    /// The rule context of `job` for `backend`: its route, and whether it opted in to fields only
    /// an older page lists.
    public static func context(of job: Job, backend: Backend) -> RuleContext {
        RuleContext(route: job.effectiveRoute, backend: backend, allowUndocumented: job.allowUndocumentedFields)
    }

    /// All field findings of `job` for `backend`, in the order of the job file's keys.
    public static func validate(_ job: Job, backend: Backend = .cometapi) -> [Finding] {
        let context = context(of: job, backend: backend)
        var findings = FieldRules.check(fields(of: job), context: context)
        for (index, image) in job.images.enumerated() {
            findings += MediaRules.checkJobImage(
                image, label: "image \(index + 1)", path: "images[\(index)]", context: context)
        }
        if let tail = job.tail {
            findings += MediaRules.checkJobImage(tail, label: "the tail image", path: "tail", context: context)
        }
        if let brushes = job.brushes {
            findings += self.brushes(brushes, job: job, context: context)
        }
        return findings
    }

    /// The job's fields as the field rules see them.
    static func fields(of job: Job) -> RequestFields {
        var fields = RequestFields()
        fields.model = job.model
        fields.mode = job.mode
        fields.duration = job.duration
        fields.prompt = job.prompt
        fields.negativePrompt = job.negativePrompt
        fields.cfgScale = job.cfgScale
        fields.callbackURL = job.callbackURL
        fields.externalTaskID = job.externalTaskID
        fields.imageCount = job.images.count
        fields.hasTail = job.tail != nil
        fields.cameraControl = job.cameraControl
        fields.aspectRatio = job.aspectRatio
        fields.watermark = job.watermark
        fields.hasBrush = job.hasBrushes
        return fields
    }

    /// Field-level brush rules (api.md, "Routes", "Brush rules").
    static func brushes(_ brushes: JobBrushes, job: Job, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        if !brushes.isEmpty {
            findings += [
                BrushFieldRules.routeUndocumented.finding(
                    "the job has brushes on multi-image2video; the current pages say not to send static_mask or dynamic_masks there, so the motion you drew may be ignored.",
                    at: "brushes",
                    fix:
                        "Send the same job on image2video: 'route: image2video' with one image (the reference, image \(job.referenceIndex + 1))"
                        + (context.allowUndocumented
                            ? "; they are sent as the older page listed them, which the current pages say not to do."
                            : "; or set allow_undocumented_fields: true to send them as the older page listed them."),
                    in: context)
            ].compactMap { $0 }
        }
        if let reference = brushes.reference {
            findings += [
                BrushFieldRules.referenceNotOnRoute.finding(
                    "brushes.reference is \(reference); on image2video the masks are drawn on its one image.",
                    at: "brushes.reference", in: context)
            ].compactMap { $0 }
            if context.route == .multiImage2video, !job.images.isEmpty, !(1...job.images.count).contains(reference) {
                findings += [
                    BrushFieldRules.referenceOutOfRange.finding(
                        "brushes.reference is \(reference); it must name one of the images, 1 to \(job.images.count).",
                        at: "brushes.reference", in: context)
                ].compactMap { $0 }
            }
        }
        for (index, area) in brushes.staticAreas.enumerated() where area.trimmingWhitespace.isEmpty {
            findings += emptyDescription(path: "brushes.static[\(index)]", what: "static area", context: context)
        }
        // Group and point counts are the brush rules' (BrushCheck.counts), judged once.
        for (index, brush) in brushes.dynamic.enumerated() {
            let path = "brushes.dynamic[\(index)]"
            if brush.area.trimmingWhitespace.isEmpty {
                findings += emptyDescription(path: "\(path).area", what: "area", context: context)
            }
            if brush.path.trimmingWhitespace.isEmpty {
                findings += emptyDescription(path: "\(path).path", what: "path", context: context)
            }
        }
        if !brushes.isEmpty {
            findings += brushCapability(
                model: job.model, mode: job.mode, duration: job.duration, path: "brushes", context: context)
        }
        return findings
    }

    /// The brush's capability (api.md, "Brush rules"): `duration` 10 with a brush is a warning;
    /// on image2video a model/mode outside ``BrushCapability/documented`` is a warning, and a
    /// model or mode left to the service's default a note. Shared with raw bodies.
    static func brushCapability(
        model: String?, mode: String?, duration: String?, path: String, context: RuleContext
    ) -> [Finding] {
        var findings: [Finding] = []
        if let duration, FieldRules.durations.contains(duration),
            !BrushCapability.documentedDurations.contains(duration)
        {
            findings += [
                BrushFieldRules.durationUnsupported.finding(
                    "duration is \(duration) s with a brush; the service documents brushes for 5 s videos only.",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        guard mode.map(FieldRules.modes.contains) ?? true else { return findings }
        let model = model ?? Models.defaultModel(on: context.route)
        if let mode {
            if !BrushCapability.isDocumented(model: model, mode: mode) {
                findings += [
                    BrushFieldRules.capabilityUnlisted.finding(
                        "brushes with \(model) in \(mode) mode are not in the documented capability map (\(BrushCapability.summary)).",
                        at: path,
                        fix:
                            "Use kling-v1 (std or pro) or kling-v1-5 pro for brushes, or check that your model supports them.",
                        in: context)
                ].compactMap { $0 }
            }
        } else if !BrushCapability.documented.contains(where: { $0.model == model }) {
            findings += [
                BrushFieldRules.capabilityUnlisted.finding(
                    "brushes with \(model) are not in the documented capability map (\(BrushCapability.summary)).",
                    at: path, fix: "Use kling-v1 (std or pro) or kling-v1-5 pro for brushes.", in: context)
            ].compactMap { $0 }
        }
        return findings
    }

    private static func emptyDescription(path: String, what: String, context: RuleContext) -> [Finding] {
        [
            BrushFieldRules.emptyDescription.finding(
                "\(path) is empty; a \(what) description is required.", at: path, in: context)
        ].compactMap { $0 }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return self[first...last]
    }
}
