import Hummingbird
import Logging

/// Runs a Hummingbird router on 127.0.0.1 with an ephemeral port.
enum FakeServer {
    /// Starts `router` and returns the running task and the bound port.
    ///
    /// - Throws: `FakeServiceError.notStarted` if the server did not come up.
    static func start<Builder: HTTPResponderBuilder>(
        _ router: Builder, label: String
    ) async throws -> (task: Task<Void, any Error>, port: Int)
    where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await app.run() }
        var bound = 0
        for await p in ports {
            bound = p
            break
        }
        guard bound > 0 else {
            task.cancel()
            throw FakeServiceError.notStarted
        }
        return (task, bound)
    }
}
