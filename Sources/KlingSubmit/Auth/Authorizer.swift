import Foundation
import Synchronization

/// Produces the `Authorization` header of every request to the service, and knows every secret
/// value that must never leave the process (api.md, "Auth").
///
/// For CometAPI the header is the key. For Kling it is a JWT, cached and signed again once less
/// than ``resignMargin`` of its life is left, so a long wait never sends an expired token; after
/// a 401 with code 1003 or 1004 the client asks for a fresh one (``header(fresh:)``) and repeats
/// the request once.
final class Authorizer: Sendable {
    /// Sign again when a token has less than this left (seconds).
    static let resignMargin: TimeInterval = 300
    /// Tokens remembered for redaction (a token lives 30 minutes; a wait of days signs ~50).
    static let rememberedTokens = 256

    let credentials: Credentials
    let now: @Sendable () -> Date
    private let state = Mutex<(token: String, expires: Date)?>(nil)
    private let issued = Mutex<[String]>([])

    /// - Parameter now: the clock tokens are signed by (injectable for tests).
    init(credentials: Credentials, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.now = now
    }

    /// The header value: `Bearer <key>` or `Bearer <JWT>`; `fresh` signs a new token even if the
    /// cached one has time left.
    func header(fresh: Bool = false) -> String {
        switch credentials {
        case .apiKey(let key):
            return "Bearer " + key.secret
        case .kling(let keys):
            let current = now()
            let token = state.withLock { cached -> String in
                if !fresh, let cached, cached.expires.timeIntervalSince(current) > Self.resignMargin {
                    return cached.token
                }
                let signed = KlingJWT.sign(keys, now: current)
                cached = signed
                return signed.token
            }
            issued.withLock { list in
                if list.last != token {
                    list.append(token)
                    if list.count > Self.rememberedTokens { list.removeFirst(list.count - Self.rememberedTokens) }
                }
            }
            return "Bearer " + token
        }
    }

    /// Whether these credentials can be signed again (a JWT), so that a 1003/1004 is worth a retry.
    var canResign: Bool {
        if case .kling = credentials { return true }
        return false
    }

    /// Every secret value: the key, or the key pair and every token signed so far — whole, and
    /// its claims and signature segments apart (the claims carry the access key), longest first
    /// so a whole token is redacted before its parts. Answers are redacted of all of them before
    /// they are read.
    var secrets: [String] {
        let tokens = issued.withLock { $0 }
        let segments = tokens.flatMap { $0.split(separator: ".").dropFirst().map(String.init) }
        return (credentials.secrets + tokens + segments).sorted { $0.count > $1.count }
    }
}
