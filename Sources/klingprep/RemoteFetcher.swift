import KlingRequest

/// The `--remote` image fetcher (HTTP lives in the submitter module).
enum RemoteFetcher {
    static func make() -> (any RemoteImageFetcher)? { nil }
}
