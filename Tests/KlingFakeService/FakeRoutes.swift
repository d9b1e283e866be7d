import Synchronization
import Foundation
import Hummingbird
import NIOCore

/// The fake service's handlers.
struct FakeRoutes: Sendable {
    let service: FakeKlingService

    func register(on router: Router<FakeContext>) {
        for route in FakeAPIRoute.allCases {
            router.post(RouterPath(route.path)) { request, context in
                try await create(request, context, route: route)
            }
            router.get(RouterPath(route.path)) { request, context in
                if let external = request.uri.queryParameters.get("external_task_id") {
                    return try await lookup(external, request, context, route: route)
                }
                return try await list(request, context, route: route)
            }
            router.get(RouterPath(route.path + "/:id")) { request, context in
                try await get(context.parameters.get("id") ?? "", request, context, route: route)
            }
        }
        router.get("/videos/:task/:file") { request, context in
            try await download(context.parameters.get("task") ?? "", context)
        }
        router.get("/files/:name") { request, context in
            file(context.parameters.get("name") ?? "", request, headOnly: false)
        }
        router.head("/files/:name") { request, context in
            file(context.parameters.get("name") ?? "", request, headOnly: true)
        }
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

    func authorize(_ request: Request) -> Response? {
        guard let header = request.headers[.authorization] else {
            service.state.withLock { $0.authorizationFailures += 1 }
            return Self.envelope(.unauthorized, code: 1001, message: "Authorization is empty")
        }
        guard header == "Bearer \(service.apiKey)" else {
            service.state.withLock { $0.authorizationFailures += 1 }
            // Like some real gateways, echo what was presented: the client must not repeat it.
            return Self.envelope(.unauthorized, code: 1002, message: "Authorization is invalid: \(header)")
        }
        return nil
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

    // MARK: Create

    func create(_ request: Request, _ context: FakeContext, route: FakeAPIRoute) async throws -> Response {
        let fault = arrive(.create, on: route)
        if fault == .closeBeforeBody { try await Self.close(context) }
        if case .status(let status, let code, let retryAfter, false) = fault {
            return statusResponse(status, code: code, retryAfter: retryAfter)
        }
        if let refusal = authorize(request) { return refusal }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let created: Any
        switch FakeValidation.validateCreate(Data(body.readableBytesView), route: route) {
        case .failure(let refusal):
            service.state.withLock { $0.refusals.append(refusal.message) }
            return Self.envelope(.badRequest, code: refusal.code, message: refusal.message)
        case .success(let externalID):
            guard let task = makeTask(externalID: externalID, route: route) else {
                return Self.envelope(.badRequest, code: 1201, message: "external_task_id already exists")
            }
            created = task.json(at: .now, timeline: service.timeline, baseURL: service.baseURL)
        }
        switch fault {
        case .closeAfterBody:
            try await Self.close(context)
        case .status(let status, let code, let retryAfter, _):
            return statusResponse(status, code: code, retryAfter: retryAfter)
        case .slowReply(let delay):
            try await Task.sleep(for: delay)
        case .malformedJSON:
            return Self.malformed()
        default:
            break
        }
        return Self.envelope(.ok, code: 0, message: "SUCCEED", data: created)
    }

    /// Creates a task, or returns `nil` when the external id is taken.
    func makeTask(externalID: String?, route: FakeAPIRoute) -> FakeTask? {
        service.state.withLock { state -> FakeTask? in
            if let externalID, state.createdPerExternalID[externalID] != nil { return nil }
            state.nextID += 1
            let fate = state.nextFate.isEmpty ? FakeTaskFate.succeed : state.nextFate.removeFirst()
            let task = FakeTask(
                taskID: String(state.nextID), route: route, externalID: externalID, createdAt: .now,
                createdAtMilliseconds: Int64(Date().timeIntervalSince1970 * 1000), fate: fate)
            state.tasks.append(task)
            if let externalID { state.createdPerExternalID[externalID, default: 0] += 1 }
            return task
        }
    }

    // MARK: Reads

    func readFault(_ route: FakeRoute, on apiRoute: FakeAPIRoute, _ context: FakeContext) async throws -> Response? {
        switch arrive(route, on: apiRoute) {
        case .none: return nil
        case .status(let status, let code, let retryAfter, _):
            return statusResponse(status, code: code, retryAfter: retryAfter)
        case .closeBeforeBody, .closeAfterBody: try await Self.close(context)
        case .slowReply(let delay):
            try await Task.sleep(for: delay)
            return nil
        case .malformedJSON: return Self.malformed()
        case .truncatedBody: return nil
        }
    }

    func get(_ id: String, _ request: Request, _ context: FakeContext, route: FakeAPIRoute) async throws -> Response {
        if let faulted = try await readFault(.get, on: route, context) { return faulted }
        if let refusal = authorize(request) { return refusal }
        let task = service.state.withLock { $0.tasks.first { $0.taskID == id && $0.route == route } }
        guard let task else { return Self.envelope(.notFound, code: 1203, message: "task not found") }
        return Self.envelope(
            .ok, code: 0, message: "SUCCEED",
            data: task.json(at: .now, timeline: service.timeline, baseURL: service.baseURL))
    }

    func lookup(
        _ externalID: String, _ request: Request, _ context: FakeContext, route: FakeAPIRoute
    ) async throws -> Response {
        if let faulted = try await readFault(.lookup, on: route, context) { return faulted }
        if let refusal = authorize(request) { return refusal }
        let task = service.state.withLock { $0.tasks.last { $0.externalID == externalID && $0.route == route } }
        guard let task else { return Self.envelope(.notFound, code: 1203, message: "task not found") }
        return Self.envelope(
            .ok, code: 0, message: "SUCCEED",
            data: task.json(at: .now, timeline: service.timeline, baseURL: service.baseURL))
    }

    func list(_ request: Request, _ context: FakeContext, route: FakeAPIRoute) async throws -> Response {
        if let faulted = try await readFault(.list, on: route, context) { return faulted }
        if let refusal = authorize(request) { return refusal }
        let page = max(1, request.uri.queryParameters.get("pageNum", as: Int.self) ?? 1)
        let size = min(500, max(1, request.uri.queryParameters.get("pageSize", as: Int.self) ?? 30))
        let tasks = service.state.withLock { Array($0.tasks.filter { $0.route == route }.reversed()) }
        let slice = tasks.dropFirst((page - 1) * size).prefix(size)
        let now = ContinuousClock.now
        return Self.envelope(
            .ok, code: 0, message: "SUCCEED",
            data: slice.map { $0.json(at: now, timeline: service.timeline, baseURL: service.baseURL) })
    }

    // MARK: Download

    func download(_ taskID: String, _ context: FakeContext) async throws -> Response {
        let fault = arrive(.download)
        switch fault {
        case .status(let status, let code, let retryAfter, _):
            return statusResponse(status, code: code, retryAfter: retryAfter)
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
            status: .ok, headers: [.contentType: "video/mp4"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
