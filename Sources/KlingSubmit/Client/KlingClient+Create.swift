import Foundation
import KlingCheck
import NIOCore
import NIOHTTP1

/// How a create call ended.
public struct CreateResult: Sendable, Equatable {
    /// The task the job now owns.
    public let task: KlingTask
    /// `true` when an existing task with the job's external id was adopted instead of created.
    public let adopted: Bool
    /// POST requests actually sent.
    public let postsSent: Int
}

/// What the caller does when the service answers 1303 (over the account's concurrency): wait
/// (for its own running tasks, with backoff) and return to have the POST sent again, or throw
/// to give up. `attempt` counts the 1303 answers so far (api.md, "Errors").
public typealias ConcurrencyWait = @Sendable (_ attempt: Int) async throws(SubmitError) -> Void

extension KlingClient {
    /// Creates a task from `body` on its route (``PreparedBody/route``), never twice (api.md,
    /// "Routes", "Errors"; design.md, "Submitter").
    ///
    /// The caller has looked the external id up before this first POST. The POST is repeated
    /// only when the service provably did not take it: no connection was made, or it answered
    /// 429 / 503 (codes 1302, 1303, 5001). After an ambiguous failure (a timeout or a broken
    /// connection once the body was sent, a 500/502/504/524, an unreadable success) the external
    /// id is looked up in `forms` first and an existing task adopted; only when the envelope
    /// says there is none is the POST sent again, and when the lookup cannot tell, nothing is.
    /// A refusal of the body (Kling's 1200/1201) is followed by a lookup, because the service
    /// refuses a second use of an external id; a gateway `invalid_request` is never retried.
    ///
    /// - Parameters:
    ///   - forms: the lookup forms to ask after an ambiguous failure.
    ///   - concurrency: called on each 1303 before the POST is sent again; `nil` retries 1303
    ///     like any "not taken" answer, within the retry policy.
    /// - Throws: ``SubmitError/service(_:)``, ``SubmitError/gateway(_:)``,
    ///   ``SubmitError/retriesExhausted(endpoint:attempts:last:)``,
    ///   ``SubmitError/lookupUnavailable(endpoint:reason:)`` (and then nothing is sent again),
    ///   ``SubmitError/interrupted(taskID:externalID:)`` and the other transport cases.
    public func createTask(
        body: PreparedBody, forms: [LookupForm] = LookupForm.allCases, concurrency: ConcurrencyWait? = nil,
        report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> CreateResult {
        let url = endpoint.createURL(route: body.route)
        let path = ServiceEndpoint.pathForMessages(url)
        var retry = RetryLoop(policy: settings.retry, endpoint: path, deadline: nil)
        retry.pace = settings.pace
        var mustLookUp = false
        var posts = 0
        var concurrencyAnswers = 0
        do throws(SubmitError) {
            while true {
                if mustLookUp {
                    switch try await find(externalID: body.externalID, route: body.route, forms: forms, report: report)
                    {
                    case .found(let existing):
                        return CreateResult(task: existing.task, adopted: true, postsSent: posts)
                    case .notFound:
                        mustLookUp = false
                    case .unavailable(let endpoint, let reason):
                        throw SubmitError.lookupUnavailable(endpoint: endpoint, reason: reason)
                    }
                }
                let answer: Answer<KlingTask>
                do {
                    posts += 1
                    report(.sending(externalID: body.externalID, route: body.route, bytes: body.size))
                    answer = try await authorisedExchange(
                        method: .POST, url: url, bodyFile: body.fileToSend, bodySize: body.size,
                        timeout: retry.timeout(settings.uploadTimeout), as: KlingTask.self)
                } catch {
                    switch error {
                    case .cancelled:
                        throw SubmitError.interrupted(taskID: nil, externalID: body.externalID)
                    case .nameNotFound:
                        throw error.error(endpoint: path)
                    case .notConnected:
                        break
                    case .timedOut, .broken, .tooLarge:
                        mustLookUp = true
                    }
                    try await retry.pause(after: error.error(endpoint: path), retryAfter: nil, report: report)
                    continue
                }
                switch answer {
                case .success(let task):
                    return CreateResult(task: task, adopted: false, postsSent: posts)
                case .failure(let error, let retryClass, let retryAfter):
                    if case .service(let failure) = error, failure.code == 1303, let concurrency {
                        concurrencyAnswers += 1
                        report(.concurrencyLimited(attempt: concurrencyAnswers))
                        try await concurrency(concurrencyAnswers)
                        continue
                    }
                    switch retryClass {
                    case .never:
                        if case .service(let failure) = error, failure.family == .badRequest {
                            if case .found(let existing)? = try? await find(
                                externalID: body.externalID, route: body.route, forms: forms, report: report)
                            {
                                return CreateResult(task: existing.task, adopted: true, postsSent: posts)
                            }
                            // The service says the id is taken: a task exists that the lookup
                            // cannot show, which is not a fault of the body.
                            let said = failure.message.lowercased()
                            if said.contains("external_task_id")
                                && (said.contains("exist") || said.contains("duplicate"))
                            {
                                throw SubmitError.duplicateExternalIDUnresolved(externalID: body.externalID)
                            }
                        }
                        throw error
                    case .notTaken:
                        break
                    case .ambiguous:
                        mustLookUp = true
                    }
                    try await retry.pause(after: error, retryAfter: retryAfter, report: report)
                }
            }
        } catch {
            if case .interrupted = error { throw SubmitError.interrupted(taskID: nil, externalID: body.externalID) }
            throw error
        }
    }
}
