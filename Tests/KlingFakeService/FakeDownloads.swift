import Synchronization
import Foundation
import Hummingbird
import NIOCore

/// `GET /videos/{task_id}/1.mp4`: the video, optionally behind a chain of redirects.
extension FakeRoutes {
    /// With ``FakeKlingService/downloadRedirects`` N > 0, the first N requests of a chain answer
    /// 301, 302, 301, … with an absolute `Location` on this server (`?hop=K`); those hops are
    /// counted in ``FakeKlingService/downloadRedirectsServed``, not as `download` requests, and
    /// take no fault. The video answers with its exact `Content-Length`.
    func download(_ taskID: String, _ request: Request, _ context: FakeContext) async throws -> Response {
        let hop = request.uri.queryParameters.get("hop", as: Int.self) ?? 0
        let redirects = service.state.withLock { $0.switches.downloadRedirects }
        if hop < redirects {
            service.state.withLock { $0.downloadRedirectsServed += 1 }
            let next = "\(service.baseURL)\(request.uri.path)?hop=\(hop + 1)"
            return Response(
                status: hop % 2 == 0 ? .movedPermanently : .found, headers: [.location: next, .contentLength: "0"])
        }
        let fault = arrive(.download)
        if let answer = answer(fault, uri: request.uri.description) { return answer }
        switch fault {
        case .closeBeforeBody, .closeAfterBody:
            try await Self.close(context)
        case .slowReply(let delay):
            try await Task.sleep(for: delay)
        default:
            break
        }
        let exists = service.state.withLock { $0.tasks.contains { $0.taskID == taskID } }
        guard exists else { return Response(status: .notFound) }
        let bytes = service.videoContent()
        if fault == .truncatedBody {
            let half = ByteBuffer(bytes: bytes.prefix(bytes.count / 2))
            let channel = context.channel
            return Response(
                status: .ok, headers: [.contentType: "video/mp4", .contentLength: String(bytes.count)],
                body: .init(contentLength: bytes.count) { writer in
                    try await writer.write(half)
                    try? await channel.close(mode: .all)
                    throw FakeServiceError.connectionClosedOnPurpose
                })
        }
        return Response(
            status: .ok, headers: [.contentType: "video/mp4", .contentLength: String(bytes.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
