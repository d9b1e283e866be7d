import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A tiny HTTP server for tests that receives callbacks: `POST /callback` (any other path under
/// `/callback/` too) is recorded and answered with ``answerStatus`` (200 unless set).
public final class FakeCallbackReceiver: Sendable {
    private let received = Mutex<[String]>([])
    private let status = Mutex(200)
    private let server = Mutex<(task: Task<Void, any Error>?, port: Int)>((nil, 0))

    /// Creates a stopped receiver.
    public init() {}

    /// The HTTP status every callback is answered with.
    public var answerStatus: Int {
        get { status.withLock { $0 } }
        set { status.withLock { $0 = newValue } }
    }

    /// `http://127.0.0.1:PORT/callback`.
    public var url: String { "http://127.0.0.1:\(server.withLock { $0.port })/callback" }

    /// The bodies received, in order.
    public var bodies: [String] { received.withLock { $0 } }

    /// The `task_status` of each body received, in order (`"?"` for a body without one).
    public var statuses: [String] {
        bodies.map { body in
            let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return object?["task_status"] as? String ?? "?"
        }
    }

    /// Starts listening on an ephemeral port of 127.0.0.1.
    public func start() async throws {
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { [self] request, context in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            received.withLock { $0.append(String(buffer: body)) }
            return Response(status: HTTPResponse.Status(code: answerStatus))
        }
        router.post("/callback", use: handler)
        router.post("/callback/**", use: handler)
        let started = try await FakeServer.start(router, label: "fake-callback-receiver")
        server.withLock { $0 = started }
    }

    /// Waits until `count` bodies arrived or `timeout` passed; returns whether they arrived.
    public func waitFor(_ count: Int, timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while received.withLock({ $0.count }) < count {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Stops the server and waits for it.
    public func stop() async {
        let task = server.withLock { state -> Task<Void, any Error>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        _ = try? await task?.value
    }
}
