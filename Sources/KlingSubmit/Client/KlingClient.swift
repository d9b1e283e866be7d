import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP client for the multi-image-to-video endpoints (api.md, "Create a task",
/// "Follow a task"). One per run: create it, use it, and ``shutdown()`` it (or use
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
    public init(endpoint: ServiceEndpoint, key: APIKey, settings: ClientSettings = ClientSettings(), logger: Logger? = nil) {
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
    /// `notFoundIsNil`: a 404 or code 1203 returns `nil` instead of throwing.
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
                guard retryClass != .never else { throw error }
                failure = (error, retryAfter)
            }
            try await retry.pause(after: failure.0, retryAfter: failure.1, report: report)
        }
    }

    static func isNotFound(_ error: SubmitError) -> Bool {
        switch error {
        case .service(let f): return f.code == 1203 || (f.family == .unknown && f.httpStatus == 404)
        case .httpStatus(_, let status, _): return status == 404
        default: return false
        }
    }

    // MARK: Public reads

    /// The task with id `id` (`GET {collection}/{id}`), retried on network errors, 429 and 5xx.
    ///
    /// - Parameter deadline: give up when this instant passes (in addition to the retry budget).
    /// - Throws: ``SubmitError/taskNotFound(id:)``, ``SubmitError/service(_:)`` and the transport cases.
    public func task(
        id: String, deadline: ContinuousClock.Instant? = nil, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> KlingTask {
        guard let task = try await get(
            endpoint.taskURL(id: id), as: KlingTask.self, notFoundIsNil: true, deadline: deadline, report: report)
        else { throw .taskNotFound(id: id) }
        return task
    }

    /// The task whose `external_task_id` is `externalID`, or `nil` when the service has none
    /// (`GET {collection}?external_task_id=ID`; see ``ServiceEndpoint``).
    ///
    /// - Throws: ``SubmitError/service(_:)`` and the transport cases.
    public func task(
        externalID: String, deadline: ContinuousClock.Instant? = nil, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> KlingTask? {
        try await get(
            endpoint.externalLookupURL(externalID: externalID), as: KlingTask.self, notFoundIsNil: true,
            deadline: deadline, report: report)
    }

    /// One page of the account's tasks (`GET {collection}?pageNum=&pageSize=`), newest first.
    ///
    /// - Parameters:
    ///   - page: 1-based page number.
    ///   - pageSize: tasks per page, 1…500.
    /// - Throws: ``SubmitError/service(_:)`` and the transport cases.
    public func listTasks(
        page: Int = 1, pageSize: Int = 30, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> [KlingTask] {
        try await get(
            endpoint.listURL(page: max(1, page), pageSize: min(max(1, pageSize), 500)), as: [KlingTask].self,
            notFoundIsNil: false, deadline: nil, report: report) ?? []
    }
}
