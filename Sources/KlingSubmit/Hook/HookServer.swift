import Foundation
import KlingCheck
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// How the callback receiver listens and what it accepts.
public struct HookServerConfiguration: Sendable {
    /// Where to listen (port 0: a free port, see ``HookServer/address``).
    public var address: HookListenAddress
    /// The one path answered, ``HookState/secretPath`` (`/hook/<secret>`).
    public var secretPath: String
    /// The largest callback body accepted, in bytes (64 KiB); a larger one is answered 413.
    public var maximumBodyBytes: Int
    /// Most requests handled at once; beyond that a request is answered 503.
    public var maximumConcurrentRequests: Int
    /// Most accepted hints waiting for the processor; beyond that a request is answered 503.
    public var maximumQueuedHints: Int
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration

    /// Creates a configuration with the documented limits.
    public init(
        address: HookListenAddress, secretPath: String, maximumBodyBytes: Int = 64 * 1024,
        maximumConcurrentRequests: Int = 200, maximumQueuedHints: Int = 10_000, idleTimeout: Duration = .seconds(30)
    ) {
        self.address = address
        self.secretPath = secretPath
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumConcurrentRequests = maximumConcurrentRequests
        self.maximumQueuedHints = maximumQueuedHints
        self.idleTimeout = idleTimeout
    }
}

/// The callback receiver: an HTTP/1.1 server (swift-nio) that answers `POST /hook/<secret>`
/// with a callback body (api.md, "Callback") by queueing it for a ``CallbackProcessor`` and
/// answering `200 {"ok":true}`; the processing happens off the request.
///
/// Answers: 404 (empty body) for any other method or path; 413 for a body over
/// ``HookServerConfiguration/maximumBodyBytes`` (reading stops; the connection closes); 400 for
/// a body that is not the callback object; 503 beyond
/// ``HookServerConfiguration/maximumConcurrentRequests`` requests at once or when the queue is
/// full or closing. Nothing it logs (``HookEvent``) carries the requested path.
///
/// Start it with ``start(configuration:processor:report:)``, then ``run()`` it until the task
/// is cancelled or ``stop()`` is called; either way it shuts down cleanly (``shutdown()``):
/// it stops listening, lets open requests finish, then processes every queued hint.
public final class HookServer: Sendable {
    /// The bound address (the real port when 0 was asked for).
    public let address: HookListenAddress
    /// The processor the hints go to.
    public let processor: CallbackProcessor
    private let channel: any Channel
    private let shared: HookShared
    private let processing: Task<Void, Never>
    private let stopSignal: AsyncStream<Void>.Continuation
    private let stopStream: AsyncStream<Void>

    private init(
        address: HookListenAddress, processor: CallbackProcessor, channel: any Channel, shared: HookShared,
        processing: Task<Void, Never>
    ) {
        self.address = address
        self.processor = processor
        self.channel = channel
        self.shared = shared
        self.processing = processing
        (stopStream, stopSignal) = AsyncStream<Void>.makeStream()
    }

    /// Binds to ``HookServerConfiguration/address`` and starts accepting callbacks.
    ///
    /// - Parameter report: receives ``HookEvent/listening(_:)``, ``HookEvent/refused(status:reason:)``,
    ///   ``HookEvent/stopping`` and ``HookEvent/stopped(_:)`` (the processor reports the rest).
    /// - Throws: ``HookError/bindFailed(address:reason:)`` when the address cannot be bound.
    public static func start(
        configuration: HookServerConfiguration, processor: CallbackProcessor,
        report: @escaping @Sendable (HookEvent) -> Void = { _ in }
    ) async throws(HookError) -> HookServer {
        let (hints, sink) = AsyncStream<CallbackHint>.makeStream(
            bufferingPolicy: .bufferingOldest(max(1, configuration.maximumQueuedHints)))
        let shared = HookShared(configuration: configuration, hints: sink, report: report)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try shared.register(child)
                    let timeout = TimeAmount.nanoseconds(
                        Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
                            + configuration.idleTimeout.components.attoseconds / 1_000_000_000)
                    try child.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try child.pipeline.syncOperations.addHandler(HookRequestHandler(shared: shared))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.address.host, port: configuration.address.port)
                .get()
        } catch {
            sink.finish()
            let reason: String
            if let io = error as? IOError {
                reason = Files.reason(errno: io.errnoCode)
            } else {
                reason = "the address cannot be bound"
            }
            throw .bindFailed(address: configuration.address.description, reason: reason)
        }
        let bound = HookListenAddress(
            host: configuration.address.host, port: channel.localAddress?.port ?? configuration.address.port)
        let processing = Task { await processor.run(hints) }
        report(.listening(bound))
        return HookServer(
            address: bound, processor: processor, channel: channel, shared: shared, processing: processing)
    }

    /// Serves until the calling task is cancelled or ``stop()`` is called, then shuts down
    /// (``shutdown()``) and returns.
    public func run() async {
        await withTaskCancellationHandler {
            for await _ in stopStream {}
        } onCancel: {
            stopSignal.finish()
        }
        await shutdown()
    }

    /// Makes ``run()`` return (after shutting down). Safe from any thread, e.g. a signal handler.
    public func stop() {
        stopSignal.finish()
    }

    /// Stops listening, lets requests in progress finish (at most 2 s), then waits until every
    /// queued hint is processed. Calling it again waits for the same end.
    public func shutdown() async {
        // Not a child of the caller: a cancelled caller must not cut the queued work short.
        await Task { await self.finishServing() }.value
    }

    private func finishServing() async {
        let first = shared.beginShutdown()
        if first { shared.report(.stopping) }
        try? await channel.close()
        await shared.quiesceConnections(grace: .seconds(2))
        shared.hints.finish()
        await processing.value
        if first { shared.report(.stopped(await processor.statistics)) }
    }

    /// Requests answered 200 so far.
    var accepted: Int { shared.accepted }

    /// Requests being handled now (for tests).
    var requestsInProgress: Int { shared.active }

    /// Waits until every hint answered so far has been processed (for tests).
    func settle() async {
        while true {
            let accepted = shared.accepted
            let statistics = await processor.statistics
            if statistics.queued >= accepted && statistics.finished >= statistics.queued { return }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// What the server's connections share: limits, the queue, the count of requests in progress
/// and the open connections.
final class HookShared: Sendable {
    let configuration: HookServerConfiguration
    let hints: AsyncStream<CallbackHint>.Continuation
    let report: @Sendable (HookEvent) -> Void
    private let secretPathBytes: [UInt8]
    private let state = Mutex(State())

    struct State {
        var active = 0
        var accepted = 0
        var closing = false
        var connections: [ObjectIdentifier: any Channel] = [:]
    }

    init(
        configuration: HookServerConfiguration, hints: AsyncStream<CallbackHint>.Continuation,
        report: @escaping @Sendable (HookEvent) -> Void
    ) {
        self.configuration = configuration
        self.hints = hints
        self.report = report
        secretPathBytes = Array(configuration.secretPath.utf8)
    }

    var accepted: Int { state.withLock { $0.accepted } }

    var active: Int { state.withLock { $0.active } }

    /// Whether the request target names the secret path (the query is ignored). Compares every
    /// byte, so the time taken says nothing about how much of a guess was right.
    func matches(uri: String) -> Bool {
        let path = uri.utf8.prefix { $0 != UInt8(ascii: "?") }
        guard path.count == secretPathBytes.count, !secretPathBytes.isEmpty else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(path, secretPathBytes) { difference |= a ^ b }
        return difference == 0
    }

    /// Takes a request slot; `false` when ``HookServerConfiguration/maximumConcurrentRequests``
    /// are in progress.
    func acquire() -> Bool {
        state.withLock { state in
            guard state.active < configuration.maximumConcurrentRequests else { return false }
            state.active += 1
            return true
        }
    }

    /// Gives a slot back.
    func release() {
        state.withLock { $0.active -= 1 }
    }

    /// Queues `hint`; `false` when the queue is full or closed.
    func enqueue(_ hint: CallbackHint) -> Bool {
        // Counted first, so that `settle` never sees a queued hint it does not wait for.
        state.withLock { $0.accepted += 1 }
        switch hints.yield(hint) {
        case .enqueued: return true
        default:
            state.withLock { $0.accepted -= 1 }
            return false
        }
    }

    /// Tracks a new connection so that shutdown can close it.
    func register(_ channel: any Channel) throws {
        let id = ObjectIdentifier(channel)
        let refused = state.withLock { state -> Bool in
            if state.closing { return true }
            state.connections[id] = channel
            return false
        }
        if refused { throw ChannelError.ioOnClosedChannel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.state.withLock { $0.connections.removeValue(forKey: id) }
        }
    }

    /// Marks the server as closing; `true` for the first call.
    func beginShutdown() -> Bool {
        state.withLock { state in
            defer { state.closing = true }
            return !state.closing
        }
    }

    /// Asks every connection to close once its request in progress is answered, waits up to
    /// `grace`, then closes those still open.
    func quiesceConnections(grace: Duration) async {
        let open = state.withLock { Array($0.connections.values) }
        for connection in open {
            connection.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let clock = ContinuousClock()
        let end = clock.now + grace
        while clock.now < end, state.withLock({ !$0.connections.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for connection in state.withLock({ Array($0.connections.values) }) {
            try? await connection.close()
        }
    }
}
