import Synchronization
import Foundation
import Hummingbird
import NIOCore

/// The outcome of creating a task.
enum FakeCreation: Sendable {
    case created(FakeTask)
    /// The external id is taken.
    case duplicate
    /// The account already runs `concurrencyLimit` tasks.
    case overConcurrency
}

extension FakeRoutes {
    /// `POST {path}`.
    func create(_ request: Request, _ context: FakeContext, route: FakeAPIRoute) async throws -> Response {
        let fault = arrive(.create, on: route)
        if fault == .closeBeforeBody { try await Self.close(context) }
        switch fault {
        case .status(_, _, _, false), .gateway(_, _, _, _, false), .html, .redirect:
            if let answer = answer(fault, uri: request.uri.description) { return answer }
        default: break
        }
        if let refusal = authorize(request) { return refusal }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let task: FakeTask
        switch FakeValidation.validateCreate(Data(body.readableBytesView), route: route) {
        case .failure(let refusal):
            service.state.withLock { $0.refusals.append(refusal.message) }
            return self.refusal(.badRequest, code: refusal.code, message: refusal.message)
        case .success(let accepted):
            switch makeTask(externalID: accepted.externalID, route: route, enforceLimit: true) {
            case .duplicate:
                return refusal(.badRequest, code: 1201, message: "external_task_id already exists")
            case .overConcurrency:
                // Assumption: CometAPI passes Kling's envelope through for this code.
                return Self.envelope(
                    .tooManyRequests, code: 1303, message: "parallel task over resource pack limit")
            case .created(let made):
                task = made
            }
            if let url = accepted.callbackURL { service.scheduleCallbacks(for: task, to: url) }
        }
        let created = taskJSON(task)
        switch fault {
        case .closeAfterBody:
            try await Self.close(context)
        case .status, .gateway:
            if let answer = answer(fault, uri: request.uri.description) { return answer }
        case .slowReply(let delay):
            try await Task.sleep(for: delay)
        case .malformedJSON:
            return Self.malformed()
        default:
            break
        }
        return Self.envelope(.ok, code: 0, message: "SUCCEED", data: created)
    }

    /// Creates a task unless the external id is taken or (with `enforceLimit`) the account is
    /// at ``FakeKlingService/concurrencyLimit``: a task holds its slot while submitted or
    /// processing (api.md, "Errors", 1303). The duplicate check comes first (an assumption).
    func makeTask(externalID: String?, route: FakeAPIRoute, enforceLimit: Bool) -> FakeCreation {
        let timeline = service.timeline
        return service.state.withLock { state -> FakeCreation in
            if let externalID, state.createdPerExternalID[externalID] != nil, !state.switches.acceptsReusedExternalID {
                return .duplicate
            }
            let now = ContinuousClock.now
            if enforceLimit, let limit = state.switches.concurrencyLimit,
                state.tasks.filter({ $0.isRunning(at: now, timeline: timeline) }).count >= limit
            {
                state.concurrencyRefusals += 1
                return .overConcurrency
            }
            state.nextID += 1
            let fate = state.nextFate.isEmpty ? FakeTaskFate.succeed : state.nextFate.removeFirst()
            let task = FakeTask(
                taskID: String(state.nextID), route: route, externalID: externalID, createdAt: now,
                createdAtMilliseconds: Int64(Date().timeIntervalSince1970 * 1000), fate: fate)
            state.tasks.append(task)
            if let externalID { state.createdPerExternalID[externalID, default: 0] += 1 }
            return .created(task)
        }
    }
}
