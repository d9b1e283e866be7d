import Synchronization
import Foundation
import Hummingbird
import NIOCore

/// Answers outside Kling's envelope: CometAPI's gateway body, HTML pages, redirects (api.md,
/// "Errors").
extension FakeRoutes {
    /// `{"error": {"code", "message", "type"}}` [C-err].
    static func gateway(_ status: Int, code: String, type: String, message: String) -> Response {
        let object: [String: Any] = ["error": ["code": code, "message": message, "type": type]]
        let bytes = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An HTML page with `status`, like a gateway's or a web server's error page.
    static func html(_ status: Int) -> Response {
        let page =
            "<!DOCTYPE html>\n<html><head><title>\(status)</title></head><body><h1>\(status)</h1></body></html>\n"
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// A 301 to ``FakeKlingService/redirectTarget`` plus `uri` (path and query).
    static func redirect(_ uri: String) -> Response {
        Response(
            status: .movedPermanently,
            headers: [.location: FakeKlingService.redirectTarget + uri, .contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "<html><body>Moved Permanently</body></html>\n")))
    }

    /// The answer for a path (or form) the fake does not serve, per ``FakeUnknownPathAnswer``.
    ///
    /// - Throws: Hummingbird's 404 error for ``FakeUnknownPathAnswer/plain404``, so that the
    ///   answer is exactly the router's own.
    static func unknownPath(_ answer: FakeUnknownPathAnswer, uri: String) throws -> Response {
        switch answer {
        case .plain404: throw HTTPError(.notFound)
        case .html404: return html(404)
        case .redirect301: return redirect(uri)
        }
    }

    /// The fake's own refusal (bad key, invalid body) in the dialect chosen for this backend:
    /// always the envelope on Kling's backend, ``FakeKlingService/refusalDialect`` on CometAPI's.
    ///
    /// Assumption for the gateway dialect: the HTTP status is the envelope's (401, 400), `code`
    /// is empty and `type` is `comet_api_error`, with the request id in the message, as in the
    /// bodies CometAPI's error page shows for a missing field and an invalid token [C-err].
    func refusal(_ status: HTTPResponse.Status, code: Int, message: String) -> Response {
        let dialect = service.state.withLock { $0.switches.refusalDialect }
        guard case .cometapi = service.backend, dialect == .gateway else {
            return Self.envelope(status, code: code, message: message)
        }
        let id = UUID().uuidString.lowercased()
        return Self.gateway(status.code, code: "", type: "comet_api_error", message: "\(message) (request id: \(id))")
    }
}

/// Catches the router's 404 for paths nothing serves and answers per
/// ``FakeKlingService/unknownPathAnswer``. Added after every route, so it wraps only the
/// router's not-found responder.
struct FakeUnknownPathMiddleware: RouterMiddleware {
    typealias Context = FakeContext
    let service: FakeKlingService

    func handle(
        _ request: Request, context: FakeContext, next: (Request, FakeContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let answer = service.state.withLock { $0.switches.unknownPath }
            return try FakeRoutes.unknownPath(answer, uri: request.uri.description)
        }
    }
}
