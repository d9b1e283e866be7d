import Crypto
import Foundation

/// A refusal of the `Authorization` header: HTTP 401 with Kling's business code (api.md,
/// "Errors": 1001 empty, 1002 invalid, 1003 not yet valid, 1004 expired).
struct FakeAuthFailure: Error, Sendable, Equatable {
    let code: Int
    let message: String
}

/// Checks Kling's JWT as api.md ("Auth") describes it, written from the documentation alone:
/// header `{"alg":"HS256","typ":"JWT"}`, claims `iss` = access key, `exp`, `nbf`, signed with
/// the secret key (HMAC-SHA256 over `header.payload`), every part base64url without padding.
///
/// Assumptions (the documentation does not say): a header with any other member, padding or
/// standard-base64 characters in a part, or a missing or non-numeric `exp` or `nbf` is invalid
/// (1002); there is no leeway: `nbf` later than now is 1003, `exp` at or before now is 1004;
/// `nbf` is checked before `exp`.
enum FakeJWT {
    /// `nil` when `token` is valid for `accessKey`/`secretKey` at `now` (seconds since 1970).
    static func check(_ token: String, accessKey: String, secretKey: String, now: Double) -> FakeAuthFailure? {
        let invalid = FakeAuthFailure(code: 1002, message: "Authorization is invalid: Bearer \(token)")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerBytes = decode(parts[0]), let payloadBytes = decode(parts[1]),
            let signature = decode(parts[2])
        else { return invalid }
        guard let header = try? JSONDecoder().decode(FakeJSON.self, from: headerBytes).object,
            header.count == 2, header["alg"]?.string == "HS256", header["typ"]?.string == "JWT"
        else { return invalid }
        let key = SymmetricKey(data: Data(secretKey.utf8))
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key) else {
            return invalid
        }
        guard let claims = try? JSONDecoder().decode(FakeJSON.self, from: payloadBytes).object,
            claims["iss"]?.string == accessKey, let exp = claims["exp"]?.number, let nbf = claims["nbf"]?.number
        else { return invalid }
        if now < nbf { return FakeAuthFailure(code: 1003, message: "token is not yet valid") }
        if exp <= now { return FakeAuthFailure(code: 1004, message: "token has expired") }
        return nil
    }

    /// Strict base64url without padding.
    static func decode(_ part: String) -> Data? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !part.isEmpty, part.allSatisfy({ alphabet.contains($0) }), part.count % 4 != 1 else { return nil }
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text)
    }
}
