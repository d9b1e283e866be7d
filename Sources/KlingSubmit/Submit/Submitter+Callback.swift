public import Foundation
import KlingCheck

/// What confirming one callback hint did (``Submitter/confirm(taskID:outputDirectory:)``).
public struct CallbackOutcome: Sendable, Equatable {
    /// What changed.
    public enum Effect: Sendable, Equatable {
        /// The journal knows no job with this task id: nothing was asked, written or downloaded.
        case unknownTask
        /// The journal already records the task as finished (and, on success, every video on
        /// disk): nothing was asked, written or downloaded.
        case alreadyFinished
        /// The task was looked up; its status was already the journal's and nothing was downloaded.
        case unchanged
        /// The task was looked up and a new status recorded, or videos downloaded, or both.
        case updated
    }

    /// The task the hint named.
    public let taskID: String
    /// What changed.
    public let effect: Effect
    /// The status as confirmed by the service, or the journal's when nothing was asked
    /// (`nil` for an unknown task).
    public let status: TaskStatus?
    /// The status the journal recorded before.
    public let previousStatus: TaskStatus?
    /// Whether a `status`, `succeeded` or `failed` record was appended.
    public let recordedStatus: Bool
    /// The files downloaded now (not those already on disk).
    public let downloaded: [DownloadedFile]

    /// Creates an outcome.
    public init(
        taskID: String, effect: Effect, status: TaskStatus?, previousStatus: TaskStatus?, recordedStatus: Bool = false,
        downloaded: [DownloadedFile] = []
    ) {
        self.taskID = taskID
        self.effect = effect
        self.status = status
        self.previousStatus = previousStatus
        self.recordedStatus = recordedStatus
        self.downloaded = downloaded
    }
}

extension Submitter {
    // MARK: callbacks

    /// Confirms a callback hint for `taskID` (api.md, "Callback": a hint, confirmed with our own
    /// credentials; a finished task never moves back).
    ///
    /// - A task the journal does not know changes nothing: no request, no record, no file
    ///   (``CallbackOutcome/Effect-swift.enum/unknownTask``).
    /// - A task the journal records as failed, or as succeeded with every video already in
    ///   `outputDirectory` at its recorded size, is not asked about again
    ///   (``CallbackOutcome/Effect-swift.enum/alreadyFinished``).
    /// - Otherwise the task is read on the journal's route (`GET {path}/{task_id}`); a status
    ///   that differs from the last recorded is recorded as `follow` does (`status`, `succeeded`,
    ///   `failed`), except that a finished task is never recorded as unfinished again; a
    ///   succeeded task's videos are downloaded into `outputDirectory`, skipping those already
    ///   there.
    ///
    /// Calls for the same task must not overlap (``CallbackProcessor`` runs one at a time per
    /// task id); calls for different tasks may.
    ///
    /// - Parameter outputDirectory: the folder videos are saved in (created when missing).
    /// - Throws: ``SubmitError/journalCorrupt(path:line:reason:)``,
    ///   ``SubmitError/journalUnreadable(path:reason:)``, ``SubmitError/fileNotWritable(path:reason:)``,
    ///   ``SubmitError/taskNotFound(id:route:)``, ``SubmitError/taskHasNoVideo(taskID:)``, the
    ///   download and transport cases, and ``SubmitError/interrupted(taskID:externalID:)`` on
    ///   cancellation.
    public func confirm(taskID: String, outputDirectory: URL) async throws(SubmitError) -> CallbackOutcome {
        guard let known = try journal?.job(forTaskID: taskID) else {
            return CallbackOutcome(taskID: taskID, effect: .unknownTask, status: nil, previousStatus: nil)
        }
        let previous = known.lastStatus
        if previous == .failed
            || (previous == .succeed && allDownloaded(known, taskID: taskID, into: outputDirectory))
        {
            return CallbackOutcome(taskID: taskID, effect: .alreadyFinished, status: previous, previousStatus: previous)
        }
        let keys = JobKeys(route: known.route, bodySHA256: known.bodySHA256, externalID: known.externalID)
        do throws(SubmitError) {
            let task = try await client.task(id: taskID, route: known.route, report: report)
            var recorded = false
            if task.status != previous, !(previous?.isFinal ?? false) {
                switch task.status {
                case .succeed: try record(.succeeded, keys, task: task)
                case .failed: try record(.failed, keys, task: task)
                default: try record(.status, keys, task: task)
                }
                recorded = true
            }
            var downloaded: [DownloadedFile] = []
            if task.status == .succeed {
                let files = try await downloadAll(
                    task: task, keys: keys, into: outputDirectory, known: known.downloads)
                downloaded = files.filter { !known.downloads.contains($0) }
            }
            let settled = previous?.isFinal == true ? (previous ?? task.status) : task.status
            return CallbackOutcome(
                taskID: taskID, effect: recorded || !downloaded.isEmpty ? .updated : .unchanged, status: settled,
                previousStatus: previous, recordedStatus: recorded, downloaded: downloaded)
        } catch {
            throw interrupted(error, taskID: taskID, keys: keys)
        }
    }

    /// Whether every video the journal recorded for the job is in `directory` as recorded.
    private func allDownloaded(_ known: JobState, taskID: String, into directory: URL) -> Bool {
        guard !known.videos.isEmpty else { return false }
        return known.videos.enumerated().allSatisfy { index, video in
            let name = Self.fileName(taskID: taskID, index: index, count: known.videos.count)
            let path = directory.appendingPathComponent(name).standardizedFileURL.path
            guard let earlier = known.downloads.last(where: { $0.videoID == video.id && $0.path == path }) else {
                return false
            }
            return Self.size(of: URL(fileURLWithPath: path)) == earlier.bytes
        }
    }
}
