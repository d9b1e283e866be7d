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

extension KlingClient {
    /// Creates a task from `body` on its route (``PreparedBody/route``), never twice (api.md,
    /// "Routes"; design.md, "Submitter").
    ///
    /// The POST is repeated only when the service provably did not take it: no connection was
    /// made, or it answered 429 / 503 (codes 1302, 1303, 5001). After an ambiguous failure (a
    /// timeout or a broken connection once the body was sent, a 500/502/504, an unreadable
    /// success) the external id is looked up first and an existing task is adopted; only when the
    /// service has none is the POST sent again. A bad-request answer is also followed by a look-up,
    /// because the service refuses a second use of an external id.
    ///
    /// - Parameters:
    ///   - body: the prepared body; its `external_task_id` must be ``PreparedBody/externalID``.
    ///   - lookUpFirst: look the external id up before the first POST (a previous run may have
    ///     sent it and lost the answer).
    /// - Throws: ``SubmitError/service(_:)``, ``SubmitError/retriesExhausted(endpoint:attempts:last:)``,
    ///   ``SubmitError/lookupUnavailable(endpoint:reason:)`` (and then nothing is sent again),
    ///   ``SubmitError/interrupted(taskID:externalID:)`` and the other transport cases.
    public func createTask(
        body: PreparedBody, lookUpFirst: Bool, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> CreateResult {
        let url = endpoint.createURL(route: body.route)
        let path = ServiceEndpoint.pathForMessages(url)
        var retry = RetryLoop(policy: settings.retry, endpoint: path, deadline: nil)
        var mustLookUp = lookUpFirst
        var posts = 0
        var headers = apiHeaders
        headers.add(name: "Content-Type", value: "application/json")
        do throws(SubmitError) {
            while true {
                if mustLookUp {
                    if let existing = try await task(externalID: body.externalID, route: body.route, report: report) {
                        return CreateResult(task: existing, adopted: true, postsSent: posts)
                    }
                    mustLookUp = false
                }
                let raw: RawResponse
                do {
                    posts += 1
                    raw = try await transport.exchange(
                        method: .POST, url: url, headers: headers, bodyFile: body.fileToSend, bodySize: body.size,
                        timeout: retry.timeout(settings.uploadTimeout), maxBytes: settings.maxResponseBytes)
                } catch {
                    switch error {
                    case .cancelled:
                        throw SubmitError.interrupted(taskID: nil, externalID: body.externalID)
                    case .notConnected:
                        break
                    case .timedOut, .broken, .tooLarge:
                        mustLookUp = true
                    }
                    try await retry.pause(after: error.error(endpoint: path), retryAfter: nil, report: report)
                    continue
                }
                switch ResponseReader.read(raw, as: KlingTask.self, endpoint: path, redacting: key.secret) {
                case .success(let task):
                    return CreateResult(task: task, adopted: false, postsSent: posts)
                case .failure(let error, let retryClass, let retryAfter):
                    switch retryClass {
                    case .never:
                        if case .service(let failure) = error, failure.family == .badRequest,
                            let existing = try? await task(
                                externalID: body.externalID, route: body.route, report: report)
                        {
                            return CreateResult(task: existing, adopted: true, postsSent: posts)
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
