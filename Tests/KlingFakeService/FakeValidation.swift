import Foundation

/// A refusal in Kling's terms: HTTP 400 with the envelope's business `code` (1200 invalid
/// request, 1201 invalid parameter; api.md, "Errors").
///
/// Neither CometAPI nor Kling documents the exact answer for each violation below (which code,
/// which message); the fake answers every one with 400 and code 1201 (1200 for a body that is not
/// a JSON object), in the envelope `{"code", "message", "request_id"}`. Clients must treat any
/// 1200–1203 as "fix the body", which is all these tests rely on.
struct FakeRefusal: Error, Sendable {
    let code: Int
    let message: String

    static func parameter(_ message: String) -> FakeRefusal { FakeRefusal(code: 1201, message: message) }
}

/// Checks a create body the way the documentation of its route describes it (api.md,
/// "image2video fields", "multi-image2video fields"), not the way our client writes it.
enum FakeValidation {
    /// The longest prompt and negative prompt, in characters [K].
    static let maximumPromptCharacters = 2500

    /// What the fake keeps of an acceptable create body.
    struct Accepted: Sendable, Equatable {
        var externalID: String?
        var callbackURL: String?
    }

    /// The body's `external_task_id` and `callback_url` when the body is acceptable on `route`.
    static func validateCreate(_ data: Data, route: FakeAPIRoute) -> Result<Accepted, FakeRefusal> {
        guard let value = try? JSONDecoder().decode(FakeJSON.self, from: data), let body = value.object else {
            return .failure(FakeRefusal(code: 1200, message: "the body is not a JSON object"))
        }
        do throws(FakeRefusal) {
            switch route {
            case .image2video: try Image2VideoRules.check(body)
            case .multiImage2video: try MultiImageRules.check(body)
            }
            try checkCommon(body)
            let callbackURL = body["callback_url"]?.string
            guard let external = body["external_task_id"] else { return .success(Accepted(callbackURL: callbackURL)) }
            guard let id = external.string, !id.isEmpty else {
                throw .parameter("external_task_id must be a non-empty string")
            }
            return .success(Accepted(externalID: id, callbackURL: callbackURL))
        } catch {
            return .failure(error)
        }
    }

    /// The fields both routes share: `mode`, `duration`, `prompt`, `negative_prompt`,
    /// `cfg_scale`, `callback_url`.
    static func checkCommon(_ body: [String: FakeJSON]) throws(FakeRefusal) {
        try oneOf(body, "mode", ["std", "pro"])
        if let duration = body["duration"], duration.string.map({ ["5", "10"].contains($0) }) != true {
            throw .parameter("duration must be the string \"5\" or \"10\"")
        }
        for key in ["prompt", "negative_prompt"] {
            guard let field = body[key] else { continue }
            guard let text = field.string else { throw .parameter("\(key) must be a string") }
            if text.count > maximumPromptCharacters {
                throw .parameter("\(key) must be at most \(maximumPromptCharacters) characters, got \(text.count)")
            }
        }
        if let cfg = body["cfg_scale"], cfg.number.map({ (0...1).contains($0) }) != true {
            throw .parameter("cfg_scale must be a number from 0 to 1")
        }
        if let callback = body["callback_url"], callback.string == nil {
            throw .parameter("callback_url must be a string")
        }
    }

    /// `key`, when present, is a string among `allowed`.
    static func oneOf(_ body: [String: FakeJSON], _ key: String, _ allowed: [String], on route: String? = nil)
        throws(FakeRefusal)
    {
        guard let field = body[key] else { return }
        guard let value = field.string, allowed.contains(value) else {
            let shown = field.string.map { "\"\($0)\"" } ?? "a non-string"
            let place = route.map { " on \($0)" } ?? ""
            throw .parameter("\(key) \(shown) is not supported\(place); allowed: \(allowed.joined(separator: ", "))")
        }
    }

    /// An image or mask value: an http(s) URL, or base64 without a `data:` prefix.
    static func checkImage(_ value: FakeJSON?, at key: String) throws(FakeRefusal) {
        guard let value else { throw .parameter("\(key) is required") }
        guard let text = value.string, !text.isEmpty else { throw .parameter("\(key) must be a non-empty string") }
        if text.hasPrefix("http://") || text.hasPrefix("https://") { return }
        if text.hasPrefix("data:") { throw .parameter("\(key): base64 must not carry a data: prefix") }
        guard Data(base64Encoded: text) != nil else { throw .parameter("\(key) is not valid base64") }
    }
}
