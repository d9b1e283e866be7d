import KlingRequest
import KlingSubmit

/// The `--remote` image fetcher: KlingRequest asks, KlingSubmit's HTTP client fetches, and the
/// submitter's error becomes the request module's ``RemoteImageError`` case by case.
struct RemoteFetcher: RemoteImageFetcher {
    static func make() -> (any RemoteImageFetcher)? { RemoteFetcher() }

    func fetchHead(url: String, byteCount: Int) async throws(RemoteImageError) -> RemoteImageHead {
        let head: RemoteResourceHead
        do {
            head = try await RemoteResource.head(url: url, byteCount: byteCount)
        } catch {
            throw Self.remoteError(error)
        }
        return RemoteImageHead(
            contentLength: head.contentLength, contentType: head.contentType, leadingBytes: head.leadingBytes,
            isComplete: head.isComplete)
    }

    /// The request module's name for what went wrong.
    static func remoteError(_ error: SubmitError) -> RemoteImageError {
        switch error {
        case .httpStatus(_, let status, _): .httpStatus(status)
        case .unreachable(_, let reason): .unreachable(reason: reason)
        case .requestTimedOut(_, let seconds): .timedOut(seconds: seconds)
        case .connectionLost(_, let reason): .connectionLost(reason: reason)
        default: .connectionLost(reason: error.description)
        }
    }
}
