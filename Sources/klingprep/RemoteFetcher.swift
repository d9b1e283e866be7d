import KlingRequest
import KlingSubmit

/// The `--remote` image fetcher: KlingRequest asks, KlingSubmit's HTTP client fetches.
struct RemoteFetcher: RemoteImageFetcher {
    static func make() -> (any RemoteImageFetcher)? { RemoteFetcher() }

    func fetchHead(url: String, byteCount: Int) async throws -> RemoteImageHead {
        let head = try await RemoteResource.head(url: url, byteCount: byteCount)
        return RemoteImageHead(
            contentLength: head.contentLength, contentType: head.contentType, leadingBytes: head.leadingBytes,
            isComplete: head.isComplete)
    }
}
