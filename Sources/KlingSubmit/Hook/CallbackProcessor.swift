public import Foundation

/// Turns callback hints into confirmed journal records and downloads, off the request path.
///
/// Hints are processed one at a time per task id and up to ``maximumParallelTasks`` task ids at
/// once. A hint that arrives while its task is being confirmed, or is still waiting, is folded
/// into one more confirmation after the running one (each confirmation queries the service, so
/// one covers any number of hints). Each confirmation is ``Submitter/confirm(taskID:outputDirectory:)``.
public actor CallbackProcessor {
    /// The submitter whose journal and client confirm hints.
    public let submitter: Submitter
    /// Where videos of succeeded tasks are saved.
    public let outputDirectory: URL
    /// Most task ids confirmed at once.
    public let maximumParallelTasks: Int
    /// Most distinct task ids waiting; a hint for another one beyond that is dropped.
    public let maximumWaitingTasks: Int
    private let report: @Sendable (HookEvent) -> Void

    /// The newest unprocessed hint per task id.
    private var pending: [String: CallbackHint] = [:]
    /// Task ids with a pending hint that are not running, oldest first.
    private var waiting: [String] = []
    private var waitingSet: Set<String> = []
    /// Task ids being confirmed now.
    private var running: Set<String> = []
    private var workers = 0

    /// What was handled so far.
    public private(set) var statistics = HookStatistics()

    /// Creates a processor.
    ///
    /// - Parameters:
    ///   - maximumParallelTasks: most task ids confirmed at once (at least 1).
    ///   - maximumWaitingTasks: most distinct task ids waiting for a confirmation (at least 1).
    ///   - report: receives ``HookEvent/queued(taskID:status:)`` (in the order the hints are
    ///     taken), ``HookEvent/confirmed(_:)`` and ``HookEvent/confirmFailed(taskID:error:)``.
    public init(
        submitter: Submitter, outputDirectory: URL, maximumParallelTasks: Int = 4, maximumWaitingTasks: Int = 10_000,
        report: @escaping @Sendable (HookEvent) -> Void = { _ in }
    ) {
        self.submitter = submitter
        self.outputDirectory = outputDirectory
        self.maximumParallelTasks = max(1, maximumParallelTasks)
        self.maximumWaitingTasks = max(1, maximumWaitingTasks)
        self.report = report
    }

    /// Processes every hint of `hints` until the sequence ends, then waits for the work in
    /// progress and returns.
    public func run(_ hints: AsyncStream<CallbackHint>) async {
        await withDiscardingTaskGroup { group in
            for await hint in hints where admit(hint) {
                group.addTask { await self.work() }
            }
        }
    }

    /// Queues `hint`; `true` when a new worker must be started.
    private func admit(_ hint: CallbackHint) -> Bool {
        let id = hint.taskID
        statistics.queued += 1
        report(.queued(taskID: id, status: hint.status))
        if pending.updateValue(hint, forKey: id) != nil {
            statistics.coalesced += 1
            return false
        }
        if running.contains(id) { return false }
        guard waiting.count < maximumWaitingTasks else {
            pending[id] = nil
            statistics.dropped += 1
            return false
        }
        waiting.append(id)
        waitingSet.insert(id)
        guard workers < maximumParallelTasks else { return false }
        workers += 1
        return true
    }

    /// Confirms waiting task ids until none is left.
    private func work() async {
        while let id = waiting.first {
            waiting.removeFirst()
            waitingSet.remove(id)
            pending[id] = nil
            running.insert(id)
            await confirm(id)
            running.remove(id)
            if pending[id] != nil, !waitingSet.contains(id) {
                waiting.append(id)
                waitingSet.insert(id)
            }
        }
        workers -= 1
    }

    private func confirm(_ taskID: String) async {
        do {
            let outcome = try await submitter.confirm(taskID: taskID, outputDirectory: outputDirectory)
            switch outcome.effect {
            case .unknownTask: statistics.unknownTasks += 1
            case .alreadyFinished: statistics.alreadyFinished += 1
            case .unchanged: statistics.unchanged += 1
            case .updated: statistics.updated += 1
            }
            report(.confirmed(outcome))
        } catch {
            statistics.failures += 1
            report(.confirmFailed(taskID: taskID, error: error))
        }
    }
}
