import AsyncHTTPClient
import Foundation
public import KlingCheck
public import Logging
import NIOCore
import NIOHTTP1

/// The HTTP client for the image-to-video endpoints of both routes (api.md, "Routes",
/// "Follow a task"): every call names its ``Route``, and follows a task on the path it was
/// created on. One per run: create it, use it, and ``shutdown()`` it (or use
/// ``withClient(endpoint:key:settings:logger:_:)``, which does both).
///
/// The key goes into the `Authorization` header of requests to ``endpoint`` only; video
/// downloads never carry it.
public final class KlingClient: Sendable {
    /// Where requests go.
    public let endpoint: ServiceEndpoint
    /// Timeouts, limits and retries.
    public let settings: ClientSettings
    let key: APIKey
    let http: HTTPClient
    let transport: Transport
    let logger: Logger

    /// Creates a client with its own connection pool on the shared event loop group.
    public init(
        endpoint: ServiceEndpoint, key: APIKey, settings: ClientSettings = ClientSettings(), logger: Logger? = nil
    ) {
        self.endpoint = endpoint
        self.key = key
        self.settings = settings
        let log = logger ?? Logger(label: "klingprep.submit", factory: { _ in SwiftLogNoOpLogHandler() })
        self.logger = log
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(Int64(settings.connectTimeout.seconds * 1e9))))
        configuration.httpVersion = .http1Only
        configuration.connectionPool = .init(idleTimeout: .seconds(30))
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.http = http
        self.transport = Transport(http: http, logger: log)
    }

    /// Closes the connection pool. Call exactly once, when the run is over.
    ///
    /// - Throws: the HTTP client's shutdown error.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Creates a client, runs `body` with it and shuts it down, also when `body` throws.
    public static func withClient<Result: Sendable>(
        endpoint: ServiceEndpoint, key: APIKey, settings: ClientSettings = ClientSettings(), logger: Logger? = nil,
        _ body: (KlingClient) async throws -> Result
    ) async throws -> Result {
        let client = KlingClient(endpoint: endpoint, key: key, settings: settings, logger: logger)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    var apiHeaders: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: key.authorizationHeader)
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: "klingprep")
        return headers
    }

    // MARK: GET with retries

    /// Reads one JSON answer with `GET`, retrying network errors, 429 and 5xx.
    ///
    /// `notFoundIsNil`: the envelope's "no such task" (code 1203, or HTTP 404 with an unknown
    /// code) returns `nil` instead of throwing; an error status without the envelope (an HTML
    /// page, a redirect, a plain 404) then throws ``SubmitError/lookupUnavailable(endpoint:status:)``,
    /// never `nil` (api.md, "Follow a task").
    func get<Payload: Decodable & Sendable>(
        _ url: String, as type: Payload.Type, notFoundIsNil: Bool, deadline: ContinuousClock.Instant?,
        report: @Sendable (SubmitEvent) -> Void
    ) async throws(SubmitError) -> Payload? {
        let path = ServiceEndpoint.pathForMessages(url)
        var retry = RetryLoop(policy: settings.retry, endpoint: path, deadline: deadline)
        while true {
            let failure: (SubmitError, Duration?)
            let raw: RawResponse
            do {
                raw = try await transport.exchange(
                    method: .GET, url: url, headers: apiHeaders, bodyFile: nil, bodySize: 0,
                    timeout: retry.timeout(settings.requestTimeout), maxBytes: settings.maxResponseBytes)
            } catch {
                if error == .cancelled { throw .interrupted(taskID: nil, externalID: nil) }
                try await retry.pause(after: error.error(endpoint: path), retryAfter: nil, report: report)
                continue
            }
            switch ResponseReader.read(raw, as: Payload.self, endpoint: path, redacting: key.secret) {
            case .success(let payload):
                return payload
            case .failure(let error, let retryClass, let retryAfter):
                if notFoundIsNil && Self.isNotFound(error) { return nil }
                guard retryClass != .never else {
                    if notFoundIsNil, case .httpStatus(_, let status, _) = error, status != 401, status != 403 {
                        throw .lookupUnavailable(
                            endpoint: path, reason: "it answered HTTP \(status) without the service's JSON envelope")
                    }
                    throw error
                }
                failure = (error, retryAfter)
            }
            try await retry.pause(after: failure.0, retryAfter: failure.1, report: report)
        }
    }

    /// Whether `error` is the service's own "no such task": only its JSON envelope can say so.
    static func isNotFound(_ error: SubmitError) -> Bool {
        guard case .service(let failure) = error else { return false }
        return failure.code == 1203 || (failure.family == .unknown && failure.httpStatus == 404)
    }

    // MARK: Public reads

    /// The task with id `id` on `route` (`GET {path}/{id}`), retried on network errors, 429 and 5xx.
    ///
    /// - Parameter deadline: give up when this instant passes (in addition to the retry budget).
    /// - Throws: ``SubmitError/taskNotFound(id:route:)``, ``SubmitError/lookupUnavailable(endpoint:status:)``,
    ///   ``SubmitError/service(_:)`` and the transport cases.
    public func task(
        id: String, route: Route, deadline: ContinuousClock.Instant? = nil,
        report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> KlingTask {
        guard
            let task = try await get(
                endpoint.taskURL(id: id, route: route), as: KlingTask.self, notFoundIsNil: true, deadline: deadline,
                report: report)
        else { throw .taskNotFound(id: id, route: route) }
        return task
    }

    /// The task of `route` whose `external_task_id` is `externalID`, or `nil` when the service's
    /// envelope says it has none (`GET {path}?external_task_id=ID`; see ``ServiceEndpoint``).
    ///
    /// A task is returned only when its own `task_info.external_task_id` is `externalID`
    /// (api.md, "Follow a task": adopt only a task whose external id matches); any other task in
    /// the answer means the service did not look the id up, which says nothing either way.
    ///
    /// - Throws: ``SubmitError/lookupUnavailable(endpoint:status:)``, ``SubmitError/service(_:)``
    ///   and the transport cases.
    public func task(
        externalID: String, route: Route, deadline: ContinuousClock.Instant? = nil,
        report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> KlingTask? {
        let found = try await get(
            endpoint.externalLookupURL(externalID: externalID, route: route), as: KlingTask.self, notFoundIsNil: true,
            deadline: deadline, report: report)
        guard let found else { return nil }
        guard found.externalTaskID == externalID else {
            throw .lookupUnavailable(
                endpoint: ServiceEndpoint.pathForMessages(
                    endpoint.externalLookupURL(externalID: externalID, route: route)),
                reason:
                    "it answered a task whose external_task_id is \(found.externalTaskID ?? "missing"), not \(externalID)"
            )
        }
        return found
    }

    /// One page of the account's tasks on `route` (`GET {path}?pageNum=&pageSize=`), newest first.
    ///
    /// - Parameters:
    ///   - page: 1-based page number.
    ///   - pageSize: tasks per page, 1…500.
    /// - Throws: ``SubmitError/service(_:)`` and the transport cases.
    public func listTasks(
        route: Route, page: Int = 1, pageSize: Int = 30, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> [KlingTask] {
        try await get(
            endpoint.listURL(page: max(1, page), pageSize: min(max(1, pageSize), 500), route: route),
            as: [KlingTask].self, notFoundIsNil: false, deadline: nil, report: report) ?? []
    }
}
