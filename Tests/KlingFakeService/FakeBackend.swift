/// Which service the fake plays (api.md, "Routes" and "Auth").
public enum FakeBackend: Sendable, Equatable {
    /// CometAPI: paths under `/kling/v1/videos/`, `Authorization: Bearer <apiKey>`.
    case cometapi(apiKey: String)
    /// Kling's own API: paths under `/v1/videos/`, `Authorization: Bearer <JWT>` signed with
    /// `secretKey` (HMAC-SHA256) and naming `accessKey` as `iss`.
    case kling(accessKey: String, secretKey: String)

    /// The prefix of every create path on this backend.
    public var pathPrefix: String {
        switch self {
        case .cometapi: "/kling/v1/videos/"
        case .kling: "/v1/videos/"
        }
    }

    /// The CometAPI key, or Kling's access key.
    public var publicKey: String {
        switch self {
        case .cometapi(let key): key
        case .kling(let accessKey, _): accessKey
        }
    }
}

extension FakeAPIRoute {
    /// The collection path of this route on `backend` (api.md, "Routes").
    public func path(on backend: FakeBackend) -> String { backend.pathPrefix + rawValue }
}
