import NIOCore
import NIOHTTP1

/// One connection's requests to the callback receiver (after NIO's HTTP/1.1 server pipeline).
///
/// A refused request is answered at once with `Connection: close`; its remaining body is read
/// and dropped (so that the client sees the answer rather than a reset) and the connection is
/// closed at the request's end, or as soon as more than ``discardLimit`` bytes arrive.
final class HookRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The most body bytes read and dropped after a refusal before the connection is closed.
    static let discardLimit = 1 << 20

    private enum State {
        /// Between requests.
        case idle
        /// Reading an accepted request's body.
        case reading(keepAlive: Bool)
        /// Answered already; dropping the rest of the request, then closing.
        case discarding(bytes: Int)
    }

    private let shared: HookShared
    private var state = State.idle
    private var body: ByteBuffer?
    private var holdsSlot = false
    /// Completes when the refusal is written; the close waits for it.
    private var refusalWritten: EventLoopFuture<Void>?

    init(shared: HookShared) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): begin(head, context: context)
        case .body(var chunk):
            switch state {
            case .reading:
                let size = (body?.readableBytes ?? 0) + chunk.readableBytes
                if size > shared.configuration.maximumBodyBytes {
                    body = nil
                    refuse(.payloadTooLarge, reason: "the body is larger than the limit", context: context)
                } else if body == nil {
                    body = chunk
                } else {
                    body?.writeBuffer(&chunk)
                }
            case .discarding(let bytes):
                let total = bytes + chunk.readableBytes
                state = .discarding(bytes: total)
                if total > Self.discardLimit { context.close(promise: nil) }
            case .idle:
                break
            }
        case .end:
            switch state {
            case .reading(let keepAlive): finish(keepAlive: keepAlive, context: context)
            case .discarding:
                let channel = context.channel
                if let refusalWritten {
                    refusalWritten.whenComplete { _ in channel.close(promise: nil) }
                } else {
                    context.close(promise: nil)
                }
            case .idle:
                break
            }
            state = .idle
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        body = nil
        guard shared.acquire() else {
            return refuse(.serviceUnavailable, reason: "too many requests at once", context: context)
        }
        holdsSlot = true
        guard head.method == .POST, shared.matches(uri: head.uri) else {
            return refuse(.notFound, reason: "not the callback path or not POST", context: context)
        }
        if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }),
            length > shared.configuration.maximumBodyBytes
        {
            return refuse(.payloadTooLarge, reason: "the body is larger than the limit", context: context)
        }
        state = .reading(keepAlive: head.isKeepAlive)
        if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
        }
    }

    private func finish(keepAlive: Bool, context: ChannelHandlerContext) {
        let bytes = body.map { Array($0.readableBytesView) } ?? []
        body = nil
        guard let hint = CallbackHint.decode(bytes) else {
            shared.report(.refused(status: 400, reason: "the body is not a callback object"))
            respond(.badRequest, keepAlive: keepAlive, context: context)
            return
        }
        guard shared.enqueue(hint) else {
            shared.report(.refused(status: 503, reason: "the queue is full or closing"))
            respond(.serviceUnavailable, keepAlive: false, context: context)
            context.channel.close(promise: nil)
            return
        }
        respond(.ok, keepAlive: keepAlive, context: context)
        if !keepAlive { context.close(promise: nil) }
    }

    /// Answers `status` now with `Connection: close` and drops the rest of the request.
    private func refuse(_ status: HTTPResponseStatus, reason: String, context: ChannelHandlerContext) {
        shared.report(.refused(status: Int(status.code), reason: reason))
        state = .discarding(bytes: 0)
        refusalWritten = respond(status, keepAlive: false, context: context)
    }

    /// Writes the whole answer: `{"ok":true}` for 200, `{"ok":false}` for 400, 413 and 503,
    /// nothing for 404. Gives the request slot back.
    @discardableResult
    private func respond(_ status: HTTPResponseStatus, keepAlive: Bool, context: ChannelHandlerContext)
        -> EventLoopFuture<Void>
    {
        let text: String =
            switch status {
            case .ok: #"{"ok":true}"#
            case .notFound: ""
            default: #"{"ok":false}"#
            }
        var headers = HTTPHeaders()
        headers.add(name: "content-length", value: String(text.utf8.count))
        if !text.isEmpty { headers.add(name: "content-type", value: "application/json") }
        headers.add(name: "connection", value: keepAlive ? "keep-alive" : "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
            promise: nil)
        if !text.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        releaseSlot()
        return written
    }

    private func releaseSlot() {
        guard holdsSlot else { return }
        holdsSlot = false
        shared.release()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        releaseSlot()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        releaseSlot()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        releaseSlot()
        context.close(promise: nil)
    }
}
