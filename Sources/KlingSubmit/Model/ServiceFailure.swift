/// A Kling business error: the envelope's `code` and `message` with the HTTP status
/// (api.md, "Errors").
public struct ServiceFailure: Sendable, Equatable, Codable {
    /// The envelope's `code` (for example 1101).
    public let code: Int
    /// The envelope's `message`, as the service wrote it.
    public let message: String
    /// The envelope's `request_id`, when present.
    public let requestID: String?
    /// The HTTP status of the answer.
    public let httpStatus: Int
    /// The path that answered (for example `/kling/v1/videos/multi-image2video`).
    public let endpoint: String

    /// Creates a failure from its parts.
    public init(code: Int, message: String, requestID: String?, httpStatus: Int, endpoint: String) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
        self.endpoint = endpoint
    }

    /// The family the code belongs to.
    public var family: ServiceErrorFamily { ServiceErrorFamily(code: code, httpStatus: httpStatus) }

    /// Whether waiting and asking again can help (rate and concurrency limits, server errors).
    public var isRetryable: Bool {
        switch code {
        case 1302, 1303, 5000...5002: return true
        default: return family == .unknown && (httpStatus == 429 || httpStatus >= 500)
        }
    }

    /// A sentence a person can act on, with the service's own message and the request id.
    public var sentence: String {
        let advice: String
        switch code {
        case 1000, 1002:
            advice =
                "The credentials were rejected. Check COMETAPI_KEY (cometapi), or KLING_ACCESS_KEY and KLING_SECRET_KEY (kling), or the key file"
        case 1001: advice = "The request carried no usable Authorization header"
        case 1003: advice = "The token is not valid yet (is this machine's clock ahead?)"
        case 1004: advice = "The token or key has expired"
        case 1100: advice = "The account has a problem. Check it in the service's console"
        case 1101: advice = "The account is in arrears. Top up the balance"
        case 1102: advice = "The credit or resource pack is used up or expired. Top up the balance"
        case 1103: advice = "The key has no access to this model or endpoint"
        case 1200, 1201: advice = "The service rejected a parameter. Fix the request body"
        case 1202: advice = "The service rejected the request method or path. Check --base-url"
        case 1203: advice = "The service does not know the requested resource (model or task)"
        case 1300: advice = "The platform's policy refused the request"
        case 1301: advice = "The content filter refused the request. Change the prompt or images"
        case 1302: advice = "Rate limit reached. Wait a little and try again"
        case 1303: advice = "Too many tasks at once for the account. Wait for running tasks to finish"
        case 1304: advice = "The request's IP address is not on the account's allow-list"
        case 5000: advice = "The service had an internal error. Try again later"
        case 5001: advice = "The service is temporarily unavailable. Try again later"
        case 5002: advice = "The service timed out internally. Try again later"
        default:
            switch family {
            case .authentication: advice = "Authentication failed. Check the API key"
            case .account: advice = "The account cannot run this request. Check it in the console"
            case .badRequest: advice = "The service rejected the request. Fix the request body"
            case .policy: advice = "A policy or limit refused the request"
            case .server: advice = "The service failed. Try again later"
            case .unknown: advice = "The service refused the request"
            }
        }
        let said = message.isEmpty ? "" : " (service said: \(message))"
        let rid = requestID.map { "; request id \($0)" } ?? ""
        return "\(advice)\(said) [code \(code), HTTP \(httpStatus)\(rid)]."
    }
}

/// The families of Kling business codes (api.md, "Errors").
public enum ServiceErrorFamily: String, Sendable, Equatable, Codable {
    /// 1000–1004: bad or expired key.
    case authentication
    /// 1100–1103: no balance, no access.
    case account
    /// 1200–1203: invalid or missing parameter, bad method, resource not found.
    case badRequest
    /// 1300–1304: content filter, rate limit, concurrency limit.
    case policy
    /// 5000–5002: server errors.
    case server
    /// Any other code.
    case unknown

    /// The family of `code`; unknown codes fall back on the HTTP status.
    public init(code: Int, httpStatus: Int) {
        switch code {
        case 1000...1099: self = .authentication
        case 1100...1199: self = .account
        case 1200...1299: self = .badRequest
        case 1300...1399: self = .policy
        case 5000...5099: self = .server
        default: self = .unknown
        }
    }
}
