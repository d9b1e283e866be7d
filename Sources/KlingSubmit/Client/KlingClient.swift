import AsyncHTTPClient
public import Foundation
public import KlingCheck
public import Logging
import NIOCore
import NIOHTTP1

/// The HTTP client for the image-to-video endpoints of both routes at one backend (api.md,
/// "Routes", "Follow a task", "Auth"): every call names its ``Route``, and follows a task on the
/// path it was created on. One per run: create it, use it, and ``shutdown()`` it (or use
/// ``withClient(endpoint:credentials:settings:logger:_:)``, which does both).
///
/// The credentials go into the `Authorization` header of requests to ``endpoint`` only; video
/// downloads never carry them. Every answer is redacted of the key, the key pair and every token
/// signed before it is read.
public final class KlingClient: Sendable {
    /// Where requests go, and which backend that is.
    public let endpoint: ServiceEndpoint
    /// Timeouts, limits and retries.
    public let settings: ClientSettings
    let authorizer: Authorizer
    let http: HTTPClient
    let transport: Transport
    let logger: Logger

    /// Creates a client with its own connection pool on the shared event loop group.
    ///
    /// - Parameters:
    ///   - credentials: the CometAPI key or the Kling key pair; they must match `endpoint.backend`
    ///     (the caller loads them with ``Credentials/load(backend:file:environment:)``).
    ///   - now: the clock JWTs are signed by (injectable for tests).
    public init(
        endpoint: ServiceEndpoint, credentials: Credentials, settings: ClientSettings = ClientSettings(),
        logger: Logger? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.authorizer = Authorizer(credentials: credentials, now: now)
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

    /// A CometAPI client with `key`.
    public convenience init(
        endpoint: ServiceEndpoint, key: APIKey, settings: ClientSettings = ClientSettings(), logger: Logger? = nil
    ) {
        self.init(endpoint: endpoint, credentials: .apiKey(key), settings: settings, logger: logger)
    }

    /// Closes the connection pool. Call exactly once, when the run is over.
    ///
    /// - Throws: the HTTP client's shutdown error.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Creates a client, runs `body` with it and shuts it down, also when `body` throws.
    public static func withClient<Result: Sendable>(
        endpoint: ServiceEndpoint, credentials: Credentials, settings: ClientSettings = ClientSettings(),
        logger: Logger? = nil, _ body: (KlingClient) async throws -> Result
    ) async throws -> Result {
        let client = KlingClient(endpoint: endpoint, credentials: credentials, settings: settings, logger: logger)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The secrets answers are redacted of.
    var secrets: [String] { authorizer.secrets }

    func apiHeaders(fresh: Bool = false, json: Bool = false) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: authorizer.header(fresh: fresh))
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: "klingprep")
        if json { headers.add(name: "Content-Type", value: "application/json") }
        return headers
    }

    /// One authorised exchange and its reading. A 401 with code 1003 or 1004 (a token not yet
    /// valid or expired) is answered by signing a fresh token and repeating the request once — a
    /// 401 created nothing (api.md, "Auth"); a second 1003 is ``SubmitError/clockSkew(endpoint:)``.
    func authorisedExchange<Payload: Decodable & Sendable>(
        method: HTTPMethod, url: String, bodyFile: URL? = nil, bodySize: Int64 = 0, timeout: Duration,
        as type: Payload.Type
    ) async throws(TransportFailure) -> Answer<Payload> {
        let path = ServiceEndpoint.pathForMessages(url)
        var fresh = false
        if let pace = settings.pace {
            do {
                try await pace.awaitTurn(creating: method == .POST)
            } catch {
                throw .cancelled
            }
        }
        while true {
            let raw = try await transport.exchange(
                method: method, url: url, headers: apiHeaders(fresh: fresh, json: bodyFile != nil), bodyFile: bodyFile,
                bodySize: bodySize, timeout: timeout, maxBytes: settings.maxResponseBytes)
            let answer = ResponseReader.read(raw, as: Payload.self, endpoint: path, redacting: secrets)
            guard case .failure(.service(let failure), _, _) = answer, failure.httpStatus == 401,
                failure.code == 1003 || failure.code == 1004, authorizer.canResign
            else { return answer }
            if fresh {
                if failure.code == 1003 { return .failure(.clockSkew(endpoint: path), .never, retryAfter: nil) }
                return answer
            }
            fresh = true
        }
    }

    // MARK: GET with retries

    /// Reads one JSON answer with `GET`, retrying network errors, 429 and 5xx; the raw answer's
    /// reading (success or a classified failure) is returned for the caller to judge.
    func get<Payload: Decodable & Sendable>(
        _ url: String, as type: Payload.Type, deadline: ContinuousClock.Instant?,
        report: @Sendable (SubmitEvent) -> Void
    ) async throws(SubmitError) -> Result<Payload, SubmitError> {
        let path = ServiceEndpoint.pathForMessages(url)
        var retry = RetryLoop(policy: settings.retry, endpoint: path, deadline: deadline)
        retry.pace = settings.pace
        while true {
            let answer: Answer<Payload>
            do {
                answer = try await authorisedExchange(
                    method: .GET, url: url, timeout: retry.timeout(settings.requestTimeout), as: Payload.self)
            } catch {
                if error == .cancelled { throw .interrupted(taskID: nil, externalID: nil) }
                if case .nameNotFound = error { throw error.error(endpoint: path) }
                try await retry.pause(after: error.error(endpoint: path), retryAfter: nil, report: report)
                continue
            }
            switch answer {
            case .success(let payload):
                return .success(payload)
            case .failure(let error, let retryClass, let retryAfter):
                // An unreadable answer to a read is returned, not asked six times over.
                if case .malformedResponse = error { return .failure(error) }
                guard retryClass != .never else { return .failure(error) }
                try await retry.pause(after: error, retryAfter: retryAfter, report: report)
            }
        }
    }

    /// Whether `error` is the service's own "no such task": only its JSON envelope can say so
    /// (code 1203, or HTTP 404 with a code of no known family).
    static func isNotFound(_ error: SubmitError) -> Bool {
        guard case .service(let failure) = error else { return false }
        return failure.code == 1203 || (failure.family == .unknown && failure.httpStatus == 404)
    }

    /// Whether `error` says the request was not answered by the service's API at all: a status
    /// without either dialect's error body (an HTML page, a redirect, a plain 404), other than
    /// the refusals of the credentials.
    static func isNotTheAPI(_ error: SubmitError) -> Bool {
        guard case .httpStatus(_, let status, _) = error else { return false }
        return status != 401 && status != 403
    }

    // MARK: Public reads

    /// The task with id `id` on `route` (`GET {path}/{id}`), retried on network errors, 429 and 5xx.
    ///
    /// - Parameter deadline: give up when this instant passes (in addition to the retry budget).
    /// - Throws: ``SubmitError/taskNotFound(id:route:)`` when the envelope says so,
    ///   ``SubmitError/lookupUnavailable(endpoint:reason:)`` when the answer is not the service's
    ///   (or is a task with another id), ``SubmitError/service(_:)``, ``SubmitError/gateway(_:)``
    ///   and the transport cases.
    public func task(
        id: String, route: Route, deadline: ContinuousClock.Instant? = nil,
        report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> KlingTask {
        let url = endpoint.taskURL(id: id, route: route)
        switch try await get(url, as: KlingTask.self, deadline: deadline, report: report) {
        case .success(let task):
            guard task.taskID == id else {
                throw .lookupUnavailable(
                    endpoint: ServiceEndpoint.pathForMessages(url),
                    reason: "it answered task \(task.taskID) when asked for \(id)")
            }
            return task
        case .failure(let error):
            if Self.isNotFound(error) { throw .taskNotFound(id: id, route: route) }
            if Self.isNotTheAPI(error), case .httpStatus(_, let status, _) = error {
                throw .lookupUnavailable(
                    endpoint: ServiceEndpoint.pathForMessages(url),
                    reason: "it answered HTTP \(status) without the service's JSON envelope")
            }
            throw error
        }
    }

    /// One page of the account's tasks on `route` (`GET {path}?pageNum=&pageSize=`), newest first.
    ///
    /// - Parameters:
    ///   - page: 1-based page number.
    ///   - pageSize: tasks per page, 1…500.
    /// - Throws: ``SubmitError/service(_:)``, ``SubmitError/gateway(_:)`` and the transport cases.
    public func listTasks(
        route: Route, page: Int = 1, pageSize: Int = 30, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> [KlingTask] {
        let url = endpoint.listURL(page: max(1, page), pageSize: min(max(1, pageSize), 500), route: route)
        return try await get(url, as: [KlingTask].self, deadline: nil, report: report).get()
    }
}
