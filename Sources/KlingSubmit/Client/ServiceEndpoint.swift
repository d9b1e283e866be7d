import Foundation
public import KlingCheck

/// Where the service lives and the paths of its endpoints, per route (api.md, "Routes",
/// "Follow a task").
///
/// Each route has its own collection path: `POST {path}` creates, `GET {path}/{task_id}` follows
/// on the same route's path. Lookup by external id is sent as `GET {path}?external_task_id=ID`;
/// listing as `GET {path}?pageNum=N&pageSize=M`. Both are Kling's documented capabilities whose
/// exact query form CometAPI does not spell out; they live here so that one place changes if it
/// differs.
public struct ServiceEndpoint: Sendable, Equatable {
    /// The documented default base URL.
    public static let defaultBaseURL = "https://api.cometapi.com"
    /// The environment variable that overrides the base URL.
    public static let environmentVariable = "KLINGPREP_BASE_URL"
    /// CometAPI's collection path of `route` (api.md, "Routes"): `/kling/v1/videos/image2video`
    /// or `/kling/v1/videos/multi-image2video`.
    public static func path(of route: Route) -> String {
        switch route {
        case .image2video: "/kling/v1/videos/image2video"
        case .multiImage2video: "/kling/v1/videos/multi-image2video"
        }
    }

    /// The base URL without a trailing slash, for example `https://api.cometapi.com`.
    public let baseURL: String

    /// Validates a base URL: `https://` anywhere, plain `http://` only to loopback
    /// (127.0.0.1, ::1, localhost).
    ///
    /// - Throws: ``SubmitError/invalidBaseURL(_:reason:)`` or ``SubmitError/insecureBaseURL(_:)``.
    public init(baseURL raw: String) throws(SubmitError) {
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

    /// Chooses the base URL: the flag, else `KLINGPREP_BASE_URL`, else the default.
    ///
    /// - Throws: as ``init(baseURL:)``.
    public static func resolve(flag: String?, environment: [String: String]) throws(SubmitError) -> ServiceEndpoint {
        if let flag, !flag.isEmpty { return try ServiceEndpoint(baseURL: flag) }
        if let env = environment[environmentVariable], !env.isEmpty { return try ServiceEndpoint(baseURL: env) }
        return try ServiceEndpoint(baseURL: defaultBaseURL)
    }

    /// Whether `host` names this machine: 127.0.0.1 (and 127/8), ::1 or localhost.
    public static func isLoopback(host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `POST` here to create a task on `route`.
    public func createURL(route: Route) -> String { baseURL + Self.path(of: route) }

    /// `GET` here to follow a task of `route` by its id.
    public func taskURL(id: String, route: Route) -> String {
        baseURL + Self.path(of: route) + "/" + Self.escapePathSegment(id)
    }

    /// `GET` here to find a task of `route` by its `external_task_id`.
    public func externalLookupURL(externalID: String, route: Route) -> String {
        baseURL + Self.path(of: route) + "?external_task_id=" + Self.escapeQueryValue(externalID)
    }

    /// `GET` here to list the tasks of `route` (1-based page, page size 1…500).
    public func listURL(page: Int, pageSize: Int, route: Route) -> String {
        baseURL + Self.path(of: route) + "?pageNum=\(page)&pageSize=\(pageSize)"
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
