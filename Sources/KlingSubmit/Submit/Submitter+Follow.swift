public import Foundation
public import KlingCheck

extension Submitter {
    // MARK: wait, download, status

    /// Follows `taskID` until it succeeds or fails, then downloads its videos into
    /// `outputDirectory` when one is given.
    ///
    /// - Parameters:
    ///   - route: the task's route; `nil` takes the journal's, else asks both routes
    ///     (see ``KlingClient/locate(taskID:routes:report:)``).
    ///   - timeout: stop waiting after this long.
    /// - Throws: ``SubmitError/taskFailed(taskID:message:)``, ``SubmitError/waitTimedOut(taskID:seconds:lastStatus:)``,
    ///   ``SubmitError/taskNotFound(id:route:)``, ``SubmitError/interrupted(taskID:externalID:)`` and the
    ///   transport cases.
    public func wait(
        taskID: String, route: Route? = nil, timeout: Duration?, outputDirectory: URL?
    ) async throws(SubmitError) -> SubmitOutcome {
        let known = try knownJob(taskID: taskID)
        let (resolved, _) = try await self.route(of: taskID, given: route, known: known)
        let keys = JobKeys(route: resolved, bodySHA256: known?.bodySHA256, externalID: known?.externalID)
        do throws(SubmitError) {
            let task = try await follow(taskID: taskID, keys: keys, lastRecorded: known?.lastStatus, timeout: timeout)
            var files: [DownloadedFile] = []
            if let outputDirectory {
                files = try await downloadAll(
                    task: task, keys: keys, into: outputDirectory, known: known?.downloads ?? [])
            }
            return outcome(of: task, keys: keys, files: files)
        } catch {
            throw interrupted(error, taskID: taskID, keys: keys)
        }
    }

    /// The outcome of `wait` and `download` for `task` (not a submission: no origin).
    private func outcome(of task: KlingTask, keys: JobKeys, files: [DownloadedFile]) -> SubmitOutcome {
        SubmitOutcome(
            externalTaskID: task.externalTaskID ?? keys.externalID, taskID: task.taskID, route: keys.route,
            status: task.status, statusMessage: task.statusMessage, origin: nil, videos: task.videos, files: files,
            journal: journal?.url.path, backend: client.endpoint.backend, cost: task.finalUnitDeduction)
    }

    /// The journal's job for `taskID`, refused when the journal records it at another backend
    /// or base URL than this client's: that service would not know it.
    ///
    /// - Throws: ``SubmitError/backendMismatch(taskID:recorded:current:)`` and the journal cases.
    func knownJob(taskID: String) throws(SubmitError) -> JobState? {
        guard let known = try journal?.job(forTaskID: taskID) else { return nil }
        guard known.lives(at: client.endpoint) else {
            throw .backendMismatch(
                taskID: taskID, recorded: known.placeDescription,
                current: "\(client.endpoint.backend.rawValue) at \(client.endpoint.baseURL)")
        }
        return known
    }

    /// Downloads the videos of the succeeded task `taskID` into `directory` (no waiting).
    ///
    /// - Parameter route: the task's route; `nil` takes the journal's, else asks both routes.
    /// - Throws: ``SubmitError/taskFailed(taskID:message:)`` when it failed,
    ///   ``SubmitError/taskHasNoVideo(taskID:)`` when it has not succeeded (yet) or lists no video,
    ///   ``SubmitError/taskNotFound(id:route:)``, the download cases and the transport cases.
    public func download(taskID: String, route: Route? = nil, into directory: URL) async throws(SubmitError)
        -> SubmitOutcome
    {
        let known = try knownJob(taskID: taskID)
        let (resolved, seen) = try await self.route(of: taskID, given: route, known: known)
        let keys = JobKeys(route: resolved, bodySHA256: known?.bodySHA256, externalID: known?.externalID)
        do throws(SubmitError) {
            let task: KlingTask
            if let seen {
                task = seen
            } else {
                task = try await client.task(id: taskID, route: resolved, report: report)
            }
            if task.status == .failed { throw SubmitError.taskFailed(taskID: taskID, message: task.statusMessage) }
            guard task.status == .succeed else { throw SubmitError.taskHasNoVideo(taskID: taskID) }
            let files = try await downloadAll(task: task, keys: keys, into: directory, known: known?.downloads ?? [])
            return outcome(of: task, keys: keys, files: files)
        } catch {
            throw interrupted(error, taskID: taskID, keys: keys)
        }
    }

    /// The current state of a task, by task id or (when `byExternalID`) by external id, with the
    /// route it was found on.
    ///
    /// - Parameter route: the task's route; `nil` takes the journal's when it knows the task,
    ///   else asks both routes, so that a task is never reported missing for want of a route.
    /// - Throws: ``SubmitError/taskNotFound(id:route:)``, ``SubmitError/lookupUnavailable(endpoint:reason:)``
    ///   and the transport cases.
    public func status(of id: String, byExternalID: Bool, route: Route? = nil) async throws(SubmitError)
        -> LocatedTask
    {
        let known =
            byExternalID
            ? try journal?.records().last(where: { $0.externalTaskID == id }).map { $0.route ?? JobState.legacyRoute }
            : try knownJob(taskID: id)?.route
        let routes = (route ?? known).map { [$0] } ?? Route.allCases
        if byExternalID {
            guard let found = try await client.locate(externalID: id, routes: routes, report: report) else {
                throw .taskNotFound(id: id, route: routes.count == 1 ? routes.first : nil)
            }
            return found
        }
        return try await client.locate(taskID: id, routes: routes, report: report)
    }

    // MARK: Shared steps

    /// The route of `taskID`: `given`, else the journal's, else the first route that has the task
    /// (asking costs nothing: reads never create a task). The task is returned when it was read
    /// on the way. An interrupt here records nothing: the journal does not know the task yet, or
    /// already knows its route.
    func route(of taskID: String, given: Route?, known: JobState?) async throws(SubmitError) -> (Route, KlingTask?) {
        if let given { return (given, nil) }
        if let known { return (known.route, nil) }
        do throws(SubmitError) {
            let located = try await client.locate(taskID: taskID, report: report)
            return (located.route, located.task)
        } catch {
            if case .interrupted = error { throw .interrupted(taskID: taskID, externalID: nil) }
            throw error
        }
    }

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
            let task: KlingTask
            do throws(SubmitError) {
                task = try await client.task(id: taskID, route: keys.route, deadline: deadline, report: report)
            } catch {
                // A poll cut short by the wait's own deadline is the wait timing out, not the
                // service failing (found under AddressSanitizer's slowdown, issue 12).
                switch error {
                case .requestTimedOut, .retriesExhausted, .connectionLost, .unreachable:
                    if let deadline, clock.now >= deadline {
                        throw .waitTimedOut(
                            taskID: taskID, seconds: (clock.now - start).seconds,
                            lastStatus: recorded?.rawValue ?? "unknown")
                    }
                default:
                    break
                }
                throw error
            }
            let elapsed = (clock.now - start).seconds
            report(
                .status(
                    TaskProgress(
                        taskID: taskID, status: task.status, elapsedSeconds: elapsed, message: task.statusMessage)))
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
                    throw .waitTimedOut(
                        taskID: taskID, seconds: (clock.now - start).seconds, lastStatus: task.status.rawValue)
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
            throw .fileNotWritable(path: directory.path, reason: Files.reason(of: error))
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

    /// The size of the file at `url` in bytes, or `nil` when there is none.
    static func size(of url: URL) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
    }
}
