import Foundation

/// Counts attempts of one operation and waits between them, within the policy's attempt
/// limit and overall deadline (and the caller's deadline, if any).
struct RetryLoop {
    let policy: RetryPolicy
    /// The shared pace told about each rate limit, when there is one.
    var pace: RequestPace? = nil
    let endpoint: String
    let started = ContinuousClock.now
    let deadline: ContinuousClock.Instant
    private(set) var attempts = 1

    init(policy: RetryPolicy, endpoint: String, deadline: ContinuousClock.Instant?) {
        self.policy = policy
        self.endpoint = endpoint
        let own = ContinuousClock.now + policy.overallDeadline
        self.deadline = deadline.map { min($0, own) } ?? own
    }

    /// The timeout of the next attempt: `nominal`, shortened to what is left before the deadline
    /// (at least 100 ms).
    func timeout(_ nominal: Duration) -> Duration {
        let left = deadline - ContinuousClock.now
        return max(.milliseconds(100), min(nominal, left))
    }

    /// Waits before the next attempt, or throws when the budget is spent or a delay exceeds
    /// the longest `Retry-After` honoured.
    mutating func pause(
        after error: SubmitError, retryAfter: Duration?, report: @Sendable (SubmitEvent) -> Void
    ) async throws(SubmitError) {
        if case .interrupted = error { throw error }
        let delay = policy.delay(beforeRetry: attempts, retryAfter: retryAfter)
        let exhausted =
            attempts >= policy.maxAttempts
            || ContinuousClock.now + delay >= deadline
            || (retryAfter.map { $0 > policy.maxRetryAfter } ?? false)
        if exhausted {
            throw .retriesExhausted(endpoint: endpoint, attempts: attempts, last: error.description)
        }
        if error.isRateLimit { pace?.rateLimited(for: delay) }
        report(
            .retrying(endpoint: endpoint, attempt: attempts + 1, delaySeconds: delay.seconds, reason: error.description)
        )
        do {
            try await policy.sleep(delay)
        } catch {
            throw .interrupted(taskID: nil, externalID: nil)
        }
        attempts += 1
    }
}
