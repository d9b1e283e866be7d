import KlingCheck
import KlingSubmit
import Synchronization

/// Runs a batch: every job judged (and built) on all cores, then every valid one submitted
/// with at most ``BatchOptions/concurrency`` in flight, all sharing one pace
/// (``RequestPace``), one client and one journal. Each job ends in exactly one
/// ``BatchJobResult``; the results come back in the jobs' order.
///
/// A batch killed at any moment and run again finishes the work with no task created twice:
/// judging and building are repeatable, and each body's external id is derived from its content
/// and looked up before its first POST (``Submitter/submit(body:options:)``).
public struct BatchRunner: Sendable {
    public let options: BatchOptions
    /// Needed for ``BatchOptions/Mode/submit``; ignored otherwise.
    public let service: BatchService?
    public let report: @Sendable (BatchEvent) -> Void

    public init(
        options: BatchOptions, service: BatchService? = nil,
        report: @escaping @Sendable (BatchEvent) -> Void = { _ in }
    ) {
        self.options = options
        self.service = service
        self.report = report
    }

    /// Runs `jobs` and returns one result per job, in their order. Cancellation stops the
    /// batch: jobs not finished end as `error` ("interrupted").
    public func run(_ jobs: [BatchJob]) async -> [BatchJobResult] {
        let tally = Tally(total: jobs.count)
        let report = self.report
        let pace = service?.pace
        let ticker = Task {
            while !Task.isCancelled {
                report(.progress(tally.progress(pace: pace)))
                try? await Task.sleep(for: .seconds(1))
            }
        }
        defer { ticker.cancel() }
        let options = self.options
        let finish: @Sendable (Int, BatchJobResult) -> Void = { index, result in
            let done = tally.finish(index, result)
            report(.finished(result, done: done, total: jobs.count))
            report(.progress(tally.progress(pace: pace)))
        }
        // 1. Judge and build, on all cores.
        let judged = await Self.bounded(jobs.indices, width: options.parallelism) { index in
            await BatchJudging.judge(jobs[index], options: options)
        }
        var toSubmit: [(index: Int, judged: BatchJudging.Judged, body: String)] = []
        for (index, outcome) in judged.enumerated() {
            guard let outcome else {
                finish(index, Self.interrupted(jobs[index]))
                continue
            }
            if options.mode == .submit, let body = outcome.bodyPath, outcome.result.status == .built,
                service != nil
            {
                toSubmit.append((index, outcome, body))
            } else if options.mode == .submit, service == nil, outcome.result.status == .built {
                var result = outcome.result
                result.status = .error
                result.message = "nothing to submit with: no client was given"
                finish(index, result)
            } else {
                finish(index, outcome.result)
            }
        }
        // 2. Submit, at most `concurrency` at once.
        if let service, !toSubmit.isEmpty {
            let toSubmit = toSubmit
            let submitted = await Self.bounded(toSubmit.indices, width: options.concurrency) { slot in
                let item = toSubmit[slot]
                tally.beganSubmission()
                defer { tally.endedSubmission() }
                return await BatchSubmission.submit(
                    item.judged, bodyPath: item.body, job: jobs[item.index], options: options, service: service,
                    report: report)
            }
            for (slot, result) in submitted.enumerated() {
                let index = toSubmit[slot].index
                finish(index, result ?? Self.interrupted(jobs[index]))
            }
        }
        return tally.results(jobs)
    }

    /// `work` for each of `items` with at most `width` at once; `nil` for items not run
    /// because the task was cancelled.
    static func bounded<Result: Sendable>(
        _ items: Range<Int>, width: Int, _ work: @escaping @Sendable (Int) async -> Result
    ) async -> [Result?] {
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = items.lowerBound
            func add() {
                guard next < items.upperBound, !Task.isCancelled else { return }
                let index = next
                next += 1
                group.addTask { (index, await work(index)) }
            }
            for _ in 0..<max(1, width) { add() }
            while let (index, result) = await group.next() {
                results[index - items.lowerBound] = result
                add()
            }
        }
        return results
    }

    static func interrupted(_ job: BatchJob) -> BatchJobResult {
        var result = BatchJobResult(input: job.input, file: job.file, status: .error)
        result.message = "interrupted before this job finished; run the same command again to finish it"
        return result
    }
}

/// The batch's running count, shared by its tasks.
final class Tally: Sendable {
    private struct State {
        var results: [Int: BatchJobResult] = [:]
        var running = 0
    }

    private let state = Mutex(State())
    private let total: Int
    private let start = ContinuousClock.now

    init(total: Int) { self.total = total }

    /// Records the result of job `index` (the first one only) and returns how many are done.
    func finish(_ index: Int, _ result: BatchJobResult) -> Int {
        state.withLock {
            if $0.results[index] == nil { $0.results[index] = result }
            return $0.results.count
        }
    }

    func beganSubmission() { state.withLock { $0.running += 1 } }
    func endedSubmission() { state.withLock { $0.running -= 1 } }

    func progress(pace: RequestPace?) -> BatchProgress {
        let elapsed = (ContinuousClock.now - start).seconds
        let (done, running) = state.withLock { ($0.results.count, $0.running) }
        let remaining = done > 0 && done < total ? elapsed / Double(done) * Double(total - done) : nil
        return BatchProgress(
            done: done, total: total, running: running,
            pace: pace?.snapshot() ?? .idle,
            elapsed: elapsed, remaining: remaining)
    }

    /// One result per job, in order; a job without one (never reached) is interrupted.
    func results(_ jobs: [BatchJob]) -> [BatchJobResult] {
        let recorded = state.withLock { $0.results }
        return jobs.indices.map { recorded[$0] ?? BatchRunner.interrupted(jobs[$0]) }
    }
}
