import Foundation
public import KlingCheck

extension FieldRules {
    /// Every field finding of `fields` in `context`, in the order of the job file's keys.
    public static func check(_ fields: RequestFields, context: RuleContext) -> [Finding] {
        let paths = fields.paths
        var findings: [Finding] = []
        findings += imageCount(fields.imageCount, path: paths.images, context: context)
        findings += model(fields.model, path: paths.model, context: context)
        findings += mode(fields.mode, path: paths.mode, context: context)
        findings += duration(fields.duration, path: paths.duration, context: context)
        findings += prompt(fields.prompt, path: paths.prompt, context: context)
        findings += negativePrompt(fields.negativePrompt, path: paths.negativePrompt, context: context)
        findings += cfgScale(fields.cfgScale, model: fields.model, path: paths.cfgScale, context: context)
        findings += callbackURL(fields.callbackURL, path: paths.callbackURL, context: context)
        findings += externalTaskID(fields.externalTaskID, path: paths.externalTaskID, context: context)
        findings += routeFields(fields, context: context)
        if let cameraControl = fields.cameraControl, context.route == .image2video {
            findings += self.cameraControl(cameraControl, path: paths.cameraControl, context: context)
        }
        if let aspectRatio = fields.aspectRatio, context.route == .multiImage2video,
            !aspectRatios.contains(aspectRatio)
        {
            findings += [
                aspectRatioUnknown.finding(
                    "\(paths.aspectRatio) is \(Quote.short(aspectRatio)); it must be \(aspectRatios.joined(separator: ", ")).",
                    at: paths.aspectRatio, in: context)
            ].compactMap { $0 }
        }
        return findings
    }

    /// Counts characters as the rules do: Unicode scalars (code points), never more lenient
    /// than grapheme clusters, and what servers in Python, Go or Java count.
    public static func characterCount(_ text: String) -> Int { text.unicodeScalars.count }

    static func imageCount(_ count: Int, path: String, context: RuleContext) -> [Finding] {
        let range = context.route == .image2video ? 1...1 : 1...maximumImages
        let what = context.route == .image2video ? "exactly 1 image" : "1 to 4 images"
        if !range.contains(count) {
            let fix =
                context.route == .image2video
                ? (count == 0
                    ? "Add the image."
                    : "Keep one image, or use route: multi-image2video for 2 to 4 (brushes then need image2video).")
                : (count == 0 ? "Add an image." : "Remove \(count - 4) image(s).")
            return [
                imagesCount.finding(
                    "\(path) has \(plural(count, "image")); \(context.route) takes \(what).", at: path, fix: fix,
                    in: context)
            ].compactMap { $0 }
        }
        if context.route == .multiImage2video, count == 1 {
            return [
                imagesCountOlderPage.finding(
                    "\(path) has 1 image; the older CometAPI page of multi-image2video asked for 2 to 4.", at: path,
                    in: context)
            ].compactMap { $0 }
        }
        return []
    }

    static func model(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value else { return [] }
        let names = Models.names(on: context.route)
        if names.contains(value) { return [] }
        if Models.known.contains(value) {
            return [
                modelNotOnRoute.finding(
                    "\(path) is \(Quote.short(value)), which \(context.route) does not take; it takes \(names.joined(separator: ", ")).",
                    at: path,
                    fix: context.route == .multiImage2video
                        ? "Use kling-v1-6 (or leave model out), or send the job on image2video with one image."
                        : "Use one of \(names.joined(separator: ", ")).", in: context)
            ].compactMap { $0 }
        }
        let suggestion = KeySuggestion.suggestion(for: value, among: names, useAliases: false)
        return [
            modelUnknown.finding(
                "\(path) is \(Quote.short(value)), which KlingPrep does not know; \(context.route) documents \(names.joined(separator: ", ")).",
                at: path,
                fix: suggestion.map { "Did you mean '\($0)'?" }
                    ?? "Check the name against the service's model list; \(context.route) uses \(Models.defaultModel(on: context.route)) when model is left out.",
                in: context)
        ].compactMap { $0 }
    }

    static func mode(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value, !modes.contains(value) else { return [] }
        return [
            modeUnknown.finding(
                "\(path) is \(Quote.short(value)); it must be \(modes.joined(separator: " or ")).", at: path,
                in: context)
        ].compactMap { $0 }
    }

    static func duration(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value, !durations.contains(value) else { return [] }
        return [
            durationUnknown.finding(
                "\(path) is \(Quote.short(value)); it must be \(durations.joined(separator: " or ")) (seconds).",
                at: path, in: context)
        ].compactMap { $0 }
    }

    static func prompt(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            let state = value == nil ? "missing" : "empty"
            let message =
                context.route == .multiImage2video
                ? "\(path) is \(state); multi-image2video requires a prompt."
                : "\(path) is \(state); the motion then comes from the image (and any brush) alone."
            return [promptMissing.finding(message, at: path, in: context)].compactMap { $0 }
        }
        return length(
            value, path: path, limit: maximumPromptCharacters, rule: promptTooLong,
            older: olderPagePromptCharacters, olderRule: promptOlderPageLimit, context: context)
    }

    static func negativePrompt(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value else { return [] }
        return length(
            value, path: path, limit: maximumPromptCharacters, rule: negativePromptTooLong,
            older: olderPageNegativePromptCharacters, olderRule: negativePromptOlderPageLimit, context: context)
    }

    private static func length(
        _ value: String, path: String, limit: Int, rule: Rule, older: Int, olderRule: Rule, context: RuleContext
    ) -> [Finding] {
        let count = characterCount(value)
        if count > limit {
            return [
                rule.finding(
                    "\(path) has \(count) characters; at most \(limit) are allowed (counted as Unicode code points).",
                    at: path, fix: "Shorten it by \(count - limit) character\(count - limit == 1 ? "" : "s").",
                    in: context)
            ].compactMap { $0 }
        }
        if count > older {
            return [
                olderRule.finding(
                    "\(path) has \(count) characters; the older CometAPI page allowed \(older), the current pages \(limit).",
                    at: path, fix: "Shorten it to \(older) characters to be safe with older deployments.", in: context)
            ].compactMap { $0 }
        }
        return []
    }

    static func cfgScale(_ value: Double?, model: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value else { return [] }
        var findings: [Finding] = []
        if let finding = cfgScaleRouteUndocumented.finding(
            "\(path) is set on multi-image2video; the current pages document it on image2video only.", at: path,
            fix: context.allowUndocumented
                ? "Remove cfg_scale, or use image2video, which documents it."
                : "Remove cfg_scale, or set allow_undocumented_fields: true to send it as the older page listed it.",
            in: context)
        {
            findings.append(finding)
            if finding.severity == .error { return findings }
        }
        if !value.isFinite || !cfgScale.contains(value) {
            findings += [
                cfgScaleOutOfRange.finding(
                    "\(path) is \(value); it must lie from \(cfgScale.lowerBound) to \(cfgScale.upperBound).", at: path,
                    in: context)
            ].compactMap { $0 }
        }
        if let model, Models.isVersion2(model) {
            findings += [
                cfgScaleModel.finding(
                    "\(path) is set with \(model); the v2.x models take no cfg_scale.", at: path, in: context)
            ].compactMap { $0 }
        }
        return findings
    }

    static func callbackURL(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value else { return [] }
        guard let problem = urlProblem(value) else {
            guard let host = privateHost(value) else { return [] }
            return [
                MediaRules.urlNotPublic.finding(
                    "\(path) is \(Quote.short(value)), whose host \(host) is not public: the service cannot call it back.",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        return [
            callbackURLInvalid.finding(
                "\(path) is \(Quote.short(value)), \(problem); it must be an absolute http(s) URL.", at: path,
                in: context)
        ].compactMap { $0 }
    }

    /// Why `value` is not an absolute http(s) URL with a host, or `nil` when it is.
    static func urlProblem(_ value: String) -> String? {
        if value.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }) {
            return "which contains spaces or control characters"
        }
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased() else {
            return "which is not a URL"
        }
        guard scheme == "http" || scheme == "https" else { return "whose scheme is '\(scheme)'" }
        guard let host = components.host, !host.isEmpty else { return "which has no host" }
        return nil
    }

    /// The host of `value` when it is a loopback or private address the service cannot reach.
    static func privateHost(_ value: String) -> String? {
        guard let host = URLComponents(string: value)?.host, isPrivate(host: host.lowercased()) else { return nil }
        return host
    }

    /// True for loopback, link-local and private-range hosts (`localhost`, 127/8, 10/8,
    /// 172.16/12, 192.168/16, 169.254/16, `::1`, `*.local`), which the service cannot fetch
    /// from or call back.
    static func isPrivate(host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare.hasSuffix(".localhost") || bare.hasSuffix(".local") || bare == "::1" {
            return true
        }
        let parts = bare.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4, bare.split(separator: ".").count == 4 else { return false }
        switch (parts[0], parts[1]) {
        case (127, _), (10, _), (0, _): return true
        case (172, 16...31), (192, 168), (169, 254): return true
        default: return false
        }
    }

    static func externalTaskID(_ value: String?, path: String, context: RuleContext) -> [Finding] {
        guard let value else { return [] }
        if value.isEmpty {
            return [
                externalTaskIDEmpty.finding(
                    "\(path) is empty; it must be a non-empty id, unique for your account.", at: path, in: context)
            ].compactMap { $0 }
        }
        var findings: [Finding] = []
        let bad = value.unicodeScalars.filter {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .unassigned || $0.properties.generalCategory == .surrogate
        }
        if let first = bad.first {
            findings += [
                externalTaskIDNotPrintable.finding(
                    "\(path) is \(Quote.short(value)), which contains \(plural(bad.count, "space or control character", "space or control characters")) (first U+\(String(format: "%04X", first.value))); only printable characters without spaces are allowed.",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        let count = characterCount(value)
        if count > maximumExternalTaskIDCharacters {
            findings += [
                externalTaskIDTooLong.finding(
                    "\(path) has \(count) characters; at most \(maximumExternalTaskIDCharacters) are allowed.",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        return findings
    }

    /// Fields set on the wrong route, and image2video's mutually exclusive fields.
    static func routeFields(_ fields: RequestFields, context: RuleContext) -> [Finding] {
        let paths = fields.paths
        var findings: [Finding] = []
        func notOnRoute(_ path: String, owner: Route) {
            findings += [
                fieldNotOnRoute.finding(
                    "\(path) is a \(owner) field; this is checked for \(context.route), which does not take it.",
                    at: path,
                    fix: "Remove \(path), or use route: \(owner).", in: context)
            ].compactMap { $0 }
        }
        switch context.route {
        case .image2video:
            if fields.aspectRatio != nil { notOnRoute(paths.aspectRatio, owner: .multiImage2video) }
            if fields.watermark != nil { notOnRoute(paths.watermark, owner: .multiImage2video) }
            var present: [String] = []
            if fields.hasBrush { present.append(paths.brushes) }
            if fields.hasTail { present.append(paths.tail) }
            if fields.cameraControl != nil { present.append(paths.cameraControl) }
            if present.count > 1, let last = present.last {
                findings += [
                    exclusiveFields.finding(
                        "\(present.joined(separator: " and ")) are set together; the tail image, the motion brush and camera_control exclude each other.",
                        at: last, fix: "Keep one of \(present.joined(separator: ", ")).", in: context)
                ].compactMap { $0 }
            }
            if fields.hasTail, fields.duration == "10" {
                findings += [
                    tailDuration.finding(
                        "duration is 10 s with a tail image; it is documented for 5 s only.", at: paths.tail,
                        in: context)
                ].compactMap { $0 }
            }
        case .multiImage2video:
            if fields.hasTail { notOnRoute(paths.tail, owner: .image2video) }
            if fields.cameraControl != nil { notOnRoute(paths.cameraControl, owner: .image2video) }
        }
        return findings
    }

    static func cameraControl(_ control: CameraControl, path: String, context: RuleContext) -> [Finding] {
        guard CameraControl.types.contains(control.type) else {
            return [
                cameraControlType.finding(
                    "\(path).type is \(Quote.short(control.type)); it must be one of \(CameraControl.types.joined(separator: ", ")).",
                    at: "\(path).type", in: context)
            ].compactMap { $0 }
        }
        let configPath = "\(path).config"
        if control.type != "simple" {
            guard control.config != nil else { return [] }
            return [
                cameraControlConfig.finding(
                    "\(configPath) is set with type \(control.type); only type simple takes a config.", at: configPath,
                    fix: "Remove config, or use type simple.", in: context)
            ].compactMap { $0 }
        }
        let set = (control.config?.setAxes ?? []).filter { $0.value != 0 }
        if set.count != 1 {
            let seen = set.isEmpty ? "none" : set.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
            return [
                cameraControlConfig.finding(
                    "\(configPath) must set exactly one of \(CameraConfig.axes.joined(separator: ", ")) to a non-zero value; found \(seen).",
                    at: configPath, fix: "Give one axis, e.g. config: {zoom: 5}.", in: context)
            ].compactMap { $0 }
        }
        if let axis = set.first, !axis.value.isFinite || !cameraAxisRange.contains(axis.value) {
            return [
                cameraControlConfig.finding(
                    "\(configPath).\(axis.name) is \(axis.value); it must lie in -10..10.",
                    at: "\(configPath).\(axis.name)",
                    fix: "Use a value from -10 to 10, not 0.", in: context)
            ].compactMap { $0 }
        }
        return []
    }

    /// `1 image`, `2 images`.
    static func plural(_ count: Int, _ one: String, _ many: String? = nil) -> String {
        "\(count) \(count == 1 ? one : many ?? one + "s")"
    }
}
