import AsyncHTTPClient
public import Foundation
import KlingCheck
import NIOCore
import NIOHTTP1

/// The end of one download attempt that is not a network error.
private enum DownloadAttempt: Sendable {
    case saved(DownloadedFile)
    case status(Int, retryAfter: String?)
    case redirect(String)
    case tooLarge
    case sizeMismatch(expected: Int64, received: Int64)
    case fileError(String)
    case notAVideo(String)
}

extension KlingClient {
    /// Downloads `video` to `destination`: streamed to a temporary file in the same directory
    /// (``AtomicOutput``), its size checked against `Content-Length` and
    /// ``ClientSettings/maxDownloadBytes``, flushed, then renamed into place. Retried (from the start) on network errors, 429, 5xx and short
    /// bodies. The request carries no `Authorization` header: video URLs are pre-signed and may
    /// live on another host.
    ///
    /// - Throws: ``SubmitError/downloadFailed(url:reason:)``, ``SubmitError/downloadSizeMismatch(url:expected:received:)``,
    ///   ``SubmitError/downloadTooLarge(url:limit:)``, ``SubmitError/fileNotWritable(path:reason:)``,
    ///   ``SubmitError/retriesExhausted(endpoint:attempts:last:)``, ``SubmitError/interrupted(taskID:externalID:)``.
    public func download(
        video: TaskVideo, to destination: URL, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> DownloadedFile {
        let shown = Self.urlForMessages(video.url)
        guard let components = URLComponents(string: video.url), let scheme = components.scheme?.lowercased(),
            let host = components.host
        else {
            throw .downloadFailed(url: shown, reason: "not an absolute URL")
        }
        guard scheme == "https" || (scheme == "http" && ServiceEndpoint.isLoopback(host: host)) else {
            throw .downloadFailed(url: shown, reason: "refusing \(scheme):// to a host that is not loopback")
        }
        var retry = RetryLoop(policy: settings.retry, endpoint: shown, deadline: nil)
        retry.pace = settings.pace
        var current = video.url
        var redirects = 0
        while true {
            let attempt: DownloadAttempt
            do {
                attempt = try await downloadOnce(
                    video: video, from: current, to: destination, timeout: retry.timeout(settings.downloadTimeout))
            } catch {
                if error == .cancelled { throw .interrupted(taskID: nil, externalID: nil) }
                try await retry.pause(after: error.error(endpoint: shown), retryAfter: nil, report: report)
                continue
            }
            switch attempt {
            case .saved(let file):
                return file
            case .redirect(let location):
                redirects += 1
                guard redirects <= Self.maximumRedirects else {
                    throw .downloadFailed(url: shown, reason: "more than \(Self.maximumRedirects) redirects")
                }
                current = try Self.redirectTarget(location, from: current, shown: shown)
            case .status(let status, let retryAfter):
                let error = SubmitError.downloadFailed(url: shown, reason: "HTTP \(status)")
                guard status == 429 || status >= 500 else { throw error }
                try await retry.pause(
                    after: error, retryAfter: ResponseReader.parseRetryAfter(retryAfter), report: report)
            case .tooLarge:
                throw .downloadTooLarge(url: shown, limit: settings.maxDownloadBytes)
            case .sizeMismatch(let expected, let received):
                try await retry.pause(
                    after: .downloadSizeMismatch(url: shown, expected: expected, received: received),
                    retryAfter: nil, report: report)
            case .fileError(let reason):
                throw .fileNotWritable(path: destination.path, reason: reason)
            case .notAVideo(let type):
                throw .downloadFailed(
                    url: shown,
                    reason: "the answer is \(type), not a video (the link may have expired); nothing was kept")
            }
        }
    }

    /// The most redirects a download follows.
    static let maximumRedirects = 5

    /// The absolute URL a `Location` points to from `current`: https, or http to loopback only.
    static func redirectTarget(_ location: String, from current: String, shown: String) throws(SubmitError) -> String {
        guard let base = URL(string: current), let target = URL(string: location, relativeTo: base)?.absoluteURL,
            let components = URLComponents(url: target, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), let host = components.host
        else {
            throw .downloadFailed(url: shown, reason: "a redirect to an unusable location")
        }
        guard scheme == "https" || (scheme == "http" && ServiceEndpoint.isLoopback(host: host)) else {
            throw .downloadFailed(url: shown, reason: "refusing a redirect to \(scheme):// (https only)")
        }
        return target.absoluteString
    }

    private func downloadOnce(
        video: TaskVideo, from url: String, to destination: URL, timeout: Duration
    ) async throws(TransportFailure) -> DownloadAttempt {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "klingprep")
        let prepared = request
        let client = http
        let limit = settings.maxDownloadBytes
        let log = logger
        return try await Transport.withTimeout(timeout) {
            let response = try await client.execute(
                prepared, deadline: .now() + .nanoseconds(Int64(timeout.seconds * 1e9) + 1_000_000_000), logger: log)
            let code = Int(response.status.code)
            if [301, 302, 303, 307, 308].contains(code), let location = response.headers.first(name: "Location") {
                return .redirect(location)
            }
            guard (200..<300).contains(code) else {
                return .status(Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"))
            }
            // A page or an error document instead of the video (an expired or wrong URL answered
            // by a web server) must not be saved as the video.
            if let type = response.headers.first(name: "Content-Type")?.lowercased(),
                type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/xml")
            {
                return .notAVideo(type.split(separator: ";").first.map(String.init) ?? type)
            }
            let expected = response.headers.first(name: "Content-Length").flatMap { Int64($0) }
            if let expected, expected > limit { return .tooLarge }
            let output: AtomicOutput
            do throws(FileError) {
                output = try AtomicOutput(destination: destination.path)
            } catch {
                return .fileError(error.reason)
            }
            var received: Int64 = 0
            var hasher = BodyDigest()
            do {
                for try await chunk in response.body {
                    received += Int64(chunk.readableBytes)
                    if received > limit {
                        output.discard()
                        return .tooLarge
                    }
                    let bytes = Array(chunk.readableBytesView)
                    hasher.update(bytes)
                    try output.write(bytes)
                }
                if let expected, received != expected {
                    output.discard()
                    return .sizeMismatch(expected: expected, received: received)
                }
                try output.commit()
            } catch let error as FileError {
                output.discard()
                return .fileError(error.reason)
            } catch {
                output.discard()
                throw error
            }
            return .saved(
                DownloadedFile(videoID: video.id, path: destination.path, bytes: received, sha256: hasher.finalize()))
        }
    }

    /// A URL without its query (pre-signed URLs carry long signatures there).
    static func urlForMessages(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        c.query = nil
        c.fragment = nil
        return c.string ?? url
    }
}
