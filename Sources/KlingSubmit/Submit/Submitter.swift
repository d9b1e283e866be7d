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
        var externalID: String?
    }

    func record(
        _ event: JournalEvent, _ keys: JobKeys, task: KlingTask? = nil, taskID: String? = nil,
        bodyPath: String? = nil, file: DownloadedFile? = nil
    ) throws(SubmitError) {
        guard let journal else { return }
        try journal.append(
            JournalRecord(
                event: event, route: keys.route, bodySHA256: keys.bodySHA256, bodyPath: bodyPath,
                externalTaskID: keys.externalID, taskID: task?.taskID ?? taskID, status: task?.status.rawValue,
                message: event == .failed ? task?.statusMessage : nil,
                videos: event == .succeeded ? task?.videos : nil, file: file))
    }

    // MARK: submit

    /// Submits the body in `body` (the exact JSON request) to its route, or resumes it when the
    /// journal already knows a body with the same content on that route.
    ///
    /// The route is ``SubmitOptions/route`` when given (a job's route), else the body's shape:
    /// top-level `image` → image2video, `image_list` → multi-image2video. The external id is the
    /// journal's (resume), else a fresh one with `forceNew`, else the body's own, else a generated
    /// one; it is written to the journal before anything is sent.
    ///
    /// - Throws: any ``SubmitError``; ``SubmitError/interrupted(taskID:externalID:)`` on cancellation.
    public func submit(body: URL, options: SubmitOptions) async throws(SubmitError) -> SubmitOutcome {
        let scan = try BodyScanner.scan(body)
        let route = try scan.route(requested: options.route, path: body.path)
        let existing = options.forceNew ? nil : try journal?.latestJob(forBodySHA256: scan.sha256, route: route)
        var keys = JobKeys(route: route, bodySHA256: scan.sha256, externalID: nil)
        var knownTaskID: String? = nil
        do throws(SubmitError) {
            let origin: SubmitOutcome.Origin
            var task: KlingTask
            if let existing, let externalID = existing.externalID {
                keys.externalID = externalID
                report(.resumed(externalID: externalID, taskID: existing.taskID))
            } else {
                if !options.forceNew, let own = scan.externalID { try refuseReuse(of: own, sha256: scan.sha256) }
                let externalID =
                    options.forceNew ? ExternalTaskID.generate() : scan.externalID ?? ExternalTaskID.generate()
                keys.externalID = externalID
                try record(.prepared, keys, bodyPath: body.path)
            }
            let externalID = keys.externalID ?? ""
            if let taskID = existing?.taskID {
                knownTaskID = taskID
                task = try await client.task(id: taskID, route: route, report: report)
                origin = .resumed
            } else {
                let prepared = try PreparedBody.prepare(
                    original: body, scan: scan, externalID: externalID, route: route)
                defer { prepared.discard() }
                report(
                    .prepared(
                        externalID: externalID, route: route, bytes: prepared.size,
                        generatedID: externalID != scan.externalID))
                let result = try await client.createTask(body: prepared, lookUpFirst: existing != nil, report: report)
                task = result.task
                knownTaskID = task.taskID
                origin = result.adopted ? .adopted : .created
                try record(result.adopted ? .adopted : .created, keys, task: task)
                report(
                    result.adopted
                        ? .adopted(taskID: task.taskID, externalID: externalID)
                        : .created(taskID: task.taskID, externalID: externalID))
            }
            var files: [DownloadedFile] = []
            if options.wait || options.outputDirectory != nil {
                task = try await follow(
                    taskID: task.taskID, keys: keys, lastRecorded: existing?.lastStatus ?? task.status,
                    timeout: options.timeout)
                if let directory = options.outputDirectory {
                    files = try await downloadAll(
                        task: task, keys: keys, into: directory, known: existing?.downloads ?? [])
                }
            }
            return SubmitOutcome(
                externalTaskID: externalID, taskID: task.taskID, route: route, status: task.status,
                statusMessage: task.statusMessage, origin: origin, videos: task.videos, files: files,
                journal: journal?.url.path)
        } catch {
            throw interrupted(error, taskID: knownTaskID, keys: keys)
        }
    }

    /// Refuses the body's own external id when the journal saw it with another body: the service
    /// needs a new id per task.
    private func refuseReuse(of externalID: String, sha256: String) throws(SubmitError) {
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
