import Crypto
import Foundation

/// Kling's API token (api.md, "Auth"): a JWT with header `{"alg":"HS256","typ":"JWT"}` and claims
/// `iss` (the access key), `exp` and `nbf` (seconds since 1970), signed with HMAC-SHA256 under
/// the secret key (swift-crypto's `HMAC<SHA256>`), base64url without padding.
enum KlingJWT {
    /// How long a token is valid: the documented example's 1800 s.
    static let lifetime: TimeInterval = 1800
    /// How far back `nbf` is set, so a service clock slightly behind ours accepts it (the
    /// documented example's 5 s).
    static let notBeforeLeeway: TimeInterval = 5

    /// A token for `keys`, valid from `now - 5 s` to `now + 1800 s`.
    static func sign(_ keys: KlingKeys, now: Date) -> (token: String, expires: Date) {
        let issued = now.timeIntervalSince1970.rounded(.down)
        let expires = issued + lifetime
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let claims =
            "{\"iss\":\(jsonString(keys.accessKey)),\"exp\":\(Int64(expires)),\"nbf\":\(Int64(issued - notBeforeLeeway))}"
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let key = SymmetricKey(data: Data(keys.secretKey.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return (signingInput + "." + base64URL(Data(signature)), Date(timeIntervalSince1970: expires))
    }

    /// Base64url without padding (RFC 7515, section 2).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func jsonString(_ s: String) -> String {
        guard let data = try? JSONEncoder().encode(s), let text = String(data: data, encoding: .utf8) else {
            return "\"\""
        }
        return text
    }
}
