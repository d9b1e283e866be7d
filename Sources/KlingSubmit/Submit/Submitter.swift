import Foundation

/// Submits bodies, follows tasks and downloads their videos, recording every state change in
/// the journal so that a re-run resumes instead of creating a second task (design.md,
/// "Submitter"). Each public method is what one CLI subcommand calls.
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
        var bodySHA256: String?
        var externalID: String?
    }

    func record(_ event: JournalEvent, _ keys: JobKeys, task: KlingTask? = nil, taskID: String? = nil,
                bodyPath: String? = nil, file: DownloadedFile? = nil) throws(SubmitError) {
        guard let journal else { return }
        try journal.append(
            JournalRecord(
                event: event, bodySHA256: keys.bodySHA256, bodyPath: bodyPath, externalTaskID: keys.externalID,
                taskID: task?.taskID ?? taskID, status: task?.status.rawValue,
                message: event == .failed ? task?.statusMessage : nil,
                videos: event == .succeeded ? task?.videos : nil, file: file))
    }

    // MARK: submit

    /// Submits the body in `body` (the exact JSON request), or resumes it when the journal
    /// already knows a body with the same content.
    ///
    /// The external id is the journal's (resume), else a fresh one with `forceNew`, else the
    /// body's own, else a generated one; it is written to the journal before anything is sent.
    ///
    /// - Throws: any ``SubmitError``; ``SubmitError/interrupted(taskID:externalID:)`` on cancellation.
    public func submit(body: URL, options: SubmitOptions) async throws(SubmitError) -> SubmitOutcome {
        let scan = try BodyScanner.scan(body)
        let existing = options.forceNew ? nil : try journal?.latestJob(forBodySHA256: scan.sha256)
        var keys = JobKeys(bodySHA256: scan.sha256, externalID: nil)
        var knownTaskID: String? = nil
        do throws(SubmitError) {
            let origin: SubmitOutcome.Origin
            var task: KlingTask
            if let existing, let externalID = existing.externalID {
                keys.externalID = externalID
                report(.resumed(externalID: externalID, taskID: existing.taskID))
            } else {
                if !options.forceNew, let own = scan.externalID,
                    let records = try journal?.records(),
                    records.contains(where: { $0.externalTaskID == own && $0.bodySHA256 != nil && $0.bodySHA256 != scan.sha256 })
                {
                    let taskID = records.last { $0.externalTaskID == own && $0.taskID != nil }?.taskID
                    throw SubmitError.externalIDReused(externalID: own, taskID: taskID)
                }
                let externalID = options.forceNew ? ExternalTaskID.generate() : scan.externalID ?? ExternalTaskID.generate()
                keys.externalID = externalID
                try record(.prepared, keys, bodyPath: body.path)
            }
            let externalID = keys.externalID ?? ""
            if let taskID = existing?.taskID {
                knownTaskID = taskID
                task = try await client.task(id: taskID, report: report)
                origin = .resumed
            } else {
                let prepared = try PreparedBody.prepare(original: body, scan: scan, externalID: externalID)
                defer { prepared.discard() }
                report(.prepared(externalID: externalID, bytes: prepared.size, generatedID: externalID != scan.externalID))
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
                    files = try await downloadAll(task: task, keys: keys, into: directory, known: existing?.downloads ?? [])
                }
            }
            return SubmitOutcome(
                externalTaskID: externalID, taskID: task.taskID, status: task.status, statusMessage: task.statusMessage,
                origin: origin, videos: task.videos, files: files, journal: journal?.url.path)
        } catch {
            throw interrupted(error, taskID: knownTaskID, keys: keys)
        }
    }

    // MARK: wait, download, status

    /// Follows `taskID` until it succeeds or fails, then downloads its videos into
    /// `outputDirectory` when one is given.
    ///
    /// - Parameter timeout: stop waiting after this long.
    /// - Throws: ``SubmitError/taskFailed(taskID:message:)``, ``SubmitError/waitTimedOut(taskID:seconds:lastStatus:)``,
    ///   ``SubmitError/interrupted(taskID:externalID:)`` and the transport cases.
    public func wait(taskID: String, timeout: Duration?, outputDirectory: URL?) async throws(SubmitError) -> SubmitOutcome {
        let known = try journal?.job(forTaskID: taskID)
        let keys = JobKeys(bodySHA256: known?.bodySHA256, externalID: known?.externalID)
        do throws(SubmitError) {
            let task = try await follow(taskID: taskID, keys: keys, lastRecorded: known?.lastStatus, timeout: timeout)
            var files: [DownloadedFile] = []
            if let outputDirectory {
                files = try await downloadAll(task: task, keys: keys, into: outputDirectory, known: known?.downloads ?? [])
            }
            return outcome(of: task, keys: keys, files: files)
        } catch {
            throw interrupted(error, taskID: taskID, keys: keys)
        }
    }

    /// The outcome of `wait` and `download` for `task` (not a submission: no origin).
    private func outcome(of task: KlingTask, keys: JobKeys, files: [DownloadedFile]) -> SubmitOutcome {
        SubmitOutcome(
            externalTaskID: task.externalTaskID ?? keys.externalID, taskID: task.taskID, status: task.status,
            statusMessage: task.statusMessage, origin: nil, videos: task.videos, files: files,
            journal: journal?.url.path)
    }

    /// Downloads the videos of the succeeded task `taskID` into `directory` (no waiting).
    ///
    /// - Throws: ``SubmitError/taskFailed(taskID:message:)`` when it failed,
    ///   ``SubmitError/taskHasNoVideo(taskID:)`` when it has not succeeded (yet) or lists no video,
    ///   the download cases and the transport cases.
    public func download(taskID: String, into directory: URL) async throws(SubmitError) -> SubmitOutcome {
        let known = try journal?.job(forTaskID: taskID)
        let keys = JobKeys(bodySHA256: known?.bodySHA256, externalID: known?.externalID)
        do throws(SubmitError) {
            let task = try await client.task(id: taskID, report: report)
            if task.status == .failed { throw SubmitError.taskFailed(taskID: taskID, message: task.statusMessage) }
            guard task.status == .succeed else { throw SubmitError.taskHasNoVideo(taskID: taskID) }
            let files = try await downloadAll(task: task, keys: keys, into: directory, known: known?.downloads ?? [])
            return outcome(of: task, keys: keys, files: files)
        } catch {
            throw interrupted(error, taskID: taskID, keys: keys)
        }
    }

    /// The current state of a task, by task id or (when `byExternalID`) by external id.
    ///
    /// - Throws: ``SubmitError/taskNotFound(id:)`` and the transport cases.
    public func status(of id: String, byExternalID: Bool) async throws(SubmitError) -> KlingTask {
        if byExternalID {
            guard let task = try await client.task(externalID: id, report: report) else { throw .taskNotFound(id: id) }
            return task
        }
        return try await client.task(id: id, report: report)
    }

    // MARK: Shared steps

    /// Polls until the task ends; records each new status; throws on failure or timeout.
    func follow(
        taskID: String, keys: JobKeys, lastRecorded: TaskStatus?, timeout: Duration?
    ) async throws(SubmitError) -> KlingTask {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = timeout.map { start + $0 }
        var interval = poll.initial
        var recorded = lastRecorded
        while true {
            let task = try await client.task(id: taskID, deadline: deadline, report: report)
            let elapsed = (clock.now - start).seconds
            report(.status(TaskProgress(taskID: taskID, status: task.status, elapsedSeconds: elapsed, message: task.statusMessage)))
            if task.status != recorded {
                switch task.status {
                case .succeed: try record(.succeeded, keys, task: task)
                case .failed: try record(.failed, keys, task: task)
                default: try record(.status, keys, task: task)
                }
                recorded = task.status
            }
            switch task.status {
            case .succeed:
                guard !task.videos.isEmpty else { throw .taskHasNoVideo(taskID: taskID) }
                return task
            case .failed:
                throw .taskFailed(taskID: taskID, message: task.statusMessage)
            default:
                break
            }
            var pause = interval
            if let deadline {
                let left = deadline - clock.now
                if left <= .zero {
                    throw .waitTimedOut(taskID: taskID, seconds: (clock.now - start).seconds, lastStatus: task.status.rawValue)
                }
                pause = min(pause, left)
            }
            do {
                try await poll.sleep(pause)
            } catch {
                throw .interrupted(taskID: taskID, externalID: keys.externalID)
            }
            interval = poll.next(after: interval)
        }
    }

    /// Downloads every video of a succeeded task, skipping files the journal recorded that are
    /// still on disk with the recorded size.
    func downloadAll(
        task: KlingTask, keys: JobKeys, into directory: URL, known: [DownloadedFile]
    ) async throws(SubmitError) -> [DownloadedFile] {
        guard !task.videos.isEmpty else { throw .taskHasNoVideo(taskID: task.taskID) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .fileNotWritable(path: directory.path, reason: FileErrors.reason(error))
        }
        var files: [DownloadedFile] = []
        for (index, video) in task.videos.enumerated() {
            let name = Self.fileName(taskID: task.taskID, index: index, count: task.videos.count)
            let destination = directory.appendingPathComponent(name).standardizedFileURL
            if let earlier = known.last(where: { $0.videoID == video.id && $0.path == destination.path }),
                Self.size(of: destination) == earlier.bytes
            {
                report(.alreadyDownloaded(earlier))
                files.append(earlier)
                continue
            }
            let file = try await client.download(video: video, to: destination, report: report)
            try record(.downloaded, keys, taskID: task.taskID, file: file)
            report(.downloaded(file))
            files.append(file)
        }
        return files
    }

    /// `TASK.mp4` for a single video, `TASK-2.mp4` … for more; unsafe characters become `_`.
    static func fileName(taskID: String, index: Int, count: Int) -> String {
        let safe = String(taskID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return count == 1 ? "\(safe).mp4" : "\(safe)-\(index + 1).mp4"
    }

    static func size(of url: URL) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
    }

    /// Fills in what an interrupt knows and records it (best effort).
    func interrupted(_ error: SubmitError, taskID: String?, keys: JobKeys) -> SubmitError {
        guard case .interrupted(let seenTask, let seenExternal) = error else { return error }
        let task = seenTask ?? taskID
        try? record(.interrupted, keys, taskID: task)
        return .interrupted(taskID: task, externalID: seenExternal ?? keys.externalID)
    }
}
