import Synchronization
import Foundation
import Hummingbird
import NIOCore

/// The fake service's handlers.
struct FakeRoutes: Sendable {
    let service: FakeKlingService

    func register(on router: Router<FakeContext>) {
        for route in FakeAPIRoute.allCases {
            let path = route.path(on: service.backend)
            router.post(RouterPath(path)) { request, context in
                try await create(request, context, route: route)
            }
            router.get(RouterPath(path)) { request, context in
                if let external = request.uri.queryParameters.get("external_task_id") {
                    return try await lookup(external, request, context, route: route)
                }
                return try await list(request, context, route: route)
            }
            router.get(RouterPath(path + "/:id")) { request, context in
                try await get(context.parameters.get("id") ?? "", request, context, route: route)
            }
        }
        router.get("/videos/:task/:file") { request, context in
            try await download(context.parameters.get("task") ?? "", request, context)
        }
        router.get("/files/:name") { request, context in
            file(context.parameters.get("name") ?? "", request, headOnly: false)
        }
        router.head("/files/:name") { request, context in
            file(context.parameters.get("name") ?? "", request, headOnly: true)
        }
        // Last, so that it wraps only the router's not-found answer.
        router.add(middleware: FakeUnknownPathMiddleware(service: service))
    }

    // MARK: Answers

    static func envelope(
        _ status: HTTPResponse.Status, code: Int, message: String, data: Any? = nil, retryAfter: Int? = nil
    ) -> Response {
        var object: [String: Any] = ["code": code, "message": message, "request_id": UUID().uuidString.lowercased()]
        if let data { object["data"] = data }
        let bytes = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func malformed() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"code\":0,\"message\":\"SUCCEED\",\"data\":{\"task_id\":")))
    }

    static func close(_ context: FakeContext) async throws -> Never {
        try? await context.channel.close(mode: .all)
        throw FakeServiceError.connectionClosedOnPurpose
    }

    /// Counts the request and takes its fault.
    func arrive(_ route: FakeRoute, on apiRoute: FakeAPIRoute? = nil) -> FakeFault? {
        service.state.withLock { state in
            state.requests[route, default: 0] += 1
            if let apiRoute { state.requestsPerAPIRoute[apiRoute, default: [:]][route, default: 0] += 1 }
            return state.takeFault(route)
        }
    }

    func statusResponse(_ status: Int, code: Int, retryAfter: Int?) -> Response {
        Self.envelope(
            HTTPResponse.Status(code: status), code: code, message: "injected fault \(status)", retryAfter: retryAfter)
    }

    /// The answer of a fault that answers with a status (envelope, gateway, HTML, redirect);
    /// `nil` for the others.
    func answer(_ fault: FakeFault?, uri: String) -> Response? {
        switch fault {
        case .status(let status, let code, let retryAfter, _):
            statusResponse(status, code: code, retryAfter: retryAfter)
        case .gateway(let status, let code, let type, let message, _):
            Self.gateway(status, code: code, type: type, message: message)
        case .html(let status): Self.html(status)
        case .redirect: Self.redirect(uri)
        default: nil
        }
    }

    /// The task's `data` object now, with the timestamp switch applied.
    func taskJSON(_ task: FakeTask, at now: ContinuousClock.Instant = .now) -> [String: Any] {
        let strings = service.state.withLock { $0.switches.timestampsAsStrings }
        return task.json(at: now, timeline: service.timeline, baseURL: service.baseURL, stringTimestamps: strings)
    }
}
