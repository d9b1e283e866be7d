/// What a remote image's server told: size and type from a HEAD, and its first bytes.
public struct RemoteImageHead: Sendable, Hashable {
    /// `Content-Length` of the whole resource, when the server gave one.
    public var contentLength: Int?
    /// `Content-Type`, when the server gave one.
    public var contentType: String?
    /// The first bytes of the resource (a ranged GET), or the whole resource when short.
    public var leadingBytes: [UInt8]
    /// True when ``leadingBytes`` is the whole resource.
    public var isComplete: Bool

    /// Creates a head from what the server told.
    public init(contentLength: Int?, contentType: String?, leadingBytes: [UInt8], isComplete: Bool) {
        self.contentLength = contentLength
        self.contentType = contentType
        self.leadingBytes = leadingBytes
        self.isComplete = isComplete
    }
}

/// Why a remote image could not be fetched (`--remote`): the one error a
/// ``RemoteImageFetcher`` throws, so that no caller reads reasons out of error text.
public enum RemoteImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connection was made; `reason` says why in words (`connection refused`, `the host name
    /// could not be resolved`, a TLS failure).
    case unreachable(reason: String)
    /// No complete answer within `seconds`.
    case timedOut(seconds: Double)
    /// The server answered with this HTTP status instead of the file (404, 403, 500, …).
    case httpStatus(Int)
    /// The connection broke while the answer was under way; `reason` says how.
    case connectionLost(reason: String)

    /// A person's reason, to follow "could not be fetched from URL: ".
    public var description: String {
        switch self {
        case .unreachable(let reason): "the server could not be reached (\(reason))"
        case .timedOut(let seconds): "the server did not answer within \(Self.format(seconds)) s"
        case .httpStatus(404): "the server answered 404 (not found)"
        case .httpStatus(let status): "the server answered HTTP \(status)"
        case .connectionLost(let reason): "the connection broke (\(reason))"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// Fetches the head of a remote image (`--remote`). KlingRequest does no networking itself:
/// the submitter module provides the HTTP implementation.
public protocol RemoteImageFetcher: Sendable {
    /// HEAD `url` for its size and type, then GET its first `byteCount` bytes (a ranged GET; a
    /// server that ignores ranges may send more, which the fetcher cuts at `byteCount`).
    /// - Throws: ``RemoteImageError`` saying why the image could not be fetched.
    func fetchHead(url: String, byteCount: Int) async throws(RemoteImageError) -> RemoteImageHead
}
