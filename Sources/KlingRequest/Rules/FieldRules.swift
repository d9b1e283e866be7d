import Foundation
import KlingCheck

/// The API's rules for single fields (api.md, "Create a task"), shared by the job validator and
/// the raw-body validator. Each rule returns its findings at the path it is given.
///
/// **Characters.** Prompt lengths count Unicode scalars (code points, `unicodeScalars.count`),
/// not grapheme clusters (`String.count`) nor bytes: the service is documented in "characters",
/// and servers written in Python/Go/Java count code points (or UTF-16 units, which differ only
/// for characters outside the BMP). Counting scalars is never more lenient than counting
/// graphemes, so a prompt we pass is not rejected for a combined emoji or accent.
public enum FieldRules {
    /// The field rules of the rule book (filled as the checks move into it).
    public static let rules: [Rule] = []

    /// The longest `external_task_id`, in Unicode scalars. The API documents no bound; 128 is
    /// KlingPrep's own (the same as the submitter's) — generated ids are 46 characters.
    public static let maximumExternalTaskIDCharacters = 128

    /// Counts characters as this module does: Unicode scalars.
    public static func characterCount(_ text: String) -> Int { text.unicodeScalars.count }

    /// `prompt`: required, non-empty, ≤ `APILimits.maximumPromptCharacters` scalars
    /// (api.md, `prompt`; CometAPI's 500 is stricter than Kling's 2500).
    public static func prompt(_ value: String?, path: String = "prompt") -> [Finding] {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return [
                Finding(
                    .error, code: RequestCode.promptEmpty, path: path,
                    message:
                        "\(path) is \(value == nil ? "missing" : "empty"); the motion to generate must be described.",
                    fix: "Write a short prompt, e.g. \"The person turns and walks away.\"")
            ]
        }
        return length(
            value, path: path, limit: APILimits.maximumPromptCharacters, code: RequestCode.promptTooLong)
    }

    /// `negative_prompt`: ≤ `APILimits.maximumNegativePromptCharacters` scalars (api.md,
    /// `negative_prompt`).
    public static func negativePrompt(_ value: String?, path: String = "negative_prompt") -> [Finding] {
        guard let value else { return [] }
        return length(
            value, path: path, limit: APILimits.maximumNegativePromptCharacters,
            code: RequestCode.negativePromptTooLong)
    }

    private static func length(_ value: String, path: String, limit: Int, code: String) -> [Finding] {
        let count = characterCount(value)
        guard count > limit else { return [] }
        return [
            Finding(
                .error, code: code, path: path,
                message:
                    "\(path) has \(count) characters; at most \(limit) are allowed (counted as Unicode code points).",
                fix: "Shorten it by \(count - limit) characters.")
        ]
    }

    /// `cfg_scale`: a finite number in `APILimits.cfgScale` (api.md, `cfg_scale`).
    public static func cfgScale(_ value: Double?, path: String = "cfg_scale") -> [Finding] {
        guard let value else { return [] }
        guard value.isFinite, APILimits.cfgScale.contains(value) else {
            return [
                Finding(
                    .error, code: RequestCode.cfgScaleOutOfRange, path: path,
                    message:
                        "\(path) is \(value); it must lie from \(APILimits.cfgScale.lowerBound) to \(APILimits.cfgScale.upperBound).",
                    fix: "Use a value from 0 (free) to 1 (follow the prompt closely), e.g. 0.5.")
            ]
        }
        return []
    }

    /// `mode`: one of `APILimits.modes` (api.md, `mode`).
    public static func mode(_ value: String?, path: String = "mode") -> [Finding] {
        guard let value, !APILimits.modes.contains(value) else { return [] }
        let allowed = APILimits.modes.sorted(by: >).joined(separator: " or ")  // "std or pro"
        return [
            Finding(
                .error, code: RequestCode.modeUnknown, path: path,
                message: "\(path) is \(Quote.short(value)); it must be \(allowed).",
                fix: "Use 'std' (faster) or 'pro' (higher quality).")
        ]
    }

    /// `duration`: one of `APILimits.durations`, in seconds (api.md, `duration`).
    public static func duration(_ value: String?, path: String = "duration") -> [Finding] {
        guard let value, !APILimits.durations.contains(value) else { return [] }
        let allowed = APILimits.durations.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.joined(separator: " or ")
        return [
            Finding(
                .error, code: RequestCode.durationUnknown, path: path,
                message: "\(path) is \(Quote.short(value)); it must be \(allowed) (seconds).",
                fix: "Use 5 or 10.")
        ]
    }

    /// `model_name`: a name in ``KnownModels``, else a warning (api.md, `model_name`).
    public static func model(_ value: String?, path: String = "model") -> [Finding] {
        guard let value, !KnownModels.isKnown(value) else { return [] }
        let suggestion = KeySuggestion.suggestion(for: value, among: KnownModels.names, useAliases: false)
        return [
            Finding(
                .warning, code: RequestCode.modelUnknown, path: path,
                message:
                    "\(path) is \(Quote.short(value)), which KlingPrep does not know; known: \(KnownModels.names.joined(separator: ", ")).",
                fix: suggestion.map { "Did you mean '\($0)'?" }
                    ?? "Check the name against the service's model list; kling-v1-6 is the suggested start.")
        ]
    }

    /// `callback_url`: an absolute `http`/`https` URL with a host (api.md, `callback_url`).
    public static func callbackURL(_ value: String?, path: String = "callback_url") -> [Finding] {
        guard let value else { return [] }
        guard let problem = urlProblem(value) else { return [] }
        return [
            Finding(
                .error, code: RequestCode.callbackURLInvalid, path: path,
                message: "\(path) is \(Quote.short(value)), \(problem); it must be an absolute http(s) URL.",
                fix: "Use a full URL such as https://example.com/kling-hook, or leave callback_url out.")
        ]
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

    /// `external_task_id`: non-empty, no spaces or control characters, at most
    /// ``maximumExternalTaskIDCharacters`` scalars (api.md, `external_task_id`).
    public static func externalTaskID(_ value: String?, path: String = "external_task_id") -> [Finding] {
        guard let value else { return [] }
        if value.isEmpty {
            return [
                Finding(
                    .error, code: RequestCode.externalTaskIDEmpty, path: path,
                    message: "\(path) is empty; it must be a non-empty id, unique for your account.",
                    fix: "Leave external_task_id out to have one generated, or give a unique id.")
            ]
        }
        var findings: [Finding] = []
        let bad = value.unicodeScalars.filter {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .unassigned || $0.properties.generalCategory == .surrogate
        }
        if let first = bad.first {
            findings.append(
                Finding(
                    .error, code: RequestCode.externalTaskIDNotPrintable, path: path,
                    message:
                        "\(path) is \(Quote.short(value)), which contains \(bad.count) space or control character\(bad.count == 1 ? "" : "s") (first U+\(String(format: "%04X", first.value))); only printable characters without spaces are allowed.",
                    fix: "Use letters, digits and '-', '_', '.' only."))
        }
        let count = characterCount(value)
        if count > maximumExternalTaskIDCharacters {
            findings.append(
                Finding(
                    .error, code: RequestCode.externalTaskIDTooLong, path: path,
                    message: "\(path) has \(count) characters; at most \(maximumExternalTaskIDCharacters) are allowed.",
                    fix: "Use a shorter id."))
        }
        return findings
    }

    /// Image count: `APILimits.imageCount` (api.md, `image_list`).
    public static func imageCount(_ count: Int, path: String = "images") -> [Finding] {
        guard !APILimits.imageCount.contains(count) else { return [] }
        let range = APILimits.imageCount
        return [
            Finding(
                .error, code: RequestCode.imagesCount, path: path,
                message:
                    "\(path) has \(count) image\(count == 1 ? "" : "s"); \(range.lowerBound) to \(range.upperBound) are required.",
                fix: count < range.lowerBound
                    ? "Add \(range.lowerBound - count) image(s)." : "Remove \(count - range.upperBound) image(s).")
        ]
    }

    /// Brush capability (api.md, "Brush rules in more detail"): `duration` 10 with a brush is a
    /// warning; a model/mode outside ``BrushCapability/documented`` is a warning. Absent values
    /// are the service's defaults, which are not documented for brushes except duration (5).
    /// A `mode` or `duration` that breaks its own rule gets no capability warning on top.
    public static func brushCapability(model: String?, mode: String?, duration: String?, path: String) -> [Finding] {
        var findings: [Finding] = []
        if let duration, !BrushCapability.documentedDurations.contains(duration), APILimits.durations.contains(duration)
        {
            findings.append(
                Finding(
                    .warning, code: RequestCode.brushDurationUnsupported, path: path,
                    message:
                        "duration is \(duration) s with a brush; the service documents brushes for 5 s videos only.",
                    fix: "Use duration 5, or expect the brush to be ignored or the task to fail."))
        }
        let modeValid = mode.map { APILimits.modes.contains($0) } ?? true
        guard modeValid else { return findings }
        if let model, let mode {
            if !BrushCapability.isDocumented(model: model, mode: mode) {
                findings.append(
                    Finding(
                        .warning, code: RequestCode.brushCapabilityUnlisted, path: path,
                        message:
                            "brushes with \(model) in \(mode) mode are not in the documented capability table (\(BrushCapability.summary)).",
                        fix:
                            "Use kling-v1 (std or pro) or kling-v1-5 pro for brushes, or check that your model supports them."
                    ))
            }
        } else {
            // The service's defaults are not stated in api.md: say so once, quietly.
            findings.append(
                Finding(
                    .info, code: RequestCode.brushCapabilityUnlisted, path: path,
                    message:
                        "the \(model == nil ? "model" : "mode") is left to the service's default; brushes are documented for \(BrushCapability.summary) only.",
                    fix: "Set model and mode explicitly, e.g. model: kling-v1 and mode: std."))
        }
        return findings
    }
}
