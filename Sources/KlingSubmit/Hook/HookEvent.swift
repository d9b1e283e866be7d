/// Something the callback receiver did, for its log. No event carries the secret path or the
/// API key: a refused request is described by its status and reason only, never by its path.
public enum HookEvent: Sendable, Equatable {
    /// The server listens on this address.
    case listening(HookListenAddress)
    /// A callback was accepted and taken by the processor (the status is the hint's claim).
    case queued(taskID: String, status: TaskStatus)
    /// A request was refused with `status` (400, 404, 413, 503) for `reason`.
    case refused(status: Int, reason: String)
    /// A hint was confirmed (or found to be about an unknown task).
    case confirmed(CallbackOutcome)
    /// Confirming a hint failed; a later callback (or `klingprep wait`) tries again.
    case confirmFailed(taskID: String, error: SubmitError)
    /// The server stopped accepting callbacks and is finishing the queued ones.
    case stopping
    /// Everything queued was processed; the server is closed.
    case stopped(HookStatistics)
}

/// Counts of what the receiver handled since it started.
public struct HookStatistics: Sendable, Equatable, Codable {
    /// Hints queued (answered 200).
    public var queued = 0
    /// Hints folded into a later confirmation of the same task (one look-up answers both).
    public var coalesced = 0
    /// Hints about tasks the journal does not know (nothing done).
    public var unknownTasks = 0
    /// Hints about tasks the journal already records as finished (nothing done).
    public var alreadyFinished = 0
    /// Look-ups that recorded a new status or downloaded a video.
    public var updated = 0
    /// Look-ups that found nothing new.
    public var unchanged = 0
    /// Confirmations that failed.
    public var failures = 0
    /// Hints dropped because ``CallbackProcessor/maximumWaitingTasks`` other tasks were waiting.
    public var dropped = 0

    /// No counts yet.
    public init() {}

    /// Hints whose processing is over (confirmed, coalesced, failed or dropped).
    public var finished: Int {
        coalesced + unknownTasks + alreadyFinished + updated + unchanged + failures + dropped
    }

    enum CodingKeys: String, CodingKey {
        case queued, coalesced, updated, unchanged, failures, dropped
        case unknownTasks = "unknown_tasks"
        case alreadyFinished = "already_finished"
    }
}
