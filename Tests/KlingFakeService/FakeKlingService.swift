import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A fake of Kling's video endpoints, as CometAPI serves them or as Kling does itself
/// (``FakeBackend``), for tests: a real HTTP/1.1 server on 127.0.0.1 (ephemeral port) built on
/// Hummingbird. It follows the documentation of each route (api.md), not what our client
/// happens to send.
///
/// Routes, for each path of ``FakeAPIRoute`` on the backend (CometAPI:
/// `/kling/v1/videos/image2video` and `/kling/v1/videos/multi-image2video`; Kling: the same
/// under `/v1/videos/`; answers in the documented envelope `code`/`message`/`request_id`/`data`
/// unless a switch or fault says otherwise):
/// - `POST {path}` creates a task after validating the bearer key, the body against that route's
///   documented fields (see ``FakeValidation``: brushes on image2video only, `kling-v1-6` only on
///   multi-image2video, …; a violation answers HTTP 400, code 1201) and the uniqueness of
///   `external_task_id` across the account (a second use answers HTTP 400, code 1201).
/// - `GET {path}/{task_id}` reads a task of that route (404, code 1203, if unknown there); with
///   ``pathLookupByExternalID`` the id may also be an external id.
/// - `GET {path}?external_task_id=ID` reads a task by external id (404, code 1203, if none), or
///   answers per ``queryLookup``.
/// - `GET {path}?pageNum=N&pageSize=M` lists that route's tasks, newest first.
/// - `GET /videos/{task_id}/1.mp4` serves the video (no key needed, like a pre-signed URL).
/// - `HEAD` and `GET /files/{name}` serve files published with ``publish(_:bytes:contentType:)``
///   (public image URLs for `--remote`), honouring a `Range: bytes=A-B` header with a 206.
///
/// Any other path gets Hummingbird's plain 404 (or per ``unknownPathAnswer`` an HTML 404 or a
/// 301), which is not the JSON envelope: like a wrong path at a real gateway. Whether the service finds a task of one route on the other route's
/// path is not documented; the fake keeps them apart.
///
/// Tasks move submitted → processing → succeed/failed on ``FakeTimeline``. Faults queued with
/// ``inject(_:on:)`` apply to the next requests of a kind. A create body with `callback_url`
/// gets callbacks along the timeline (see ``callbacksSent``). Every switch defaults to the
/// behaviour the fake had before it existed.
public final class FakeKlingService: Sendable {
    /// The service played.
    public let backend: FakeBackend
    /// The CometAPI key the service accepts (`Authorization: Bearer <apiKey>`), or Kling's
    /// access key (the JWT's `iss`).
    public let apiKey: String
    /// Task timing.
    public let timeline: FakeTimeline
    /// Size of every video, in bytes.
    public let videoBytes: Int

    let state = Mutex(FakeState())
    let files = Mutex<[String: FakeFile]>([:])
    let callbackTasks = Mutex(FakeCallbackTasks())
    private let server = Mutex<(task: Task<Void, any Error>?, port: Int)>((nil, 0))

    /// Where ``FakeFault/redirect`` and ``FakeUnknownPathAnswer/redirect301`` send a client
    /// (a name that never resolves).
    public static let redirectTarget = "https://gateway.invalid"

    /// Creates a stopped service playing `backend`, with at most `concurrencyLimit` running
    /// tasks (`nil`: no limit; see ``concurrencyLimit``).
    public init(
        backend: FakeBackend, timeline: FakeTimeline = FakeTimeline(), videoBytes: Int = 64 * 1024,
        concurrencyLimit: Int? = nil
    ) {
        self.backend = backend
        self.apiKey = backend.publicKey
        self.timeline = timeline
        self.videoBytes = videoBytes
        state.withLock { $0.switches.concurrencyLimit = concurrencyLimit }
    }

    /// Creates a stopped CometAPI fake accepting `apiKey`.
    public convenience init(apiKey: String, timeline: FakeTimeline = FakeTimeline(), videoBytes: Int = 64 * 1024) {
        self.init(backend: .cometapi(apiKey: apiKey), timeline: timeline, videoBytes: videoBytes)
    }

    /// Serves `bytes` at `/files/NAME` (a public image URL); returns the URL.
    @discardableResult
    public func publish(_ name: String, bytes: [UInt8], contentType: String) -> String {
        files.withLock { $0[name] = FakeFile(bytes: bytes, contentType: contentType) }
        return "\(baseURL)/files/\(name)"
    }

    /// The bound port (0 before ``start()``).
    public var port: Int { server.withLock { $0.port } }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening on 127.0.0.1 with an ephemeral port and returns the port.
    ///
    /// - Throws: `FakeServiceError.notStarted` if the server did not come up.
    @discardableResult
    public func start() async throws -> Int {
        let router = Router(context: FakeContext.self)
        FakeRoutes(service: self).register(on: router)
        let started = try await FakeServer.start(router, label: "fake-kling")
        callbackTasks.withLock { $0.stopped = false }
        server.withLock { $0 = started }
        return started.port
    }

    /// Cancels pending callbacks and waits for them, then stops the server and waits for it to
    /// finish.
    public func stop() async {
        await stopCallbacks()
        let task = server.withLock { state -> Task<Void, any Error>? in
            let t = state.task
            state.task = nil
            return t
        }
        task?.cancel()
        _ = try? await task?.value
    }

    /// Queues faults for the next requests on `route`, applied in order.
    public func inject(_ faults: FakeFault..., on route: FakeRoute) {
        state.withLock { $0.faults[route, default: []].append(contentsOf: faults) }
    }

    /// Sets what tasks created next will do, in order; after the list, tasks succeed.
    public func setNextTaskFates(_ fates: [FakeTaskFate]) {
        state.withLock { $0.nextFate = fates }
    }

    /// Faults still queued on `route`.
    public func pendingFaults(on route: FakeRoute) -> Int {
        state.withLock { $0.faults[route]?.count ?? 0 }
    }

    /// Tasks created with `external_task_id` `externalID`.
    public func createdCount(externalID: String) -> Int {
        state.withLock { $0.createdPerExternalID[externalID] ?? 0 }
    }

    /// All tasks created.
    public var totalCreated: Int { state.withLock { $0.tasks.count } }

    /// The external ids of all tasks, in creation order.
    public var externalIDs: [String] { state.withLock { $0.tasks.compactMap(\.externalID) } }

    /// Requests of kind `route` received on any path (including those answered with a fault).
    public func requestCount(_ route: FakeRoute) -> Int {
        state.withLock { $0.requests[route] ?? 0 }
    }

    /// Requests of kind `route` received on `apiRoute`'s path.
    public func requestCount(_ route: FakeRoute, on apiRoute: FakeAPIRoute) -> Int {
        state.withLock { $0.requestsPerAPIRoute[apiRoute]?[route] ?? 0 }
    }

    /// Tasks created on `apiRoute`.
    public func createdCount(on apiRoute: FakeAPIRoute) -> Int {
        state.withLock { $0.tasks.filter { $0.route == apiRoute }.count }
    }

    /// The messages of every create the service refused as invalid (code 1200/1201), in order.
    public var refusals: [String] { state.withLock { $0.refusals } }

    /// Creates a task on `apiRoute` directly, as if an earlier run had posted it; returns its id.
    @discardableResult
    public func seedTask(on apiRoute: FakeAPIRoute, externalID: String? = nil) -> String? {
        guard
            case .created(let task) = FakeRoutes(service: self).makeTask(
                externalID: externalID, route: apiRoute, enforceLimit: false)
        else { return nil }
        return task.taskID
    }

    /// Requests refused for a missing or wrong key.
    public var authorizationFailures: Int { state.withLock { $0.authorizationFailures } }

    /// The bytes every video consists of.
    public func videoContent() -> [UInt8] {
        (0..<videoBytes).map { UInt8(truncatingIfNeeded: $0 % 251) }
    }
}

/// Errors of the fake service itself.
public enum FakeServiceError: Error, Sendable {
    /// The server did not report a bound port.
    case notStarted
    /// Used internally to abandon a request after closing its connection.
    case connectionClosedOnPurpose
}

/// The request context: Hummingbird's core storage plus the connection, so that faults can
/// close it.
struct FakeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    var maxUploadSize: Int { 128 << 20 }
}
