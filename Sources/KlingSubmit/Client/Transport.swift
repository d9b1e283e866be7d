import AsyncHTTPClient
import Foundation
import KlingCheck
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A complete answer: status, headers and the body collected up to a limit.
struct RawResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: ByteBuffer
}

/// Why an exchange produced no answer, sorted by what it proves about the request.
enum TransportFailure: Error, Sendable, Equatable {
    /// No connection was made: the request provably never reached the service.
    case notConnected(String)
    /// The host name does not resolve: no retry can help until the name or the network changes.
    case nameNotFound(host: String)
    /// The exchange ran out of time; the request may have been processed.
    case timedOut(seconds: Double)
    /// The connection broke mid-exchange; the request may have been processed.
    case broken(String)
    /// The answer was larger than the limit (bytes).
    case tooLarge(limit: Int)
    /// The caller's task was cancelled.
    case cancelled

    /// The ``SubmitError`` that reports this failure for `endpoint`.
    func error(endpoint: String) -> SubmitError {
        switch self {
        case .notConnected(let reason): return .unreachable(endpoint: endpoint, reason: reason)
        case .nameNotFound(let host): return .unreachable(endpoint: endpoint, reason: "name not found: \(host)")
        case .timedOut(let seconds): return .requestTimedOut(endpoint: endpoint, seconds: seconds)
        case .broken(let reason): return .connectionLost(endpoint: endpoint, reason: reason)
        case .tooLarge(let limit):
            return .malformedResponse(endpoint: endpoint, status: 0, reason: "the answer is larger than \(limit) bytes")
        case .cancelled: return .interrupted(taskID: nil, externalID: nil)
        }
    }

    /// A short reason for retry messages.
    var reason: String {
        switch self {
        case .notConnected(let r): return "not connected (\(r))"
        case .nameNotFound(let host): return "name not found: \(host)"
        case .timedOut(let s): return "no answer within \(SubmitError.format(s)) s"
        case .broken(let r): return "connection lost (\(r))"
        case .tooLarge(let limit): return "answer larger than \(limit) bytes"
        case .cancelled: return "cancelled"
        }
    }
}

/// Runs single HTTP exchanges on AsyncHTTPClient with a timeout covering the whole exchange.
struct Transport: Sendable {
    let http: HTTPClient
    let logger: Logger

    /// Sends one request and collects the answer (at most `maxBytes`), all within `timeout`.
    func exchange(
        method: HTTPMethod, url: String, headers: HTTPHeaders, bodyFile: URL?, bodySize: Int64,
        timeout: Duration, maxBytes: Int
    ) async throws(TransportFailure) -> RawResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let bodyFile {
            request.body = .stream(FileByteStream(url: bodyFile), length: .known(bodySize))
        }
        let prepared = request
        let client = http
        let log = logger
        return try await Self.withTimeout(timeout) {
            let response = try await client.execute(
                prepared, deadline: .now() + .nanoseconds(Int64(timeout.seconds * 1e9) + 1_000_000_000), logger: log)
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: maxBytes)
            } catch is NIOTooManyBytesError {
                throw TransportFailure.tooLarge(limit: maxBytes)
            }
            return RawResponse(status: Int(response.status.code), headers: response.headers, body: body)
        }
    }

    /// Runs `operation`, failing with ``TransportFailure/timedOut(seconds:)`` after `timeout`;
    /// every other error is classified by ``classify(_:)``.
    static func withTimeout<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws(TransportFailure) -> T {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw TransportFailure.timedOut(seconds: timeout.seconds)
                }
                return value
            }
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw classify(error)
        }
    }

    /// Sorts an error from the HTTP stack by what it proves. The reasons are our own words: no
    /// library's internal text or source path reaches a message.
    static func classify(_ error: any Error) -> TransportFailure {
        if let failure = error as? TransportFailure { return failure }
        if error is CancellationError { return .cancelled }
        if let e = error as? HTTPClientError {
            if e == .connectTimeout || e == .getConnectionFromPoolTimeout {
                return .notConnected("connect timed out")
            }
            if e == .deadlineExceeded || e == .readTimeout || e == .writeTimeout {
                return .timedOut(seconds: 0)
            }
            if e == .cancelled { return .cancelled }
            if e == .remoteConnectionClosed { return .broken("the service closed the connection") }
            if e == .invalidURL || e == .emptyHost || e == .emptyScheme {
                return .notConnected("the URL is not usable")
            }
            return .broken("the HTTP exchange failed")
        }
        if let e = error as? NIOConnectionError {
            if e.connectionErrors.isEmpty && (e.dnsAError != nil || e.dnsAAAAError != nil) {
                return .nameNotFound(host: e.host)
            }
            let errors = e.connectionErrors.map { describeIO($0.error) }
            return .notConnected(errors.first ?? "connection failed")
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return .notConnected(describeIO(io))
            default:
                return .broken(describeIO(io))
            }
        }
        if let channel = error as? ChannelError {
            if case .connectTimeout = channel { return .notConnected("connect timed out") }
            return .broken("the connection failed")
        }
        if error is NIOTooManyBytesError { return .tooLarge(limit: 0) }
        let name = String(reflecting: type(of: error))
        if name.contains("DNS") || name.contains("Resolver") || name.contains("GetaddrinfoError") {
            return .nameNotFound(host: "the service's host")
        }
        if name.contains("SSL") || name.contains("TLS") || name.contains("Handshake") {
            // TLS handshakes fail before any request byte is sent.
            return .notConnected("the TLS handshake failed")
        }
        return .broken("the connection failed")
    }

    static func describeIO(_ error: any Error) -> String {
        if let io = error as? IOError { return Files.reason(errno: io.errnoCode) }
        if error is NIOConnectionError || String(reflecting: type(of: error)).contains("DNS") {
            return "name not found"
        }
        return "connection failed"
    }
}
