/// An error in CometAPI's gateway dialect (api.md, "Errors", [C-err]):
/// `{"error": {"code": "…", "message": "…", "type": "…"}}` with the HTTP status.
public struct GatewayFailure: Sendable, Equatable, Codable {
    /// `error.code`, e.g. `invalid_request` (may be empty).
    public let code: String
    /// `error.message`, as the gateway wrote it (secrets redacted).
    public let message: String
    /// `error.type`, when present.
    public let type: String?
    /// The HTTP status of the answer.
    public let httpStatus: Int
    /// The path that answered.
    public let endpoint: String

    /// Creates a failure from its parts.
    public init(code: String, message: String, type: String?, httpStatus: Int, endpoint: String) {
        self.code = code
        self.message = message
        self.type = type
        self.httpStatus = httpStatus
        self.endpoint = endpoint
    }

    /// The body is wrong and sending it again cannot help: `invalid_request` (even with HTTP 500,
    /// which [C-err] says must not be retried) or any 400.
    public var isInvalidRequest: Bool { code == "invalid_request" || httpStatus == 400 || httpStatus == 422 }

    /// The credentials were refused.
    public var isAuthentication: Bool { httpStatus == 401 || httpStatus == 403 }

    /// A sentence a person can act on, with the gateway's own message.
    public var sentence: String {
        let advice: String
        if isInvalidRequest {
            advice = "The gateway refused the request as invalid; fix the body, sending it again cannot help"
        } else if isAuthentication {
            advice = "The gateway refused the credentials. Check COMETAPI_KEY or --api-key-file"
        } else if httpStatus == 429 {
            advice = "The gateway's rate limit was reached. Wait a little and try again"
        } else if httpStatus >= 500 {
            advice = "The gateway failed. Try again later"
        } else {
            advice = "The gateway refused the request"
        }
        let said = message.isEmpty ? "" : " (gateway said: \(message))"
        let kind = [code.isEmpty ? nil : code, type].compactMap { $0 }.joined(separator: ", ")
        return "\(advice)\(said) [\(kind.isEmpty ? "" : kind + ", ")HTTP \(httpStatus) from \(endpoint)]."
    }
}

/// The gateway's error body, for decoding.
struct GatewayErrorBody: Decodable {
    struct Detail: Decodable {
        let code: String?
        let message: String?
        let type: String?

        enum CodingKeys: String, CodingKey { case code, message, type }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeLossyString(forKey: .code)
            message = try c.decodeLossyString(forKey: .message)
            type = try c.decodeLossyString(forKey: .type)
        }
    }

    let error: Detail
}
