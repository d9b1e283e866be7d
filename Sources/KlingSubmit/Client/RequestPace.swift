import Synchronization

/// One pace for many submissions sharing a client (a batch, design.md "Submitter"): a rate
/// limit answered to any of them (HTTP 429, code 1302) pauses every request of all of them for
/// the backoff delay, and the account's concurrency limit (code 1303) pauses every *creation*
/// until one of the batch's own tasks ends or the delay passes (api.md, "Errors": a task holds
/// its concurrency slot until it ends).
///
/// Set it as ``ClientSettings/pace``; the client waits its turn before each request and reports
/// each rate limit here. A batch calls ``taskEnded()`` whenever one of its tasks reaches a final
/// status. All times are on the continuous clock; waits are checked every ``tick``.
public final class RequestPace: Sendable {
    /// What a paused batch is waiting for, for a progress display.
    public struct Snapshot: Sendable, Equatable {
        /// Seconds until requests may go out again after a rate limit (0 when not paused).
        public var rateLimitWait: Double
        /// Seconds until creations may go out again after a 1303 (0 when not paused).
        public var concurrencyWait: Double
        /// Rate-limit answers seen so far.
        public var rateLimits: Int
        /// 1303 answers seen so far.
        public var concurrencyLimits: Int

        /// Nothing paused, nothing seen.
        public static let idle = Snapshot(rateLimitWait: 0, concurrencyWait: 0, rateLimits: 0, concurrencyLimits: 0)
    }

    private struct State {
        var requestsResume: ContinuousClock.Instant?
        var creationsResume: ContinuousClock.Instant?
        var endedTasks = 0
        var rateLimits = 0
        var concurrencyLimits = 0
    }

    private let state = Mutex(State())
    /// How often a waiting request looks again.
    public let tick: Duration

    /// A pace with nothing paused.
    public init(tick: Duration = .milliseconds(100)) {
        self.tick = tick
    }

    /// Pauses every request for at least `delay` from now (a 429 or 1302 seen by one submission).
    public func rateLimited(for delay: Duration) {
        let until = ContinuousClock.now + delay
        state.withLock {
            $0.rateLimits += 1
            $0.requestsResume = max($0.requestsResume ?? until, until)
        }
    }

    /// Pauses every creation for at least `delay` from now, or until ``taskEnded()`` (a 1303).
    public func concurrencyLimited(for delay: Duration) {
        let until = ContinuousClock.now + delay
        state.withLock {
            $0.concurrencyLimits += 1
            $0.creationsResume = max($0.creationsResume ?? until, until)
        }
    }

    /// One of the batch's tasks ended: its concurrency slot is free, so paused creations may go.
    public func taskEnded() {
        state.withLock {
            $0.endedTasks += 1
            $0.creationsResume = nil
        }
    }

    /// Waits until a request may be sent: after any rate-limit pause, and for a creation also
    /// after any concurrency pause.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func awaitTurn(creating: Bool) async throws {
        while true {
            let now = ContinuousClock.now
            let until = state.withLock { s -> ContinuousClock.Instant? in
                let times = [s.requestsResume, creating ? s.creationsResume : nil].compactMap { $0 }
                return times.max()
            }
            guard let until, until > now else { return }
            try await Task.sleep(for: min(tick, until - now))
        }
    }

    /// Sleeps for `delay`, or less when one of the batch's tasks ends meanwhile (the 1303 wait).
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func sleepUntilTaskEnds(atMost delay: Duration) async throws {
        let ended = state.withLock { $0.endedTasks }
        let until = ContinuousClock.now + delay
        while ContinuousClock.now < until {
            if state.withLock({ $0.endedTasks }) != ended { return }
            try await Task.sleep(for: min(tick, until - ContinuousClock.now))
        }
    }

    /// What is paused now.
    public func snapshot() -> Snapshot {
        let now = ContinuousClock.now
        return state.withLock { s in
            Snapshot(
                rateLimitWait: s.requestsResume.map { max(0, ($0 - now).seconds) } ?? 0,
                concurrencyWait: s.creationsResume.map { max(0, ($0 - now).seconds) } ?? 0,
                rateLimits: s.rateLimits, concurrencyLimits: s.concurrencyLimits)
        }
    }
}

extension SubmitError {
    /// The service's rate limit: HTTP 429 in either dialect or without one, or Kling's code 1302.
    var isRateLimit: Bool {
        switch self {
        case .service(let failure): failure.code == 1302 || (failure.httpStatus == 429 && failure.code != 1303)
        case .gateway(let failure): failure.httpStatus == 429
        case .httpStatus(_, let status, _): status == 429
        default: false
        }
    }
}
