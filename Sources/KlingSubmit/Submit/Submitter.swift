public import Foundation
import KlingCheck

/// Submits bodies, follows tasks and downloads their videos, recording every state change in
/// the journal so that a re-run resumes instead of creating a second task (design.md,
/// "Submitter"). Each public method is what one CLI subcommand calls.
///
/// Every task lives on one route (api.md, "Routes"): a submission's route comes from
/// ``SubmitOptions/route`` or the body's shape, is written into every journal record, and is the
/// path the task is followed, looked up and resumed on.
public struct Submitter: Sendable {
    /// The HTTP client (owned by the caller, who shuts it down).
    public let client: KlingClient
    /// The journal; `nil` records nothing (allowed for `wait`, `download` and `status`).
    public let journal: Journal?
    /// How `wait` polls.
    public let poll: PollSchedule
    /// Receives progress events.
    public let report: @Sendable (SubmitEvent) -> Void

    /// Creates a submitter.
    public init(
        client: KlingClient, journal: Journal?, poll: PollSchedule = PollSchedule(),
        report: @escaping @Sendable (SubmitEvent) -> Void = { _ in }
    ) {
        self.client = client
        self.journal = journal
        self.poll = poll
        self.report = report
    }

    /// Keys that tie journal records to one job.
    struct JobKeys: Sendable {
        var route: Route
        var bodySHA256: String?
        var contentSHA256: String? = nil
        var externalID: String?
        var take: Int? = nil
    }

    func record(
        _ event: JournalEvent, _ keys: JobKeys, task: KlingTask? = nil, taskID: String? = nil,
        bodyPath: String? = nil, file: DownloadedFile? = nil
    ) throws(SubmitError) {
        guard let journal else { return }
        try journal.append(
            JournalRecord(
                event: event, route: keys.route, backend: client.endpoint.backend, baseURL: client.endpoint.baseURL,
                bodySHA256: keys.bodySHA256, contentSHA256: event == .prepared ? keys.contentSHA256 : nil,
                bodyPath: bodyPath, externalTaskID: keys.externalID, take: event == .prepared ? keys.take : nil,
                taskID: task?.taskID ?? taskID, status: task?.status.rawValue,
                message: event == .failed ? task?.statusMessage : nil,
                videos: event == .succeeded ? task?.videos : nil,
                cost: event == .succeeded ? task?.finalUnitDeduction : nil, file: file))
    }

    // MARK: submit

    /// Submits the body in `body` (the exact JSON request) to its route, or resumes it when the
    /// journal already knows a body with the same content on that route at this backend.
    ///
    /// The route is ``SubmitOptions/route`` when given (a job's route), else the body's shape:
    /// top-level `image` → image2video, `image_list` → multi-image2video. The external id is the
    /// journal's for this body (resume), else the body's own, else one derived from the backend,
    /// the route and the body's content (``ExternalTaskID/derive(backend:route:contentSHA256:take:)``),
    /// so the same body gets the same id with any journal or none; `forceNew` takes the next free
    /// take number. It is written to the journal before anything is sent.
    ///
    /// Before the first POST of an id the id is looked up (``SubmitOptions/lookupForms``): a task
    /// found is adopted (a failed one is reported, not adopted:
    /// ``SubmitError/existingTaskFailed(taskID:externalID:message:)``); the POST is sent only when
    /// the service's envelope says there is none, or when the lookup cannot tell and no earlier
    /// attempt is recorded (then ``SubmitEvent/lookupInconclusive(externalID:reason:)`` warns);
    /// with an earlier attempt recorded it stops with
    /// ``SubmitError/attemptNotRuledOut(externalID:journalState:endpoint:reason:)`` (api.md, "Follow a task").
    ///
    /// - Throws: any ``SubmitError``; ``SubmitError/interrupted(taskID:externalID:)`` on cancellation.
    public func submit(body: URL, options: SubmitOptions) async throws(SubmitError) -> SubmitOutcome {
        let scan = try BodyScanner.scan(body)
        let route = try scan.route(requested: options.route, path: body.path)
        let content = try ContentDigest.of(body, scan: scan)
        let endpoint = client.endpoint
        // One creation per body at a time among everything sharing the journal; the journal is
        // read once the lock is held, so a second submission sees the first one's task.
        let report = self.report
        let lock = try await CreationLock.acquire(
            key: CreationLock.key(endpoint: endpoint, route: route, contentSHA256: content), journal: journal,
            waiting: { report(.waitingForSameBody) })
        var locked = true
        defer { if locked { lock.release() } }
        let existing =
            options.forceNew
            ? nil
            : try journal?.latestJob(bodySHA256: scan.sha256, contentSHA256: content, route: route, endpoint: endpoint)
        var keys = JobKeys(route: route, bodySHA256: scan.sha256, contentSHA256: content, externalID: nil)
        var knownTaskID: String? = nil
        do throws(SubmitError) {
            let origin: SubmitOutcome.Origin
            var task: KlingTask
            if let existing, let taskID = existing.taskID {
                keys.externalID = existing.externalID
                report(.resumed(externalID: existing.externalID ?? "", taskID: taskID))
                knownTaskID = taskID
                lock.release()
                locked = false
                task = try await client.task(id: taskID, route: route, report: report)
                origin = .resumed
                if task.status == .failed {
                    // An earlier attempt's failure is not this run's answer.
                    throw SubmitError.existingTaskFailed(
                        taskID: taskID, externalID: keys.externalID ?? "", message: task.statusMessage)
                }
            } else {
                let choice = try await chooseExternalID(
                    scan: scan, content: content, route: route, existing: existing, options: options)
                keys.externalID = choice.externalID
                keys.take = choice.take
                if existing == nil { try record(.prepared, keys, bodyPath: body.path) }
                report(
                    .prepared(
                        externalID: choice.externalID, route: route, derived: choice.take != nil,
                        take: choice.take ?? 1))
                let result = try await lookUpThenCreate(
                    body: body, scan: scan, content: content, keys: keys, earlier: choice.earlierAttempt,
                    options: options)
                task = result.task
                knownTaskID = task.taskID
                origin = result.adopted ? .adopted : .created
                lock.release()
                locked = false
            }
            var files: [DownloadedFile] = []
            if options.wait || options.outputDirectory != nil {
                do throws(SubmitError) {
                    task = try await follow(
                        taskID: task.taskID, keys: keys, lastRecorded: existing?.lastStatus ?? task.status,
                        timeout: options.timeout)
                } catch {
                    if case .taskFailed(let taskID, let message) = error, origin != .created {
                        throw SubmitError.existingTaskFailed(
                            taskID: taskID, externalID: keys.externalID ?? "", message: message)
                    }
                    throw error
                }
                if let directory = options.outputDirectory {
                    files = try await downloadAll(
                        task: task, keys: keys, into: directory, known: existing?.downloads ?? [])
                }
            }
            return SubmitOutcome(
                externalTaskID: keys.externalID, taskID: task.taskID, route: route, status: task.status,
                statusMessage: task.statusMessage, origin: origin, videos: task.videos, files: files,
                journal: journal?.url.path, backend: endpoint.backend,
                cost: task.finalUnitDeduction ?? existing?.cost, take: keys.take)
        } catch {
            throw interrupted(error, taskID: knownTaskID, keys: keys)
        }
    }

    /// Refuses the body's own external id when the journal saw it with another body: the service
    /// needs a new id per task.
    func refuseReuse(of externalID: String, sha256: String) throws(SubmitError) {
        guard let records = try journal?.records(),
            records.contains(where: {
                $0.externalTaskID == externalID && $0.bodySHA256 != nil && $0.bodySHA256 != sha256
            })
        else { return }
        let taskID = records.last { $0.externalTaskID == externalID && $0.taskID != nil }?.taskID
        throw .externalIDReused(externalID: externalID, taskID: taskID)
    }

    /// Fills in what an interrupt knows and records it (best effort).
    func interrupted(_ error: SubmitError, taskID: String?, keys: JobKeys) -> SubmitError {
        guard case .interrupted(let seenTask, let seenExternal) = error else { return error }
        let task = seenTask ?? taskID
        try? record(.interrupted, keys, taskID: task)
        return .interrupted(taskID: task, externalID: seenExternal ?? keys.externalID)
    }
}
