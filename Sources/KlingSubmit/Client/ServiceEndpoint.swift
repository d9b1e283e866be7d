import Foundation
public import KlingCheck

/// Where Kling's own API lives (api.md, "Auth"): Singapore outside China (the default),
/// Beijing in China, and the older global host some clients still use.
public enum KlingRegion: String, Sendable, Equatable, CaseIterable, Codable {
    /// `https://api-singapore.klingai.com`
    case sg
    /// `https://api-beijing.klingai.com`
    case cn
    /// `https://api.klingai.com`
    case legacy

    /// The region's base URL.
    public var baseURL: String {
        switch self {
        case .sg: "https://api-singapore.klingai.com"
        case .cn: "https://api-beijing.klingai.com"
        case .legacy: "https://api.klingai.com"
        }
    }
}

/// One backend as the submitter talks to it: which service (``Backend``), its base URL, and
/// the paths of its endpoints per route (api.md, "Routes", "Follow a task"). How requests are
/// authorised is the ``Credentials``' business; the error dialects every backend may answer in
/// are read by one reader (api.md, "Errors").
///
/// Each route has its own collection path: `POST {path}` creates, `GET {path}/{task_id}` follows
/// on the same route's path. Lookup by external id has two forms (``LookupForm``): the id in the
/// task-id slot, and `GET {path}?external_task_id=ID`; listing is `GET {path}?pageNum=N&pageSize=M`.
public struct ServiceEndpoint: Sendable, Equatable {
    /// CometAPI's documented base URL.
    public static let defaultBaseURL = "https://api.cometapi.com"
    /// The environment variable that overrides the base URL of either backend.
    public static let environmentVariable = "KLINGPREP_BASE_URL"
    /// The environment variable that chooses the backend.
    public static let backendVariable = "KLINGPREP_BACKEND"

    /// CometAPI's collection path of `route` (api.md, "Routes"): `/kling/v1/videos/image2video`
    /// or `/kling/v1/videos/multi-image2video`.
    public static func path(of route: Route) -> String { path(of: route, backend: .cometapi) }

    /// The collection path of `route` at `backend` (api.md, "Routes"): CometAPI prefixes Kling's
    /// `/v1/videos/…` with `/kling`.
    public static func path(of route: Route, backend: Backend) -> String {
        let prefix = backend == .cometapi ? "/kling" : ""
        switch route {
        case .image2video: return prefix + "/v1/videos/image2video"
        case .multiImage2video: return prefix + "/v1/videos/multi-image2video"
        }
    }

    /// The default base URL of `backend` (Kling's in `region`).
    public static func defaultBaseURL(for backend: Backend, region: KlingRegion = .sg) -> String {
        backend == .cometapi ? defaultBaseURL : region.baseURL
    }

    /// The service this endpoint belongs to.
    public let backend: Backend
    /// The base URL without a trailing slash, for example `https://api.cometapi.com`.
    public let baseURL: String

    /// Validates a base URL: `https://` anywhere, plain `http://` only to loopback
    /// (127.0.0.1, ::1, localhost).
    ///
    /// - Throws: ``SubmitError/invalidBaseURL(_:reason:)`` or ``SubmitError/insecureBaseURL(_:)``.
    public init(baseURL raw: String, backend: Backend = .cometapi) throws(SubmitError) {
        self.backend = backend
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidBaseURL(raw, reason: "not an absolute URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidBaseURL(raw, reason: "no host")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil,
            components.password == nil
        else {
            throw .invalidBaseURL(raw, reason: "a base URL has no query, fragment or credentials")
        }
        switch scheme {
        case "https": break
        case "http":
            guard Self.isLoopback(host: host) else { throw .insecureBaseURL(raw) }
        default:
            throw .invalidBaseURL(raw, reason: "scheme \(scheme) is neither https nor http")
        }
        baseURL = text
    }

    /// Chooses the base URL of `backend`: the flag, else `KLINGPREP_BASE_URL`, else the
    /// backend's default (Kling's in `region`).
    ///
    /// - Throws: as ``init(baseURL:backend:)``.
    public static func resolve(
        backend: Backend = .cometapi, region: KlingRegion = .sg, flag: String?, environment: [String: String]
    ) throws(SubmitError) -> ServiceEndpoint {
        if let flag, !flag.isEmpty { return try ServiceEndpoint(baseURL: flag, backend: backend) }
        if let env = environment[environmentVariable], !env.isEmpty {
            return try ServiceEndpoint(baseURL: env, backend: backend)
        }
        return try ServiceEndpoint(baseURL: defaultBaseURL(for: backend, region: region), backend: backend)
    }

    /// The collection path of `route` at this backend.
    public func path(of route: Route) -> String { Self.path(of: route, backend: backend) }

    /// Whether `host` names this machine: 127.0.0.1 (and 127/8), ::1 or localhost.
    public static func isLoopback(host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `POST` here to create a task on `route`.
    public func createURL(route: Route) -> String { baseURL + path(of: route) }

    /// `GET` here to follow a task of `route` by its id.
    public func taskURL(id: String, route: Route) -> String {
        baseURL + path(of: route) + "/" + Self.escapePathSegment(id)
    }

    /// `GET` here to find a task of `route` by its `external_task_id` in the lookup `form`.
    public func lookupURL(externalID: String, route: Route, form: LookupForm) -> String {
        switch form {
        case .path: return taskURL(id: externalID, route: route)
        case .query: return baseURL + path(of: route) + "?external_task_id=" + Self.escapeQueryValue(externalID)
        }
    }

    /// `GET` here to list the tasks of `route` (1-based page, page size 1…500).
    public func listURL(page: Int, pageSize: Int, route: Route) -> String {
        baseURL + path(of: route) + "?pageNum=\(page)&pageSize=\(pageSize)"
    }

    static func escapePathSegment(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func escapeQueryValue(_ s: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// A URL for messages: scheme, host, port and path, without the query.
    static func pathForMessages(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        c.query = nil
        c.fragment = nil
        return c.string ?? url
    }
}
