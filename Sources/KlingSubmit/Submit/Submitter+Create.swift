import Foundation
import KlingCheck
import Synchronization

/// The external id a submission uses, and what the journal knew of it before this run.
struct ExternalIDChoice: Sendable {
    var externalID: String
    /// The take number when the id was derived from the content; `nil` for the body's own id.
    var take: Int?
    /// What the journal recorded for this id before this run, if anything: an earlier attempt.
    var earlierAttempt: JobState?
}

extension Submitter {
    /// The most takes `--force-new` tries before giving up.
    static let maximumTake = 100

    /// Chooses the external id (see ``submit(body:options:)``): the journal's for this body, the
    /// next free take with `forceNew`, the body's own, or the derived one.
    func chooseExternalID(
        scan: BodyScan, content: String, route: Route, existing: JobState?, options: SubmitOptions
    ) async throws(SubmitError) -> ExternalIDChoice {
        let backend = client.endpoint.backend
        if let existing, let id = existing.externalID {
            report(.resumed(externalID: id, taskID: nil))
            let take = ExternalTaskID.take(of: id, backend: backend, route: route, contentSHA256: content)
            return ExternalIDChoice(externalID: id, take: take, earlierAttempt: existing)
        }
        if options.forceNew {
            // A take this journal prepared and never saw created (a run stopped mid-way) is
            // finished, not abandoned for another.
            if let unfinished = try unfinishedTake(content: content, route: route) {
                report(.resumed(externalID: unfinished.id, taskID: nil))
                return ExternalIDChoice(
                    externalID: unfinished.id, take: unfinished.take, earlierAttempt: unfinished.job)
            }
            let take = try await nextFreeTake(content: content, route: route, forms: options.lookupForms)
            let id = ExternalTaskID.derive(backend: backend, route: route, contentSHA256: content, take: take)
            return ExternalIDChoice(externalID: id, take: take, earlierAttempt: nil)
        }
        if let own = scan.externalID {
            try refuseReuse(of: own, sha256: scan.sha256)
            return ExternalIDChoice(
                externalID: own, take: nil, earlierAttempt: try journal?.job(forExternalID: own, at: client.endpoint))
        }
        let id = ExternalTaskID.derive(backend: backend, route: route, contentSHA256: content)
        return ExternalIDChoice(
            externalID: id, take: 1, earlierAttempt: try journal?.job(forExternalID: id, at: client.endpoint))
    }

    /// The newest take above 1 this journal recorded for the content whose task it never saw.
    func unfinishedTake(content: String, route: Route) throws(SubmitError) -> (id: String, take: Int, job: JobState)? {
        let takes = try journal?.takes(contentSHA256: content, route: route, endpoint: client.endpoint) ?? []
        guard let newest = takes.max(), newest > 1 else { return nil }
        let id = ExternalTaskID.derive(
            backend: client.endpoint.backend, route: route, contentSHA256: content, take: newest)
        guard let job = try journal?.job(forExternalID: id, at: client.endpoint), job.taskID == nil else { return nil }
        return (id, newest, job)
    }

    /// The first take after every take this journal recorded for the content (at least 2) whose
    /// derived id the service does not know either.
    func nextFreeTake(content: String, route: Route, forms: [LookupForm]) async throws(SubmitError) -> Int {
        let backend = client.endpoint.backend
        let recorded = try journal?.takes(contentSHA256: content, route: route, endpoint: client.endpoint) ?? []
        var take = max(2, (recorded.max() ?? 1) + 1)
        while take < Self.maximumTake {
            let id = ExternalTaskID.derive(backend: backend, route: route, contentSHA256: content, take: take)
            if try journal?.job(forExternalID: id, at: client.endpoint) != nil {
                take += 1
                continue
            }
            if case .found = try await client.find(externalID: id, route: route, forms: forms, report: report) {
                take += 1
                continue
            }
            break
        }
        return take
    }

    /// Looks the id up before the first POST and creates the task only when that cannot make a
    /// second one (see ``submit(body:options:)``); records `adopted`, `created` or `failed`.
    func lookUpThenCreate(
        body: URL, scan: BodyScan, content: String, keys: JobKeys, earlier: JobState?, options: SubmitOptions
    ) async throws(SubmitError) -> CreateResult {
        let externalID = keys.externalID ?? ""
        switch try await client.find(
            externalID: externalID, route: keys.route, forms: options.lookupForms, report: report)
        {
        case .found(let located):
            let task = located.task
            if task.status == .failed {
                try record(.failed, keys, task: task)
                throw SubmitError.existingTaskFailed(
                    taskID: task.taskID, externalID: externalID, message: task.statusMessage)
            }
            try record(.adopted, keys, task: task)
            report(.adopted(taskID: task.taskID, externalID: externalID))
            return CreateResult(task: task, adopted: true, postsSent: 0)
        case .notFound:
            break
        case .unavailable(let endpoint, let reason):
            if let earlier {
                throw SubmitError.attemptNotRuledOut(
                    externalID: externalID, journalState: Self.describe(earlier), endpoint: endpoint, reason: reason)
            }
            report(.lookupInconclusive(externalID: externalID, reason: reason))
        }
        let prepared = try PreparedBody.prepare(
            original: body, scan: scan, externalID: externalID, route: keys.route, callbackURL: options.callbackURL,
            contentSHA256: content)
        defer { prepared.discard() }
        let result = try await client.createTask(
            body: prepared, forms: options.lookupForms, concurrency: concurrencyWait(options.concurrency),
            report: report)
        try record(result.adopted ? .adopted : .created, keys, task: result.task)
        report(
            result.adopted
                ? .adopted(taskID: result.task.taskID, externalID: externalID)
                : .created(taskID: result.task.taskID, externalID: externalID))
        return result
    }

    /// What the journal knows of a job, in a few words.
    static func describe(_ job: JobState) -> String {
        let first = job.records.first?.time ?? "an earlier run"
        if let taskID = job.taskID {
            return "task \(taskID), last status \(job.lastStatus?.rawValue ?? "unknown"), first recorded \(first)"
        }
        let events = Set(job.records.map(\.event.rawValue)).sorted().joined(separator: ", ")
        return "prepared \(first), no task id recorded (events: \(events))"
    }

    /// Waits out a 1303: reads our own running tasks from the journal (for the report), backs off
    /// per `policy`, and gives up with ``SubmitError/retriesExhausted(endpoint:attempts:last:)``
    /// after ``ConcurrencyPolicy/maximumWait``.
    func concurrencyWait(_ policy: ConcurrencyPolicy) -> ConcurrencyWait {
        let journal = self.journal
        let endpoint = client.endpoint
        let report = self.report
        let pace = client.settings.pace
        let waited = WaitedTime()
        return { attempt throws(SubmitError) in
            let delay = policy.delay(attempt: attempt)
            guard waited.add(delay) <= policy.maximumWait else {
                throw .retriesExhausted(
                    endpoint: endpoint.baseURL, attempts: attempt,
                    last:
                        "the account stayed at its concurrency limit (code 1303) for as long as it may wait (\(Self.spoken(policy.maximumWait)))"
                )
            }
            let running = (try? journal?.runningJobs(at: endpoint))?.count ?? 0
            report(.waitingForOwnTasks(running: running, delaySeconds: delay.seconds))
            // Other submissions sharing the pace hold their creations too (a batch).
            pace?.concurrencyLimited(for: delay)
            do {
                try await policy.sleep(delay)
            } catch {
                throw .interrupted(taskID: nil, externalID: nil)
            }
        }
    }
}

extension Submitter {
    /// `45 s`, `60 min`: a wait's length for messages.
    static func spoken(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds < 120 ? "\(Int(seconds.rounded())) s" : "\(Int((seconds / 60).rounded())) min"
    }
}

/// The total of the delays waited so far, shared by the calls of one wait closure.
final class WaitedTime: Sendable {
    private let total = Mutex<Duration>(.zero)

    /// Adds `delay` and returns the new total.
    func add(_ delay: Duration) -> Duration {
        total.withLock {
            $0 += delay
            return $0
        }
    }
}
