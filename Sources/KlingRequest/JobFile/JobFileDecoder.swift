import KlingBrush
import Foundation
import KlingCheck
import KlingImage

/// Reads a parsed job document into a ``Job``, reporting every schema problem at once.
///
/// Values that cannot be read are left out (or, inside lists, kept as empty placeholders so
/// that indexes stay those of the file); the findings say what was wrong and where.
struct JobFileDecoder {
    private var reader = SchemaReader(dialect: .job)
    private let baseDirectory: String
    /// Paths of list entries kept as empty placeholders because they could not be read.
    private var placeholders: [String] = []
    /// Per-image `fix:` read so far, by 0-based image index.
    private var imageFixes: [Int: FixOptions?] = [:]

    init(baseDirectory: String) { self.baseDirectory = baseDirectory }

    /// What reading a job document gives.
    struct Decoded {
        var job: Job
        var findings: [Finding]
        /// Line of every path read.
        var lines: [String: Int]
        /// Column of every path read whose column is known.
        var columns: [String: Int]
        /// Paths whose values could not be read: field rules are not applied to them.
        var unreadable: [String]
    }

    /// The job, the findings and the line of every path read.
    static func decode(_ root: SourceNode, baseDirectory: String) -> Decoded {
        var decoder = JobFileDecoder(baseDirectory: baseDirectory)
        let job = decoder.job(root)
        let errorPaths = decoder.reader.findings.filter { $0.severity == .error }.map { $0.path ?? "" }
        return Decoded(
            job: job, findings: decoder.reader.findings, lines: decoder.reader.lines, columns: decoder.reader.columns,
            unreadable: errorPaths + decoder.placeholders)
    }

    private mutating func job(_ root: SourceNode) -> Job {
        var job = Job(baseDirectory: baseDirectory)
        guard let fields = reader.mapping(root, at: .root, known: JobSchema.topLevel) else { return job }
        let top = JobPath.root
        if let node = fields["route"], let text = reader.string(node, at: top.key("route")) {
            if let route = Route(rawValue: text) {
                job.route = route
            } else {
                let names = Route.allCases.map(\.rawValue)
                let suggestion = KeySuggestion.suggestion(for: text, among: names, useAliases: false)
                reader.add(
                    Finding(
                        .error, code: RequestCode.jobRouteUnknown, path: "route",
                        message:
                            "line \(node.line): route is \(Quote.short(text)); it must be \(names.joined(separator: " or ")).",
                        fix: suggestion.map { "Did you mean '\($0)'?" }
                            ?? "Use image2video (one image, brushes) or multi-image2video (1 to 4 images)."))
            }
        }
        if let node = fields["model"] { job.model = reader.string(node, at: top.key("model")) }
        if let node = fields["mode"] { job.mode = reader.string(node, at: top.key("mode")) }
        if let node = fields["duration"] {
            job.duration = reader.integerOrString(node, at: top.key("duration"), expected: "5 or 10 (seconds)")
        }
        if let node = fields["prompt"] { job.prompt = reader.string(node, at: top.key("prompt")) }
        if let node = fields["negative_prompt"] {
            job.negativePrompt = reader.string(node, at: top.key("negative_prompt"))
        }
        if let node = fields["cfg_scale"] {
            job.cfgScale = reader.number(node, at: top.key("cfg_scale"), expected: "a number from 0 to 1")
        }
        if let node = fields["callback_url"] { job.callbackURL = reader.string(node, at: top.key("callback_url")) }
        if let node = fields["external_task_id"] {
            job.externalTaskID = reader.string(node, at: top.key("external_task_id"))
        }
        if let node = fields["images"] {
            job.images = images(node, at: top.key("images"))
        } else {
            reader.missing(
                "images", in: top, line: root.line, column: root.column,
                expected: "a list of 1 image (image2video) or 1 to 4 (multi-image2video)")
        }
        if let node = fields["tail"] {
            var ignored: FixOptions?? = nil
            job.tail = image(node, at: top.key("tail"), fix: &ignored, allowsFix: false)
        }
        if let node = fields["camera_control"] {
            job.cameraControl = reader.cameraControl(node, at: top.key("camera_control"))
        }
        if let node = fields["aspect_ratio"] {
            job.aspectRatio = reader.string(node, at: top.key("aspect_ratio"))
        }
        if let node = fields["watermark"] {
            job.watermark = reader.boolean(node, at: top.key("watermark"))
        }
        if let node = fields["allow_undocumented_fields"] {
            job.allowUndocumentedFields = reader.boolean(node, at: top.key("allow_undocumented_fields")) ?? false
        }
        if let node = fields["brushes"] { job.brushes = brushes(node, at: top.key("brushes")) }
        if let node = fields["fix"] { job.fix = fixOptions(node, at: top.key("fix")) ?? nil }
        job.imageFixes = imageFixes
        urlFixFindings(job)
        return job
    }

    // MARK: Images

    private mutating func images(_ node: SourceNode, at path: JobPath) -> [JobImage] {
        guard let items = reader.sequence(node, at: path, expected: "a list of images") else { return [] }
        var images: [JobImage] = []
        for (index, item) in items.enumerated() {
            // An unreadable entry keeps its place as an empty path, so later indexes stay right.
            var fix: FixOptions?? = nil
            if let image = image(item, at: path.index(index), fix: &fix, allowsFix: true) {
                images.append(image)
                if let fix { imageFixes[index] = fix }
            } else {
                images.append(.file(""))
                placeholders.append(path.index(index).description)
            }
        }
        return images
    }

    /// One image: a path, or a mapping with one source (and, in `images`, its own `fix`, set
    /// into `fix` when given: options, or `nil` for `fix: false`).
    private mutating func image(_ node: SourceNode, at path: JobPath, fix: inout FixOptions??, allowsFix: Bool)
        -> JobImage?
    {
        reader.note(path, line: node.line, column: node.column)
        switch node.kind {
        case .scalar(let scalar):
            if scalar.type == .null {
                // `- ` or `- null`: an entry without a source, not a value to skip.
                if let finding = MediaRules.imageMissingSource.finding(
                    "line \(node.line): \(path) is empty; a path, url: or base64: image is required.",
                    at: path.findingPath, in: RuleContext(route: .image2video))
                {
                    reader.add(finding)
                }
                return nil
            }
            guard let text = reader.string(node, at: path) else { return nil }
            if let problem = sourceSyntax(text, line: node.line, path: path) {
                reader.add(problem)
                return nil
            }
            return .file(resolve(text))
        case .sequence:
            reader.typeMismatch(node, at: path, expected: "a path, or a mapping with one of 'path', 'url', 'base64'")
            return nil
        case .mapping: break
        }
        let unknownBefore = reader.findings.count
        let known = allowsFix ? JobSchema.imageEntry : JobSchema.imageSource
        guard let fields = reader.mapping(node, at: path, known: known) else { return nil }
        if let node = fields["fix"] { fix = fixOptions(node, at: path.key("fix")) }
        let given = JobSchema.imageSource.filter { fields[$0] != nil }
        guard given.count == 1, let key = given.first, let value = fields[key] else {
            if given.isEmpty, reader.findings.count > unknownBefore { return nil }
            let seen = given.isEmpty ? "none of them" : given.map { "'\($0)'" }.joined(separator: " and ")
            reader.add(
                Finding(
                    .error, code: RequestCode.jobImageSource, path: path.findingPath,
                    message:
                        "line \(node.line): an image needs exactly one of 'path', 'url' or 'base64'; found \(seen).",
                    fix: "Give one source per image, e.g. '- url: https://example.com/a.jpg'."))
            return nil
        }
        guard let text = reader.string(value, at: path.key(key)) else { return nil }
        switch key {
        case "url": return .url(text)
        case "base64": return .base64(text)
        default: return .file(resolve(text))
        }
    }

    /// A scalar image that is not a path but was meant as one of the mapping forms: a bare URL
    /// (write `url:`), or `base64:…` / `data:…` without the space YAML needs after the colon.
    private func sourceSyntax(_ text: String, line: Int, path: JobPath) -> Finding? {
        let head = text.prefix(8).lowercased()
        let message: String
        let fix: String
        if head.hasPrefix("http://") || head.hasPrefix("https://") {
            message = "line \(line): \(path) is the bare URL \(Quote.short(text)); a plain string is a file path."
            fix = "Write '- url: \(text.prefix(80))'."
        } else if head.hasPrefix("base64:") || head.hasPrefix("data:") {
            message =
                "line \(line): \(path) starts with \(Quote.short(String(text.prefix(12)))) (\(text.utf8.count) characters) and is read as a file path: YAML needs a space after 'base64:'."
            fix = "Write '- base64: …' with a space after the colon."
        } else {
            return nil
        }
        return MediaRules.imageSourceSyntax.finding(
            message, at: path.findingPath, fix: fix, in: RuleContext(route: .image2video))
    }

    /// `path` against the job file's directory; absolute paths and the empty path stay.
    private func resolve(_ path: String) -> String {
        JobPaths.resolve(path, against: baseDirectory)
    }

    // MARK: Fix

    /// `fix: true | false | {aspect, crop_anchor, background, max_side}`: options, `.some(nil)`
    /// for `false`, or `nil` (with a finding) when it cannot be read. A bad option value is a
    /// ``FixRules/value`` finding and leaves that option at its default.
    private mutating func fixOptions(_ node: SourceNode, at path: JobPath) -> FixOptions?? {
        reader.note(path, line: node.line, column: node.column)
        if case .scalar(let scalar) = node.kind {
            if scalar.type == .null { return .some(nil) }
            guard let on = reader.boolean(node, at: path, expected: "true, false or a mapping of fix options")
            else { return nil }
            return on ? .some(FixOptions()) : .some(nil)
        }
        guard let fields = reader.mapping(node, at: path, known: JobSchema.fix) else { return nil }
        var options = FixOptions()
        if let value = fields["aspect"], let text = reader.string(value, at: path.key("aspect")) {
            if let aspect = FixOptions.Aspect(rawValue: text) {
                options.aspect = aspect
            } else {
                badValue(
                    text, at: path.key("aspect"), line: value.line, among: FixOptions.Aspect.allCases.map(\.rawValue))
            }
        }
        if let value = fields["crop_anchor"], let text = reader.string(value, at: path.key("crop_anchor")) {
            if let anchor = CropAnchor(rawValue: text) {
                options.cropAnchor = anchor
            } else {
                badValue(
                    text, at: path.key("crop_anchor"), line: value.line, among: CropAnchor.allCases.map(\.rawValue))
            }
        }
        if let value = fields["background"], let text = reader.string(value, at: path.key("background")) {
            if let colour = PictureOps.colour(hex: text) {
                options.background = colour
            } else {
                badValue(
                    text, at: path.key("background"), line: value.line, among: [], expected: "#RRGGBB, e.g. \"#FFFFFF\""
                )
            }
        }
        if let value = fields["max_side"],
            let side = reader.integer(value, at: path.key("max_side"), expected: "a number of pixels (at least 300)")
        {
            if side >= ImageRules.minimumSide {
                options.maxSide = side
            } else {
                badValue(
                    "\(side)", at: path.key("max_side"), line: value.line, among: [],
                    expected: "at least \(ImageRules.minimumSide) (the API's minimum side)")
            }
        }
        return .some(options)
    }

    /// A ``FixRules/value`` finding for `text` at `path`: one of `among` (with a "did you
    /// mean"), or `expected`.
    private mutating func badValue(
        _ text: String, at path: JobPath, line: Int, among allowed: [String], expected: String? = nil
    ) {
        let wanted = expected ?? "one of \(allowed.joined(separator: ", "))"
        let suggestion = KeySuggestion.suggestion(for: text, among: allowed, useAliases: false)
        let finding = FixRules.value.finding(
            "line \(line): \(path) is \(Quote.short(text)); it must be \(wanted).", at: path.findingPath,
            fix: suggestion.map { "Did you mean '\($0)'?" }, in: RuleContext(route: .image2video))
        if let finding { reader.add(finding) }
    }

    /// A ``FixRules/urlImage`` finding for each `url:` image that `fix` applies to, at its own
    /// `fix` when it has one, else at the image.
    private mutating func urlFixFindings(_ job: Job) {
        for (index, image) in job.images.enumerated() {
            guard case .url = image, job.fixOptions(forImage: index) != nil else { continue }
            let own = JobPath.root.key("images").index(index).key("fix")
            let path = job.imageFixes[index] != nil ? own : JobPath.root.key("images").index(index)
            let line = reader.lines[path.description] ?? reader.lines["fix"] ?? 1
            let which = job.imageFixes[index] != nil ? "has fix:" : "is under the job's fix:"
            let finding = FixRules.urlImage.finding(
                "line \(line): image \(index + 1) is a url: image and \(which); it is not read here, so it cannot be fixed (it would be sent as is).",
                at: path.findingPath, in: RuleContext(route: .image2video))
            if let finding { reader.add(finding) }
        }
    }

    // MARK: Brushes

    private mutating func brushes(_ node: SourceNode, at path: JobPath) -> JobBrushes? {
        guard let fields = reader.mapping(node, at: path, known: JobSchema.brushes) else { return nil }
        var brushes = JobBrushes()
        if let node = fields["reference"] {
            brushes.reference =
                reader.integer(node, at: path.key("reference"), expected: "an image number (1-based)") ?? 1
        }
        if let node = fields["static"] { brushes.staticAreas = staticAreas(node, at: path.key("static")) }
        if let node = fields["dynamic"] {
            let dynamicPath = path.key("dynamic")
            if let items = reader.sequence(node, at: dynamicPath, expected: "a list of {area, path} groups") {
                for (index, item) in items.enumerated() {
                    brushes.dynamic.append(dynamicBrush(item, at: dynamicPath.index(index)))
                }
            }
        }
        return brushes
    }

    /// One area string, or a list of them.
    private mutating func staticAreas(_ node: SourceNode, at path: JobPath) -> [String] {
        if case .scalar = node.kind { return reader.string(node, at: path).map { [$0] } ?? [] }
        guard let items = reader.sequence(node, at: path, expected: "an area or a list of areas") else { return [] }
        var areas: [String] = []
        for (index, item) in items.enumerated() {
            if let area = reader.string(item, at: path.index(index)) {
                areas.append(area)
            } else {
                areas.append("")
                placeholders.append(path.index(index).description)
            }
        }
        return areas
    }

    private mutating func dynamicBrush(_ node: SourceNode, at path: JobPath) -> BrushGroup {
        var brush = BrushGroup(area: "", path: "")
        guard let fields = reader.mapping(node, at: path, known: JobSchema.dynamicBrush) else {
            placeholders.append(path.description)
            return brush
        }
        if let node = fields["area"] {
            brush.area = reader.string(node, at: path.key("area")) ?? ""
        } else {
            reader.missing("area", in: path, line: node.line, column: node.column, expected: "the area that moves")
        }
        if let node = fields["path"] {
            brush.path = reader.string(node, at: path.key("path")) ?? ""
        } else {
            reader.missing("path", in: path, line: node.line, column: node.column, expected: "where the area moves")
        }
        if let node = fields["points"] {
            brush.points = reader.integer(node, at: path.key("points"), expected: "an integer from 2 to 77")
        }
        if let node = fields["ease"], let text = reader.string(node, at: path.key("ease")) {
            if let ease = Easing(rawValue: text) {
                brush.ease = ease
            } else {
                let allowed = Easing.allCases.map(\.rawValue)
                let finding = BrushFieldRules.easeUnknown.finding(
                    "line \(node.line): \(path.key("ease")) is \(Quote.short(text)); it must be one of \(allowed.joined(separator: ", ")).",
                    at: path.key("ease").findingPath,
                    fix: "Use one of \(allowed.joined(separator: ", ")), or leave ease out for even spacing.",
                    in: RuleContext(route: .image2video))
                if let finding { reader.add(finding) }
            }
        }
        return brush
    }
}

/// Path resolution for job files and command-line jobs.
enum JobPaths {
    /// `path` resolved against `directory`; absolute paths and the empty string are unchanged.
    static func resolve(_ path: String, against directory: String) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
            .standardizedFileURL.path
    }
}
