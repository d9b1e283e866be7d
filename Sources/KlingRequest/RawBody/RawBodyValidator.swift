import Foundation
import KlingCheck

/// Checks a raw request body (`klingprep validate request.json`) the way the service would:
/// every field rule of ``FieldRules``, plus the body-only rules — a `data:` prefix is an error,
/// not stripped; at most 6 dynamic groups; 2–77 points per trajectory; no masks together with
/// `camera_control` or `image_tail` (api.md, "Create a task" and "Brush rules in more detail").
///
/// Fields this endpoint does not document are warnings (`body.unknown_field`). The base64
/// images and masks are checked for syntax only; their bytes are available lazily from the
/// ``RawBodyReport`` for the image module to probe and decode.
public enum RawBodyValidator {
    /// Bodies larger than this are refused unread (256 MiB).
    public static let maximumFileBytes = 256 * 1024 * 1024

    /// Steering fields of Kling's image2video that exclude the motion brush.
    static let exclusiveWithBrush = ["camera_control", "image_tail"]

    /// Reads and checks the body at `path`.
    ///
    /// - Throws: ``RequestError/unreadable(path:reason:)`` or
    ///   ``RequestError/tooLarge(path:bytes:limit:)``; problems in the body are findings.
    public static func load(path: String) throws(RequestError) -> RawBodyReport {
        try validate(Data(RequestError.file { () throws(FileError) in try Files.readAll(path: path, limit: maximumFileBytes) }))
    }

    /// Checks body bytes. Foundation reads the JSON; a body of several lines is also read by
    /// Yams for the line of each finding (see ``JSONTreeReader``).
    public static func validate(_ data: Data) -> RawBodyReport {
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
                findings: [finding], lines: [:], body: nil, images: [], staticMask: nil, dynamicMasks: [])
        }
        var reader = RawBodyReader()
        return reader.read(root)
    }
}

/// The walk over one body.
private struct RawBodyReader {
    var reader = SchemaReader(dialect: .body)
    var rules: [Finding] = []
    var typed = true

    mutating func read(_ root: SourceNode) -> RawBodyReport {
        let top = JobPath.root
        let known = RequestBody.CodingKeys.allCases.map(\.rawValue)
        guard case .mapping(let entries) = root.kind,
            let fields = reader.mapping(root, at: top, known: known)
        else {
            reader.typeMismatch(root, at: top, expected: "a JSON object")
            return report(body: nil, images: [], staticMask: nil, dynamicMasks: [])
        }
        let before = reader.findings.count
        let modelName = optionalString(fields, "model_name")
        let duration = optionalString(fields, "duration")
        let mode = optionalString(fields, "mode")
        let prompt = optionalString(fields, "prompt")
        let negativePrompt = optionalString(fields, "negative_prompt")
        let callbackURL = optionalString(fields, "callback_url")
        let externalTaskID = optionalString(fields, "external_task_id")
        var cfgScale: Double?
        if let node = fields["cfg_scale"] {
            cfgScale = reader.number(node, at: top.key("cfg_scale"), expected: "a number from 0 to 1")
        }
        typed = reader.findings.count == before

        rules += FieldRules.model(modelName, path: "model_name")
        rules += FieldRules.mode(mode, path: "mode")
        rules += FieldRules.duration(duration, path: "duration")
        if fields["prompt"] == nil {
            reader.missing("prompt", in: top, line: root.line, expected: "a description of the motion")
            typed = false
        } else if prompt != nil {
            rules += FieldRules.prompt(prompt, path: "prompt")
        }
        rules += FieldRules.negativePrompt(negativePrompt, path: "negative_prompt")
        rules += FieldRules.cfgScale(cfgScale, path: "cfg_scale")
        rules += FieldRules.callbackURL(callbackURL, path: "callback_url")
        rules += FieldRules.externalTaskID(externalTaskID, path: "external_task_id")

        let images = imageList(fields["image_list"], root: root)
        var staticMask: BodyMediaItem?
        if let node = fields["static_mask"], let text = reader.string(node, at: top.key("static_mask")) {
            staticMask = media(text, path: "static_mask", isMask: true)
        } else if fields["static_mask"] != nil {
            typed = false
        }
        let groups = dynamicMasks(fields["dynamic_masks"])

        let hasMasks = fields["static_mask"] != nil || !(groups?.isEmpty ?? true)
        if hasMasks {
            for entry in entries where RawBodyValidator.exclusiveWithBrush.contains(entry.key) {
                rules.append(
                    Finding(
                        .error, code: RequestCode.brushConflict, path: entry.key,
                        message:
                            "the body has masks and '\(entry.key)'; the motion brush, camera_control and a tail image exclude each other.",
                        fix: "Remove '\(entry.key)', or remove static_mask and dynamic_masks."))
            }
            rules += FieldRules.brushCapability(
                model: modelName, mode: mode, duration: duration,
                path: fields["dynamic_masks"] != nil ? "dynamic_masks" : "static_mask")
        }

        var body: RequestBody?
        if typed, let images, images.allSatisfy({ $0 != nil }) {
            body = RequestBody(
                modelName: modelName, duration: duration,
                imageList: images.compactMap { $0.map { ImageItem(image: mediaText($0.media)) } },
                prompt: prompt, negativePrompt: negativePrompt, callbackURL: callbackURL, mode: mode,
                cfgScale: cfgScale, staticMask: staticMask.map { mediaText($0.media) },
                dynamicMasks: groups.flatMap { groups in
                    var typedGroups: [DynamicMask] = []
                    for group in groups {
                        guard let mask = group.mask, let points = group.trajectories else { return nil }
                        typedGroups.append(DynamicMask(mask: mediaText(mask.media), trajectories: points))
                    }
                    return typedGroups
                },
                externalTaskID: externalTaskID)
            if fields["dynamic_masks"] != nil, body?.dynamicMasks == nil { body = nil }
        }
        return report(body: body, images: images ?? [], staticMask: staticMask, dynamicMasks: groups ?? [])
    }

    private func report(
        body: RequestBody?, images: [BodyMediaItem?], staticMask: BodyMediaItem?, dynamicMasks: [BodyDynamicMaskItem]
    ) -> RawBodyReport {
        RawBodyReport(
            findings: reader.findings + FindingLines.annotate(rules, lines: reader.lines), lines: reader.lines,
            body: body, images: images,
            staticMask: staticMask, dynamicMasks: dynamicMasks)
    }

    private func mediaText(_ media: BodyMedia) -> String {
        switch media {
        case .url(let text), .base64(let text): text
        }
    }

    private mutating func optionalString(_ fields: [String: SourceNode], _ key: String) -> String? {
        guard let node = fields[key] else { return nil }
        return reader.string(node, at: JobPath.root.key(key))
    }

    // MARK: image_list

    private mutating func imageList(_ node: SourceNode?, root: SourceNode) -> [BodyMediaItem?]? {
        let path = JobPath.root.key("image_list")
        guard let node else {
            reader.missing("image_list", in: .root, line: root.line, expected: "2 to 4 images")
            typed = false
            return nil
        }
        guard let items = reader.sequence(node, at: path, expected: "a list of {\"image\": …} objects") else {
            typed = false
            return nil
        }
        rules += FieldRules.imageCount(items.count, path: "image_list")
        return items.enumerated().map { index, item in
            let itemPath = path.index(index)
            guard let fields = reader.mapping(item, at: itemPath, known: ["image"]) else {
                typed = false
                return nil
            }
            guard let imageNode = fields["image"] else {
                reader.missing("image", in: itemPath, line: item.line, expected: "a public URL or base64")
                typed = false
                return nil
            }
            guard let text = reader.string(imageNode, at: itemPath.key("image")) else {
                typed = false
                return nil
            }
            return media(text, path: itemPath.key("image").description, isMask: false)
        }
    }

    /// Classifies one image or mask string and applies the inline rules.
    private mutating func media(_ text: String, path: String, isMask: Bool) -> BodyMediaItem {
        let media = BodyMedia(text)
        let what = isMask ? "mask" : "image"
        switch media {
        case .url(let url):
            if let problem = FieldRules.urlProblem(url) {
                rules.append(
                    Finding(
                        .error, code: isMask ? RequestCode.maskURLInvalid : RequestCode.imageURLInvalid, path: path,
                        message: "\(path) is the URL \(Quote.short(url)), \(problem); it must be a public http(s) URL.",
                        fix: "Give a full http(s) URL, or the \(what) as base64."))
            }
        case .base64(let base64):
            if let prefix = InlineBase64.dataPrefix(of: base64) {
                rules.append(
                    Finding(
                        .error, code: isMask ? RequestCode.maskDataPrefix : RequestCode.imageDataPrefix, path: path,
                        message:
                            "\(path) starts with \(Quote.short(String(prefix))); the API wants base64 without a data: prefix.",
                        fix: "Remove the text up to and including the first comma."))
            }
            let payload = InlineBase64.strippingDataPrefix(base64)
            if payload.isEmpty {
                rules.append(
                    Finding(
                        .error, code: RequestCode.imageEmpty, path: path,
                        message: "\(path) is empty; a public URL or base64 \(what) is required.",
                        fix: "Give the \(what) as base64 or a URL."))
            } else if !InlineBase64.isValid(payload) {
                rules.append(
                    Finding(
                        .error, code: isMask ? RequestCode.maskBase64Invalid : RequestCode.imageBase64Invalid,
                        path: path,
                        message:
                            "\(path) is neither an http(s) URL nor valid base64 (\(payload.utf8.count) characters; base64 uses A–Z a–z 0–9 + / and '=' padding, in groups of 4).",
                        fix: "Encode the \(what) file with base64 (no line breaks), or give a public URL."))
            }
        }
        return BodyMediaItem(path: path, media: media)
    }

    // MARK: dynamic_masks

    private mutating func dynamicMasks(_ node: SourceNode?) -> [BodyDynamicMaskItem]? {
        guard let node else { return nil }
        let path = JobPath.root.key("dynamic_masks")
        guard let items = reader.sequence(node, at: path, expected: "a list of {mask, trajectories} groups") else {
            typed = false
            return nil
        }
        if let finding = BrushRules.groupCount(items.count, at: "dynamic_masks", in: Self.brushContext) {
            rules.append(finding)
        }
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
                    group.mask = media(text, path: itemPath.key("mask").description, isMask: true)
                }
            } else {
                reader.missing("mask", in: itemPath, line: item.line, expected: "the group's mask")
            }
            if let pointsNode = fields["trajectories"] {
                group.trajectories = trajectory(pointsNode, at: itemPath.key("trajectories"))
            } else {
                reader.missing("trajectories", in: itemPath, line: item.line, expected: "2 to 77 {x, y} points")
            }
            if group.mask == nil || group.trajectories == nil { typed = false }
            groups.append(group)
        }
        return groups
    }

    /// The context the brush rules are judged in until bodies carry their own route.
    private static let brushContext = RuleContext(route: .image2video)

    private mutating func trajectory(_ node: SourceNode, at path: JobPath) -> [APIPoint]? {
        guard let items = reader.sequence(node, at: path, expected: "a list of {\"x\": int, \"y\": int} points") else {
            return nil
        }
        if let finding = BrushRules.pointCount(items.count, at: path.description, asked: false, in: Self.brushContext) {
            rules.append(finding)
        }
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
                    reader.missing(axis, in: pointPath, line: item.line, expected: "an integer pixel coordinate")
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
