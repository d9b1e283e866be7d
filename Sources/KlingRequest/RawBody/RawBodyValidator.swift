public import Foundation
public import KlingCheck

/// Checks a raw request body (`klingprep validate request.json`) by the same rules as a job:
/// the route's fields (``FieldRules``), how each image and mask is written (``MediaRules``; a
/// `data:` header is an error here, not stripped), the brush's route and capability
/// (``BrushFieldRules``), group and point counts. The images and masks themselves are checked
/// by ``RawBodyChecker``.
///
/// The route is the one given, else `image2video` when the body has `image` and
/// multi-image2video when it has `image_list`. Keys the route does not document are warnings
/// (`body.unknown_field`), except the brush fields and `cfg_scale` on multi-image2video, which
/// have rules of their own.
public enum RawBodyValidator {
    /// Bodies larger than this are refused unread (256 MiB).
    public static let maximumFileBytes = 256 * 1024 * 1024

    /// Reads and checks the body at `path`.
    ///
    /// - Parameters:
    ///   - route: the route given on the command line, or `nil` to take it from the body.
    ///   - backend: the backend the rules are judged for.
    /// - Throws: ``RequestError/unreadable(path:reason:)`` or
    ///   ``RequestError/tooLarge(path:bytes:limit:)``; problems in the body are findings.
    ///   - allowUndocumented: `--allow-undocumented`: the brush fields and `cfg_scale` on
    ///     multi-image2video are warnings, not errors.
    public static func load(
        path: String, route: Route? = nil, backend: Backend = .cometapi, allowUndocumented: Bool = false
    ) throws(RequestError) -> RawBodyReport {
        let bytes = try RequestError.file { () throws(FileError) in
            try Files.readAll(path: path, limit: maximumFileBytes)
        }
        return validate(Data(bytes), route: route, backend: backend, allowUndocumented: allowUndocumented)
    }

    /// Checks body bytes. Foundation reads the JSON; a body of several lines is also read by
    /// Yams for the line of each finding (see ``JSONTreeReader``).
    public static func validate(
        _ data: Data, route: Route? = nil, backend: Backend = .cometapi, allowUndocumented: Bool = false
    ) -> RawBodyReport {
        let root: SourceNode
        do throws(JSONTreeReader.SyntaxError) {
            root = try JSONTreeReader.parse(data, lines: .whenSeveral)
        } catch {
            let at = error.line.map { "line \($0): " } ?? ""
            let finding =
                if let duplicate = error.duplicate {
                    Finding(
                        .error, code: RequestCode.jobDuplicateKey, path: duplicate.path,
                        message: at + error.message + ".", fix: "Keep one '\(duplicate.key)'.")
                } else {
                    Finding(
                        .error, code: RequestCode.bodySyntax, path: nil,
                        message: "\(at)the body is not valid JSON: \(error.message).",
                        fix: "Write the body with `klingprep build`, or fix the JSON at that line.")
                }
            return RawBodyReport(
                context: RuleContext(
                    route: route ?? .image2video, backend: backend, allowUndocumented: allowUndocumented),
                findings: [finding], lines: [:], columns: [:],
                body: nil, images: [], imageTail: nil, staticMask: nil, dynamicMasks: [])
        }
        var reader = RawBodyReader(route: route, backend: backend, allowUndocumented: allowUndocumented)
        return reader.read(root)
    }
}

/// The walk over one body.
private struct RawBodyReader {
    var reader = SchemaReader(dialect: .body)
    var rules: [Finding] = []
    var typed = true
    let givenRoute: Route?
    let backend: Backend
    var context: RuleContext

    init(route: Route?, backend: Backend, allowUndocumented: Bool) {
        givenRoute = route
        self.backend = backend
        context = RuleContext(route: route ?? .image2video, backend: backend, allowUndocumented: allowUndocumented)
    }

    /// Keys read on any route: the documented ones of both, so a key of the other route gets a
    /// rule of its own rather than "unknown".
    static let readable = RequestBody.CodingKeys.allCases.map(\.rawValue)

    mutating func read(_ root: SourceNode) -> RawBodyReport {
        let top = JobPath.root
        guard case .mapping(let entries) = root.kind else {
            reader.typeMismatch(root, at: top, expected: "a JSON object")
            return report(body: nil, images: [], tail: nil, staticMask: nil, dynamicMasks: [])
        }
        let keys = Set(entries.map(\.key))
        let route =
            givenRoute ?? (keys.contains("image") || !keys.contains("image_list") ? .image2video : .multiImage2video)
        context.route = route
        guard let fields = reader.mapping(root, at: top, known: Self.readable) else {
            return report(body: nil, images: [], tail: nil, staticMask: nil, dynamicMasks: [])
        }
        let documented = Set(RequestBody.documentedKeys(on: route))
        let ownRules: Set<String> = [
            "static_mask", "dynamic_masks", "cfg_scale", "image_tail", "camera_control", "aspect_ratio",
            "watermark_info",
        ]
        for entry in entries
        where !documented.contains(entry.key) && !ownRules.contains(entry.key) && Self.readable.contains(entry.key) {
            reader.add(
                Finding(
                    .warning, code: RequestCode.bodyUnknownField, path: entry.key,
                    message:
                        "line \(entry.keyLine): '\(entry.key)' is not a field of \(route); the service may refuse or ignore it.",
                    fix: "Remove '\(entry.key)', or check the route (--route)."))
        }
        let before = reader.findings.count
        var checked = RequestFields()
        checked.model = optionalString(fields, "model_name")
        checked.duration = optionalString(fields, "duration")
        checked.mode = optionalString(fields, "mode")
        checked.prompt = optionalString(fields, "prompt")
        checked.negativePrompt = optionalString(fields, "negative_prompt")
        checked.callbackURL = optionalString(fields, "callback_url")
        checked.externalTaskID = optionalString(fields, "external_task_id")
        checked.aspectRatio = optionalString(fields, "aspect_ratio")
        if let node = fields["cfg_scale"] {
            checked.cfgScale = reader.number(node, at: top.key("cfg_scale"), expected: "a number from 0 to 1")
        }
        let cameraControl = fields["camera_control"].flatMap { reader.cameraControl($0, at: top.key("camera_control")) }
        checked.cameraControl = cameraControl
        var watermark: WatermarkInfo?
        if let node = fields["watermark_info"],
            let mapping = reader.mapping(node, at: top.key("watermark_info"), known: ["enabled"])
        {
            if let enabled = mapping["enabled"] {
                watermark = reader.boolean(enabled, at: top.key("watermark_info").key("enabled")).map(
                    WatermarkInfo.init(enabled:))
            }
            checked.watermark = watermark?.enabled
        }
        typed = reader.findings.count == before

        let images = self.images(fields, root: root, route: route)
        var tail: BodyMediaItem?
        if let node = fields["image_tail"], let text = reader.string(node, at: top.key("image_tail")) {
            tail = media(text, path: "image_tail", kind: .image)
        }
        var staticMask: BodyMediaItem?
        if let node = fields["static_mask"], let text = reader.string(node, at: top.key("static_mask")) {
            staticMask = media(text, path: "static_mask", kind: .mask)
        } else if fields["static_mask"] != nil {
            typed = false
        }
        let groups = dynamicMasks(fields["dynamic_masks"])

        let hasMasks = fields["static_mask"] != nil || !(groups?.isEmpty ?? true)
        let brushKey = fields["dynamic_masks"] != nil ? "dynamic_masks" : "static_mask"
        checked.paths = .body(route: route, brushKey: brushKey)
        checked.imageCount = images?.count ?? 0
        checked.hasTail = fields["image_tail"] != nil
        checked.hasBrush = hasMasks
        // A value that could not be read is not judged again.
        let unreadable = Set(reader.findings.filter { $0.severity == .error }.compactMap(\.path))
        rules += FieldRules.check(checked, context: context).filter { !unreadable.contains($0.path ?? "") }
        if hasMasks {
            rules += [
                BrushFieldRules.routeUndocumented.finding(
                    "the body carries \(brushKey) on multi-image2video; the current pages say not to send static_mask or dynamic_masks there, so the motion may be ignored.",
                    at: brushKey,
                    fix:
                        "Send the body on image2video: 'image' with the first image, the same masks and trajectories (klingprep build writes it from a job with route: image2video).",
                    in: context)
            ].compactMap { $0 }
            rules += JobValidator.brushCapability(
                model: checked.model, mode: checked.mode, duration: checked.duration, path: brushKey, context: context)
        }

        var body: RequestBody?
        if typed, let images, images.allSatisfy({ $0 != nil }) {
            var dynamic: [DynamicMask]?
            var complete = true
            if let groups {
                dynamic = []
                for group in groups {
                    guard let mask = group.mask, let points = group.trajectories else {
                        complete = false
                        break
                    }
                    dynamic?.append(DynamicMask(mask: mask.media, trajectories: points))
                }
            }
            if complete {
                body = RequestBody(
                    route: route, modelName: checked.model, mode: checked.mode, duration: checked.duration,
                    prompt: optionalStringValue(fields, "prompt"), negativePrompt: checked.negativePrompt,
                    cfgScale: checked.cfgScale, callbackURL: checked.callbackURL,
                    externalTaskID: checked.externalTaskID,
                    images: images.compactMap { $0?.media }, imageTail: tail?.media, staticMask: staticMask?.media,
                    dynamicMasks: dynamic, cameraControl: cameraControl, aspectRatio: checked.aspectRatio,
                    watermarkInfo: watermark)
            }
        }
        return report(body: body, images: images ?? [], tail: tail, staticMask: staticMask, dynamicMasks: groups ?? [])
    }

    private func report(
        body: RequestBody?, images: [BodyMediaItem?], tail: BodyMediaItem?, staticMask: BodyMediaItem?,
        dynamicMasks: [BodyDynamicMaskItem]
    ) -> RawBodyReport {
        RawBodyReport(
            context: context, findings: reader.findings + FindingLines.annotate(rules, lines: reader.lines),
            lines: reader.lines, columns: reader.columns, body: body, images: images, imageTail: tail,
            staticMask: staticMask,
            dynamicMasks: dynamicMasks)
    }

    private mutating func optionalString(_ fields: [String: SourceNode], _ key: String) -> String? {
        guard let node = fields[key] else { return nil }
        return reader.string(node, at: JobPath.root.key(key))
    }

    /// The string at `key` without reporting again (for values already read once).
    private func optionalStringValue(_ fields: [String: SourceNode], _ key: String) -> String? {
        guard let node = fields[key], case .scalar(let scalar) = node.kind, scalar.type == .string else { return nil }
        return scalar.text
    }

    // MARK: Images

    /// `image` (image2video) or `image_list` (multi-image2video); the other key is reported.
    private mutating func images(_ fields: [String: SourceNode], root: SourceNode, route: Route) -> [BodyMediaItem?]? {
        let top = JobPath.root
        switch route {
        case .image2video:
            if fields["image_list"] != nil {
                rules.append(
                    Finding(
                        .error, code: FieldRules.fieldNotOnRoute.code, path: "image_list",
                        message:
                            "the body has 'image_list', a multi-image2video field, but is checked for image2video, which takes one 'image'.",
                        fix: "Use 'image' with one image, or check it with --route multi-image2video."))
            }
            guard let node = fields["image"] else {
                reader.missing(
                    "image", in: .root, line: root.line, column: root.column,
                    expected: "the input image, a public URL or base64")
                typed = false
                return nil
            }
            guard let text = reader.string(node, at: top.key("image")) else {
                typed = false
                return nil
            }
            return [media(text, path: "image", kind: .image)]
        case .multiImage2video:
            if fields["image"] != nil {
                rules.append(
                    Finding(
                        .error, code: FieldRules.fieldNotOnRoute.code, path: "image",
                        message:
                            "the body has 'image', an image2video field, but is checked for multi-image2video, which takes 'image_list'.",
                        fix: "Use 'image_list': [{\"image\": …}], or check it with --route image2video."))
            }
            return imageList(fields["image_list"], root: root)
        }
    }

    private mutating func imageList(_ node: SourceNode?, root: SourceNode) -> [BodyMediaItem?]? {
        let path = JobPath.root.key("image_list")
        guard let node else {
            reader.missing("image_list", in: .root, line: root.line, column: root.column, expected: "1 to 4 images")
            typed = false
            return nil
        }
        guard let items = reader.sequence(node, at: path, expected: "a list of {\"image\": …} objects") else {
            typed = false
            return nil
        }
        return items.enumerated().map { index, item in
            let itemPath = path.index(index)
            guard let fields = reader.mapping(item, at: itemPath, known: ["image"]) else {
                typed = false
                return nil
            }
            guard let imageNode = fields["image"] else {
                reader.missing(
                    "image", in: itemPath, line: item.line, column: item.column, expected: "a public URL or base64")
                typed = false
                return nil
            }
            guard let text = reader.string(imageNode, at: itemPath.key("image")) else {
                typed = false
                return nil
            }
            return media(text, path: itemPath.key("image").description, kind: .image)
        }
    }

    /// Classifies one image or mask string and applies the media rules.
    private mutating func media(_ text: String, path: String, kind: MediaRules.Kind) -> BodyMediaItem {
        rules += MediaRules.checkBodyText(text, kind: kind, path: path, context: context)
        return BodyMediaItem(path: path, media: PayloadSource(bodyText: text))
    }

    // MARK: camera_control

    // MARK: dynamic_masks

    private mutating func dynamicMasks(_ node: SourceNode?) -> [BodyDynamicMaskItem]? {
        guard let node else { return nil }
        let path = JobPath.root.key("dynamic_masks")
        guard let items = reader.sequence(node, at: path, expected: "a list of {mask, trajectories} groups") else {
            typed = false
            return nil
        }
        rules += [BrushRules.groupCount(items.count, at: "dynamic_masks", in: context)].compactMap { $0 }
        var groups: [BodyDynamicMaskItem] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let fields = reader.mapping(item, at: itemPath, known: ["mask", "trajectories"]) else {
                typed = false
                continue
            }
            var group = BodyDynamicMaskItem(path: itemPath.description, mask: nil, trajectories: nil)
            if let maskNode = fields["mask"] {
                if let text = reader.string(maskNode, at: itemPath.key("mask")) {
                    group.mask = media(text, path: itemPath.key("mask").description, kind: .mask)
                }
            } else {
                reader.missing("mask", in: itemPath, line: item.line, column: item.column, expected: "the group's mask")
            }
            if let pointsNode = fields["trajectories"] {
                group.trajectories = trajectory(pointsNode, at: itemPath.key("trajectories"))
            } else {
                reader.missing(
                    "trajectories", in: itemPath, line: item.line, column: item.column,
                    expected: "2 to 77 {x, y} points")
            }
            if group.mask == nil || group.trajectories == nil { typed = false }
            groups.append(group)
        }
        return groups
    }

    private mutating func trajectory(_ node: SourceNode, at path: JobPath) -> [APIPoint]? {
        guard let items = reader.sequence(node, at: path, expected: "a list of {\"x\": int, \"y\": int} points") else {
            return nil
        }
        rules += [BrushRules.pointCount(items.count, at: path.description, asked: false, in: context)].compactMap { $0 }
        var points: [APIPoint] = []
        var complete = true
        for (index, item) in items.enumerated() {
            let pointPath = path.index(index)
            guard let fields = reader.mapping(item, at: pointPath, known: ["x", "y"]) else {
                complete = false
                continue
            }
            var coordinates: [Int] = []
            for axis in ["x", "y"] {
                if let value = fields[axis] {
                    if let number = reader.integer(
                        value, at: pointPath.key(axis), expected: "an integer pixel coordinate")
                    {
                        coordinates.append(number)
                    }
                } else {
                    reader.missing(
                        axis, in: pointPath, line: item.line, column: item.column,
                        expected: "an integer pixel coordinate")
                }
            }
            if coordinates.count == 2 {
                points.append(APIPoint(x: coordinates[0], y: coordinates[1]))
            } else {
                complete = false
            }
        }
        return complete ? points : nil
    }
}
