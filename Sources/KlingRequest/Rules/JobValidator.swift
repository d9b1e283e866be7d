import KlingCheck

/// Checks every field of a ``Job`` against the API's rules and returns one report.
///
/// Covers the fields (api.md, "Create a task"), the image count and inline image strings, and
/// the field-level brush rules (`reference`, empty descriptions, capability table); the group
/// and point counts are ``BrushRules``', judged when the brushes are checked.
/// Probing and decoding images, and parsing and rasterising brushes, belong to the image and
/// brush modules; their findings join this report in `build`/`validate`.
public enum JobValidator {
    /// All field findings of `job`, in the order of the job file's keys.
    public static func validate(_ job: Job) -> [Finding] {
        var findings: [Finding] = []
        findings += FieldRules.model(job.model, path: "model")
        findings += FieldRules.mode(job.mode, path: "mode")
        findings += FieldRules.duration(job.duration, path: "duration")
        findings += FieldRules.prompt(job.prompt, path: "prompt")
        findings += FieldRules.negativePrompt(job.negativePrompt, path: "negative_prompt")
        findings += FieldRules.cfgScale(job.cfgScale, path: "cfg_scale")
        findings += FieldRules.callbackURL(job.callbackURL, path: "callback_url")
        findings += FieldRules.externalTaskID(job.externalTaskID, path: "external_task_id")
        findings += FieldRules.imageCount(job.images.count, path: "images")
        for (index, image) in job.images.enumerated() {
            findings += self.image(image, path: "images[\(index)]", number: index + 1)
        }
        if let brushes = job.brushes {
            findings += self.brushes(brushes, job: job)
        }
        return findings
    }

    /// Findings for one image entry. `.file` paths are only checked for being non-empty here;
    /// the image module reads the file.
    static func image(_ image: JobImage, path: String, number: Int) -> [Finding] {
        switch image {
        case .file(let file):
            guard file.isEmpty else { return [] }
            return [emptyImage(path: path, number: number)]
        case .url(let url):
            guard let problem = FieldRules.urlProblem(url) else { return [] }
            return [
                Finding(
                    .error, code: RequestCode.imageURLInvalid, path: path,
                    message:
                        "image \(number) is the URL \(Quote.short(url)), \(problem); it must be a public http(s) URL.",
                    fix: "Give a full http(s) URL, or a file path.")
            ]
        case .base64(let text):
            var findings: [Finding] = []
            if let prefix = InlineBase64.dataPrefix(of: text) {
                findings.append(
                    Finding(
                        .info, code: RequestCode.imageDataPrefix, path: path,
                        message:
                            "image \(number) starts with \(Quote.short(String(prefix))); the API wants base64 without a data: prefix, so it is stripped.",
                        fix: "Remove the prefix from the job file to silence this notice."))
            }
            let payload = InlineBase64.strippingDataPrefix(text)
            if payload.isEmpty {
                findings.append(emptyImage(path: path, number: number))
            } else if !InlineBase64.isValid(payload) {
                findings.append(
                    Finding(
                        .error, code: RequestCode.imageBase64Invalid, path: path,
                        message:
                            "image \(number) is not valid base64 (\(payload.utf8.count) characters; base64 uses A–Z a–z 0–9 + / and '=' padding, in groups of 4).",
                        fix: "Paste the whole base64 text again, or give the file's path instead."))
            }
            return findings
        }
    }

    private static func emptyImage(path: String, number: Int) -> Finding {
        Finding(
            .error, code: RequestCode.imageEmpty, path: path,
            message: "image \(number) is empty; a path, URL or base64 image is required.",
            fix: "Give the image's path, url: or base64:.")
    }

    /// Field-level brush rules (design.md, "Checks", "Brushes"; api.md, "Brush rules in more
    /// detail").
    static func brushes(_ brushes: JobBrushes, job: Job) -> [Finding] {
        var findings: [Finding] = []
        if !job.images.isEmpty, !(1...job.images.count).contains(brushes.reference) {
            findings.append(
                Finding(
                    .error, code: RequestCode.brushReferenceOutOfRange, path: "brushes.reference",
                    message:
                        "brushes.reference is \(brushes.reference); it must name one of the images, 1 to \(job.images.count).",
                    fix: "Use 1 for the first image (the default)."))
        }
        for (index, area) in brushes.staticAreas.enumerated() where area.trimmingWhitespace.isEmpty {
            findings.append(emptyDescription(path: "brushes.static[\(index)]", what: "static area"))
        }
        for (index, brush) in brushes.dynamic.enumerated() {
            let path = "brushes.dynamic[\(index)]"
            if brush.area.trimmingWhitespace.isEmpty {
                findings.append(emptyDescription(path: "\(path).area", what: "area"))
            }
            if brush.path.trimmingWhitespace.isEmpty {
                findings.append(emptyDescription(path: "\(path).path", what: "path"))
            }
        }
        if !brushes.isEmpty {
            findings += FieldRules.brushCapability(
                model: job.model, mode: job.mode, duration: job.duration, path: "brushes")
        }
        return findings
    }

    private static func emptyDescription(path: String, what: String) -> Finding {
        Finding(
            .error, code: RequestCode.brushDescriptionEmpty, path: path,
            message: "\(path) is empty; a \(what) description is required.",
            fix: "Describe it, e.g. 'rect 0,0.8 1,1' for an area or 'move up 15%' for a path.")
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
