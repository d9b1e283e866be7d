import Synchronization
import Foundation
import Hummingbird

/// Reading tasks: by task id, by external id (both forms), and the list (api.md, "Follow a
/// task").
extension FakeRoutes {
    func readFault(
        _ route: FakeRoute, on apiRoute: FakeAPIRoute, _ request: Request, _ context: FakeContext
    ) async throws -> Response? {
        let fault = arrive(route, on: apiRoute)
        if let answer = answer(fault, uri: request.uri.description) { return answer }
        switch fault {
        case .closeBeforeBody, .closeAfterBody: try await Self.close(context)
        case .slowReply(let delay): try await Task.sleep(for: delay)
        case .malformedJSON: return Self.malformed()
        default: break
        }
        return nil
    }

    /// `GET {path}/{id}`: the task whose task id is `id`; with
    /// ``FakeKlingService/pathLookupByExternalID``, else the newest whose external id is `id`
    /// ([K]'s "the id may stand in the task-id slot"). Unknown: envelope 404, code 1203 (what
    /// the real service answers for an unknown id is not documented; an assumption).
    func get(_ id: String, _ request: Request, _ context: FakeContext, route: FakeAPIRoute) async throws -> Response {
        if let faulted = try await readFault(.get, on: route, request, context) { return faulted }
        if let refusal = authorize(request) { return refusal }
        let task = service.state.withLock { state -> FakeTask? in
            if let byID = state.tasks.first(where: { $0.taskID == id && $0.route == route }) { return byID }
            state.lookups[.path, default: 0] += 1
            guard state.switches.pathLookupByExternalID else { return nil }
            return state.tasks.last { $0.externalID == id && $0.route == route }
        }
        guard let task else { return Self.envelope(.notFound, code: 1203, message: "task not found") }
        return Self.envelope(.ok, code: 0, message: "SUCCEED", data: taskJSON(task))
    }

    /// `GET {path}?external_task_id=ID`, answered per ``FakeKlingService/queryLookup``.
    func lookup(
        _ externalID: String, _ request: Request, _ context: FakeContext, route: FakeAPIRoute
    ) async throws -> Response {
        if let faulted = try await readFault(.lookup, on: route, request, context) { return faulted }
        let (mode, unknown) = service.state.withLock { state in
            state.lookups[.query, default: 0] += 1
            return (state.switches.queryLookup, state.switches.unknownPath)
        }
        if mode == .off { return try Self.unknownPath(unknown, uri: request.uri.description) }
        if let refusal = authorize(request) { return refusal }
        if mode == .list { return listAnswer(request, route: route) }
        let task = service.state.withLock { $0.tasks.last { $0.externalID == externalID && $0.route == route } }
        guard let task else { return Self.envelope(.notFound, code: 1203, message: "task not found") }
        return Self.envelope(.ok, code: 0, message: "SUCCEED", data: taskJSON(task))
    }

    /// `GET {path}?pageNum=N&pageSize=M`.
    func list(_ request: Request, _ context: FakeContext, route: FakeAPIRoute) async throws -> Response {
        if let faulted = try await readFault(.list, on: route, request, context) { return faulted }
        if let refusal = authorize(request) { return refusal }
        return listAnswer(request, route: route)
    }

    /// The route's tasks, newest first, one page (`pageNum` from 1, `pageSize` 1–500, default 30).
    func listAnswer(_ request: Request, route: FakeAPIRoute) -> Response {
        let page = max(1, request.uri.queryParameters.get("pageNum", as: Int.self) ?? 1)
        let size = min(500, max(1, request.uri.queryParameters.get("pageSize", as: Int.self) ?? 30))
        let tasks = service.state.withLock { Array($0.tasks.filter { $0.route == route }.reversed()) }
        let slice = tasks.dropFirst((page - 1) * size).prefix(size)
        let now = ContinuousClock.now
        return Self.envelope(.ok, code: 0, message: "SUCCEED", data: slice.map { taskJSON($0, at: now) })
    }
}
