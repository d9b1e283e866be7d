import Foundation
import KlingCheck
import KlingSubmit
import Synchronization

/// Submitting one built job within a batch: the shared client, journal and pace, the job's
/// folder for its videos.
enum BatchSubmission {
    /// Submits `bodyPath` and turns the outcome (or the error) into the job's result.
    static func submit(
        _ judged: BatchJudging.Judged, bodyPath: String, job: BatchJob, options: BatchOptions,
        service: BatchService, report: @escaping @Sendable (BatchEvent) -> Void
    ) async -> BatchJobResult {
        let started = ContinuousClock.now
        var result = judged.result
        let input = job.input
        let seen = SeenIDs()
        let submitter = Submitter(
            client: service.client, journal: service.journal, poll: service.poll,
            report: { event in
                seen.note(event)
                report(.submission(input: input, event))
            })
        let pace = service.pace
        let submitOptions = SubmitOptions(
            route: result.route, wait: options.wait, timeout: options.timeout,
            outputDirectory: options.wait ? options.folder(of: job).map { URL(fileURLWithPath: $0) } : nil,
            callbackURL: options.callbackURL, lookupForms: options.lookupForms,
            concurrency: ConcurrencyPolicy(
                maximumWait: options.concurrencyWait, sleep: { try await pace.sleepUntilTaskEnds(atMost: $0) }))
        do throws(SubmitError) {
            let outcome = try await submitter.submit(
                body: URL(fileURLWithPath: bodyPath).standardizedFileURL, options: submitOptions)
            result.taskID = outcome.taskID
            result.externalTaskID = outcome.externalTaskID
            result.cost = outcome.cost.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            result.files = outcome.files.map(\.path)
            switch outcome.status {
            case .succeed:
                result.status = .succeed
                if options.wait { pace.taskEnded() }
            case .failed:
                result.status = .failed
                result.message = outcome.statusMessage
                if options.wait { pace.taskEnded() }
            case .submitted, .processing, .other:
                result.status = .submitted
            }
        } catch {
            (result.taskID, result.externalTaskID) = seen.ids
            result = failed(result, error)
            if options.wait, result.status == .failed { pace.taskEnded() }
        }
        result.seconds += (ContinuousClock.now - started).seconds
        return result
    }

    /// The result of a submission that threw `error`.
    static func failed(_ judged: BatchJobResult, _ error: SubmitError) -> BatchJobResult {
        var result = judged
        result.message = error.description
        switch error {
        case .taskFailed(let taskID, _):
            result.status = .failed
            result.taskID = taskID
        case .existingTaskFailed(let taskID, let externalID, _):
            result.status = .failed
            result.taskID = taskID
            result.externalTaskID = externalID
        case .waitTimedOut(let taskID, _, _):
            result.status = .timedOut
            result.taskID = taskID
        case .interrupted(let taskID, let externalID):
            result.status = .error
            result.taskID = taskID ?? result.taskID
            result.externalTaskID = externalID ?? result.externalTaskID
        default:
            result.status = .error
        }
        return result
    }
}

/// The ids one submission's events named, for a result whose error does not carry them.
final class SeenIDs: Sendable {
    private let state = Mutex<(taskID: String?, externalID: String?)>((nil, nil))

    func note(_ event: SubmitEvent) {
        switch event {
        case .prepared(let externalID, _, _, _): state.withLock { $0.externalID = externalID }
        case .resumed(let externalID, let taskID):
            state.withLock { $0 = (taskID ?? $0.taskID, externalID) }
        case .created(let taskID, let externalID), .adopted(let taskID, let externalID):
            state.withLock { $0 = (taskID, externalID) }
        default: break
        }
    }

    var ids: (String?, String?) { state.withLock { ($0.taskID, $0.externalID) } }
}
