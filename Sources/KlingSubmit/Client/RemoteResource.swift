import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What a server said about a remote file: its size and type (HEAD) and its first bytes
/// (a ranged GET), for checking `url:` images before they are sent (`--remote`).
public struct RemoteResourceHead: Sendable, Hashable {
    /// `Content-Length` of the whole file, when known (from HEAD, or the total of a 206's
    /// `Content-Range`).
    public var contentLength: Int?
    /// `Content-Type`, when given.
    public var contentType: String?
    /// The first bytes (at most the number asked for).
    public var leadingBytes: [UInt8]
    /// True when ``leadingBytes`` is the whole file.
    public var isComplete: Bool
}

/// Fetches the head of public files over HTTP(S) with AsyncHTTPClient. No credentials are ever
/// sent: these are the user's public image URLs, not the API.
public enum RemoteResource {
    /// HEAD `url`, then GET its first `byteCount` bytes with a `Range` header (a server that
    /// ignores ranges is read only up to `byteCount` bytes).
    /// - Throws: ``SubmitError/httpStatus(endpoint:status:requestID:)`` for an HTTP error status;
    ///   for no answer, the case of the transport failure: ``SubmitError/unreachable(endpoint:reason:)``
    ///   (no connection), ``SubmitError/requestTimedOut(endpoint:seconds:)``,
    ///   ``SubmitError/connectionLost(endpoint:reason:)`` or ``SubmitError/interrupted(taskID:externalID:)``.
    public static func head(url: String, byteCount: Int, timeout: Duration = .seconds(20)) async throws(SubmitError)
        -> RemoteResourceHead
    {
        let client = HTTPClient.shared
        let limit = TimeAmount.nanoseconds(Int64(timeout.seconds * 1e9))
        do {
            var head = HTTPClientRequest(url: url)
            head.method = .HEAD
            let headResponse = try await client.execute(head, timeout: limit)
            var length = headResponse.headers.first(name: "Content-Length").flatMap(Int.init)
            let type = headResponse.headers.first(name: "Content-Type")
            guard (200..<300).contains(Int(headResponse.status.code)) || headResponse.status == .methodNotAllowed else {
                throw SubmitError.httpStatus(endpoint: url, status: Int(headResponse.status.code), requestID: nil)
            }
            var get = HTTPClientRequest(url: url)
            get.headers.add(name: "Range", value: "bytes=0-\(max(0, byteCount - 1))")
            let response = try await client.execute(get, timeout: limit)
            let status = Int(response.status.code)
            guard status == 200 || status == 206 else {
                throw SubmitError.httpStatus(endpoint: url, status: status, requestID: nil)
            }
            if status == 206, let range = response.headers.first(name: "Content-Range"),
                let total = range.split(separator: "/").last.flatMap({ Int($0) })
            {
                length = total
            }
            var bytes: [UInt8] = []
            var truncated = false
            for try await chunk in response.body {
                let room = byteCount - bytes.count
                if chunk.readableBytes > room {
                    bytes += chunk.readableBytesView.prefix(room)
                    truncated = true
                    break
                }
                bytes += chunk.readableBytesView
            }
            let complete = !truncated && (length.map { bytes.count >= $0 } ?? (status == 200))
            return RemoteResourceHead(
                contentLength: length ?? (complete ? bytes.count : nil), contentType: type, leadingBytes: bytes,
                isComplete: complete)
        } catch let error as SubmitError {
            throw error
        } catch {
            switch Transport.classify(error) {
            case .timedOut: throw .requestTimedOut(endpoint: url, seconds: timeout.seconds)
            case let failure: throw failure.error(endpoint: url)
            }
        }
    }
}
