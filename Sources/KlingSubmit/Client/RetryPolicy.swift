import Foundation

/// How failed requests are retried: exponential backoff with jitter, honouring `Retry-After`,
/// within a number of attempts and an overall deadline (design.md, "Submitter").
public struct RetryPolicy: Sendable {
    /// Most attempts per operation, the first included.
    public var maxAttempts: Int
    /// Delay before the first retry.
    public var initialDelay: Duration
    /// Longest computed backoff delay.
    public var maxDelay: Duration
    /// Growth factor between retries.
    public var multiplier: Double
    /// Jitter as a fraction of the delay: each delay is scaled by a random factor in
    /// `1 - jitter ... 1`.
    public var jitter: Double
    /// Longest `Retry-After` honoured; a longer one ends the retries.
    public var maxRetryAfter: Duration
    /// Overall budget of one operation (all attempts and delays), measured on the continuous clock.
    public var overallDeadline: Duration
    /// Waits between attempts; tests inject a function that records and returns at once.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// The defaults: 6 attempts, 1 s doubling up to 30 s, 20 % jitter, `Retry-After` up to 120 s,
    /// 10 minutes overall.
    public init(
        maxAttempts: Int = 6, initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
        multiplier: Double = 2, jitter: Double = 0.2, maxRetryAfter: Duration = .seconds(120),
        overallDeadline: Duration = .seconds(600),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
        self.overallDeadline = overallDeadline
        self.sleep = sleep
    }

    /// The delay before retry number `retry` (1 for the first retry): the jittered backoff, or
    /// `retryAfter` when the service asked for longer.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration {
        let exponent = Double(max(0, retry - 1))
        let raw = initialDelay.seconds * pow(multiplier, exponent)
        let capped = min(raw, maxDelay.seconds)
        let factor = 1 - jitter * Double.random(in: 0...1)
        let backoff = Duration.seconds(capped * factor)
        if let retryAfter, retryAfter > backoff { return retryAfter }
        return backoff
    }
}

/// How often `wait` asks for a task's status: from ``initial`` growing by ``factor`` up to
/// ``maximum`` (5 s → 30 s by default).
public struct PollSchedule: Sendable {
    /// First interval.
    public var initial: Duration
    /// Longest interval.
    public var maximum: Duration
    /// Growth factor per poll.
    public var factor: Double
    /// Waits between polls; tests inject a short or recording sleep.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// 5 s growing by 1.5 up to 30 s.
    public init(
        initial: Duration = .seconds(5), maximum: Duration = .seconds(30), factor: Double = 1.5,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.factor = max(1, factor)
        self.sleep = sleep
    }

    /// The interval after `interval`.
    public func next(after interval: Duration) -> Duration {
        min(maximum, .seconds(interval.seconds * factor))
    }
}

/// Limits and timeouts of the HTTP client.
public struct ClientSettings: Sendable {
    /// Timeout of one small request (GETs and the answer to the POST), from start to the last byte.
    public var requestTimeout: Duration
    /// Timeout of the POST, which uploads the whole body (up to ~55 MB).
    public var uploadTimeout: Duration
    /// Timeout of establishing a connection.
    public var connectTimeout: Duration
    /// Timeout of one video download.
    public var downloadTimeout: Duration
    /// Largest JSON answer read, in bytes.
    public var maxResponseBytes: Int
    /// Largest video downloaded, in bytes.
    public var maxDownloadBytes: Int64
    /// Retries of every request.
    public var retry: RetryPolicy
    /// The pace shared with other submissions (a batch); `nil` paces this client alone.
    public var pace: RequestPace?

    /// 30 s requests, 300 s uploads, 10 s connects, 600 s downloads, 4 MiB answers, 2 GiB videos.
    public init(
        requestTimeout: Duration = .seconds(30), uploadTimeout: Duration = .seconds(300),
        connectTimeout: Duration = .seconds(10), downloadTimeout: Duration = .seconds(600),
        maxResponseBytes: Int = 4 << 20, maxDownloadBytes: Int64 = 2 << 30, retry: RetryPolicy = RetryPolicy(),
        pace: RequestPace? = nil
    ) {
        self.pace = pace
        self.requestTimeout = requestTimeout
        self.uploadTimeout = uploadTimeout
        self.connectTimeout = connectTimeout
        self.downloadTimeout = downloadTimeout
        self.maxResponseBytes = maxResponseBytes
        self.maxDownloadBytes = maxDownloadBytes
        self.retry = retry
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (s, attos) = components
        return Double(s) + Double(attos) / 1e18
    }
}
