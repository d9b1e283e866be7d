import Synchronization
import Foundation
import Hummingbird

/// The `Authorization` check of each backend (api.md, "Auth", "Errors").
extension FakeRoutes {
    /// `nil` when the request may proceed, else the 401 refusal (counted per code).
    func authorize(_ request: Request) -> Response? {
        guard let failure = authorizationFailure(request.headers[.authorization]) else { return nil }
        service.state.withLock {
            $0.authorizationFailures += 1
            $0.authorizationFailuresByCode[failure.code, default: 0] += 1
        }
        return refusal(.unauthorized, code: failure.code, message: failure.message)
    }

    func authorizationFailure(_ header: String?) -> FakeAuthFailure? {
        guard let header else { return FakeAuthFailure(code: 1001, message: "Authorization is empty") }
        switch service.backend {
        case .cometapi(let key):
            guard header == "Bearer \(key)" else {
                // Like some real gateways, echo what was presented: the client must not repeat it.
                return FakeAuthFailure(code: 1002, message: "Authorization is invalid: \(header)")
            }
            return nil
        case .kling(let accessKey, let secretKey):
            guard header.hasPrefix("Bearer ") else {
                return FakeAuthFailure(code: 1002, message: "Authorization is invalid: \(header)")
            }
            let token = String(header.dropFirst("Bearer ".count))
            let offset = service.state.withLock { state -> Double in
                state.presentedTokens.append(token)
                return state.switches.clockOffset
            }
            let now = Date().timeIntervalSince1970 + offset
            return FakeJWT.check(token, accessKey: accessKey, secretKey: secretKey, now: now)
        }
    }
}
