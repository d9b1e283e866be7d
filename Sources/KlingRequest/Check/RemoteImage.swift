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

    public init(contentLength: Int?, contentType: String?, leadingBytes: [UInt8], isComplete: Bool) {
        self.contentLength = contentLength
        self.contentType = contentType
        self.leadingBytes = leadingBytes
        self.isComplete = isComplete
    }
}

/// Fetches the head of a remote image (`--remote`). KlingRequest does no networking itself:
/// the submitter module provides the HTTP implementation.
public protocol RemoteImageFetcher: Sendable {
    /// HEAD `url` for its size and type, then GET its first `byteCount` bytes (a ranged GET; a
    /// server that ignores ranges may send more, which the fetcher cuts at `byteCount`).
    /// - Throws: any error describing why the image could not be fetched.
    func fetchHead(url: String, byteCount: Int) async throws -> RemoteImageHead
}
