import Foundation
import KlingCheck
import KlingSubmit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the submitter's commands run: SIGINT cancels the work (the journal stays consistent),
/// the client is shut down afterwards, and a submitter error leaves as a ``CommandFailure``
/// carrying what to do next.
enum SubmitterRun {
    /// Runs `work` with SIGINT turned into task cancellation.
    /// - Parameter advice: the line that tells how to resume after an error, if any.
    /// - Throws: ``CommandFailure`` for a submitter error (cancellation is
    ///   ``SubmitError/interrupted(taskID:externalID:)``); other errors as thrown.
    static func run(
        console: Console, advice: @escaping @Sendable (SubmitError) -> String? = { _ in nil },
        _ work: @escaping @Sendable () async throws -> Void
    ) async throws {
        signal(SIGINT, SIG_IGN)
        let task = Task { () async throws -> Void in try await work() }
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        let result = await task.result
        source.cancel()
        console.finish()
        do {
            try result.get()
        } catch let error as SubmitError {
            throw CommandFailure(error, advice: advice(error))
        } catch {
            guard task.isCancelled else { throw error }
            let interrupted = SubmitError.interrupted(taskID: nil, externalID: nil)
            throw CommandFailure(interrupted, advice: advice(interrupted))
        }
    }

    /// Runs `body` with a client for `options`' endpoint and credentials at `backend`, shut down
    /// afterwards.
    static func withClient<T: Sendable>(
        _ options: SubmitOptions, backend: Backend, _ body: (KlingClient) async throws(SubmitError) -> T
    ) async throws(SubmitError) -> T {
        let client = KlingClient(
            endpoint: try options.endpoint(backend), credentials: try options.credentials(backend),
            settings: options.settings())
        let result: Result<T, SubmitError>
        do throws(SubmitError) {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        return try result.get()
    }
}
