public import Foundation
public import KlingCheck

/// What `submit --dry-run` shows: the request that would be sent, with the key redacted.
/// Nothing is sent and nothing is recorded.
public struct DryRunReport: Sendable, Equatable, Codable {
    /// One request header.
    public struct Header: Sendable, Equatable, Codable {
        /// Header name.
        public let name: String
        /// Header value (the key is shown as `Bearer <redacted>`).
        public let value: String
    }

    /// `POST`.
    public let method: String
    /// The create URL: the base URL and the route's path.
    public let url: String
    /// The route the body would be sent to.
    public let route: Route
    /// Where the route comes from: `given` (the caller, e.g. a job's route) or `body` (its
    /// top-level `image` or `image_list`).
    public let routeSource: String
    /// The headers, key redacted.
    public let headers: [Header]
    /// Size of the body that would be sent, in bytes (with the external id inserted).
    public let bodyBytes: Int64
    /// The external id that would be sent (with `--force-new`, take 2 or the next free take is
    /// chosen when sent; this shows take 2).
    public let externalTaskID: String?
    /// Where the id comes from: `body`, `journal` or `derived`.
    public let externalTaskIDSource: String
    /// The task the journal already knows for this body (a real run would resume it).
    public let resumesTaskID: String?
    /// Whether an API key was found (it is never shown).
    public let apiKeyFound: Bool

    enum CodingKeys: String, CodingKey {
        case method, url, route, headers
        case routeSource = "route_source"
        case bodyBytes = "body_bytes"
        case externalTaskID = "external_task_id"
        case externalTaskIDSource = "external_task_id_source"
        case resumesTaskID = "resumes_task_id"
        case apiKeyFound = "api_key_found"
    }

    /// Describes the request `submit` would send for `body`.
    ///
    /// - Parameter route: the route to send it to (a job's route); `nil` takes it from the
    ///   body's shape, as ``Submitter/submit(body:options:)`` does.
    /// - Throws: the body cases of ``SubmitError`` (including the route cases) and
    ///   ``SubmitError/journalCorrupt(path:line:reason:)``.
    public static func make(
        body: URL, route: Route? = nil, endpoint: ServiceEndpoint, apiKeyFound: Bool, journal: Journal?,
        forceNew: Bool
    ) throws(SubmitError) -> DryRunReport {
        let scan = try BodyScanner.scan(body)
        let resolved = try scan.route(requested: route, path: body.path)
        let content = try ContentDigest.of(body, scan: scan)
        let existing =
            forceNew
            ? nil
            : try journal?.latestJob(
                bodySHA256: scan.sha256, contentSHA256: content, route: resolved, endpoint: endpoint)
        let id: String
        let source: String
        if let known = existing?.externalID {
            (id, source) = (known, "journal")
        } else if !forceNew, let own = scan.externalID {
            (id, source) = (own, "body")
        } else {
            let take = forceNew ? 2 : 1
            id = ExternalTaskID.derive(backend: endpoint.backend, route: resolved, contentSHA256: content, take: take)
            source = "derived"
        }
        let sentID = id
        let size: Int64
        if sentID == scan.externalID {
            size = scan.size
        } else {
            let value = Int64(PreparedBody.jsonString(sentID).utf8.count)
            if let range = scan.externalIDRange {
                size = scan.size - Int64(range.count) + value
            } else {
                let member = Int64("\"external_task_id\":".utf8.count) + value + (scan.isEmptyObject ? 0 : 1)
                size = scan.size + member
            }
        }
        return DryRunReport(
            method: "POST", url: endpoint.createURL(route: resolved), route: resolved,
            routeSource: route == nil ? "body" : "given",
            headers: [
                Header(name: "Authorization", value: APIKey.redacted),
                Header(name: "Content-Type", value: "application/json"),
                Header(name: "Content-Length", value: String(size)),
            ],
            bodyBytes: size, externalTaskID: id, externalTaskIDSource: source, resumesTaskID: existing?.taskID,
            apiKeyFound: apiKeyFound)
    }

    /// The report as lines for people.
    public var text: String {
        var lines = ["\(method) \(url)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines.append("")
        let why =
            routeSource == "body" ? "from the body's \(route == .image2video ? "image" : "image_list")" : "as given"
        lines.append("route: \(route) (\(why))")
        lines.append("body: \(bodyBytes) bytes")
        switch externalTaskIDSource {
        case "journal": lines.append("external_task_id: \(externalTaskID ?? "") (from the journal)")
        case "body": lines.append("external_task_id: \(externalTaskID ?? "") (from the body)")
        default: lines.append("external_task_id: \(externalTaskID ?? "") (derived from the body's content)")
        }
        if let resumesTaskID {
            lines.append("the journal knows this body as task \(resumesTaskID): a real run resumes it")
        }
        if !apiKeyFound {
            lines.append(
                "note: no credentials found (COMETAPI_KEY, KLING_ACCESS_KEY and KLING_SECRET_KEY, or --api-key-file); a real run would stop"
            )
        }
        lines.append("dry run: nothing was sent")
        return lines.joined(separator: "\n")
    }
}
