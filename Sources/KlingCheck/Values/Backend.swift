/// Which service a body is prepared for and sent to (api.md, "Auth").
///
/// The rule book keys rules by backend (e.g. prompt lengths), the submitter its base URL,
/// authorization and error dialects.
public enum Backend: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// CometAPI's gateway (`https://api.cometapi.com`, `Authorization: Bearer <key>`); the default.
    case cometapi
    /// Kling's own API (a JWT from an access key and a secret key).
    case kling

    /// The backend's name as written on the command line and in `KLINGPREP_BACKEND`.
    public var description: String { rawValue }
}
