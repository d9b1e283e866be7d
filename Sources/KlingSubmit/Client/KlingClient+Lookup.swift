public import KlingCheck

/// The two ways of asking for a task by its `external_task_id` (api.md, "Follow a task"):
/// neither is documented by CometAPI; [K] speaks of the id in the task-id slot, public clients
/// [P] use the query.
public enum LookupForm: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// `GET {path}/{external_task_id}`
    case path
    /// `GET {path}?external_task_id=ID`
    case query
}

/// What one lookup by external id proved.
public enum LookupAnswer: Sendable, Equatable {
    /// A task whose own `task_info.external_task_id` is the id asked for.
    case found(KlingTask)
    /// The service's JSON envelope said there is no such task.
    case notFound
    /// The answer says nothing either way (an HTML page, a redirect, a non-JSON 404, a list or
    /// task without the id, a refusal of the id's form); `reason` says what came back.
    case unavailable(endpoint: String, reason: String)
}

/// What a lookup in several forms proved, with the route of a found task.
public enum ExternalLookup: Sendable, Equatable {
    /// Some form found the task.
    case found(LocatedTask)
    /// No form found it and every form's envelope said it does not exist.
    case notFound
    /// No form could tell (see ``LookupAnswer/unavailable(endpoint:reason:)``).
    case unavailable(endpoint: String, reason: String)
}

/// The `data` of a lookup answer: one task, or a list (as Kling's list route answers).
enum TaskOrList: Decodable, Sendable {
    case one(KlingTask)
    case many([KlingTask])

    private struct Lossy: Decodable {
        let task: KlingTask?
        init(from decoder: any Decoder) throws { task = try? KlingTask(from: decoder) }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([Lossy].self) {
            self = .many(list.compactMap(\.task))
        } else {
            self = .one(try container.decode(KlingTask.self))
        }
    }
}

extension KlingClient {
    /// Asks for the task of `route` whose `external_task_id` is `externalID` in one `form`.
    ///
    /// A task is accepted only when its own `task_info.external_task_id` is `externalID`; a list
    /// is searched for it. "Not found" is read only from the service's JSON envelope (code 1203,
    /// or HTTP 404 in the envelope); anything else that is not the task — an HTML page, a
    /// redirect, a non-JSON 404, a gateway error, a refusal of the id as a parameter — is
    /// ``LookupAnswer/unavailable(endpoint:reason:)``, never "not found" (api.md, "Follow a task").
    ///
    /// - Throws: refusals of the credentials or the account, ``SubmitError/retriesExhausted(endpoint:attempts:last:)``
    ///   and the transport cases.
    public func lookUp(
        externalID: String, route: Route, form: LookupForm, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> LookupAnswer {
        let url = endpoint.lookupURL(externalID: externalID, route: route, form: form)
        let shown = ServiceEndpoint.pathForMessages(url) + (form == .query ? "?external_task_id=…" : "")
        switch try await get(url, as: TaskOrList.self, deadline: nil, report: report) {
        case .success(.one(let task)):
            if task.externalTaskID == externalID { return .found(task) }
            return .unavailable(
                endpoint: shown,
                reason:
                    "it answered task \(task.taskID), whose external_task_id is \(task.externalTaskID ?? "missing")")
        case .success(.many(let tasks)):
            if let task = tasks.first(where: { $0.externalTaskID == externalID }) { return .found(task) }
            return .unavailable(
                endpoint: shown,
                reason: "it answered a list of \(tasks.count) task\(tasks.count == 1 ? "" : "s") without this id")
        case .failure(let error):
            if Self.isNotFound(error) { return .notFound }
            switch error {
            case .httpStatus(_, let status, _) where status != 401 && status != 403:
                return .unavailable(
                    endpoint: shown, reason: "it answered HTTP \(status) without the service's JSON envelope")
            case .malformedResponse(_, let status, let reason):
                return .unavailable(endpoint: shown, reason: "its answer (HTTP \(status)) could not be read: \(reason)")
            case .gateway(let failure) where !failure.isAuthentication:
                return .unavailable(
                    endpoint: shown, reason: "the gateway answered HTTP \(failure.httpStatus) \(failure.code)")
            case .service(let failure) where failure.family == .badRequest:
                return .unavailable(
                    endpoint: shown, reason: "the service refused the lookup (code \(failure.code): \(failure.message))"
                )
            default:
                throw error
            }
        }
    }

    /// Asks for the task of `route` with `externalID` in each of `forms` in order: the first
    /// form that finds it wins; otherwise "not found" only when every form's envelope said so —
    /// a form that could not tell might be the one that looks external ids up, so one such form
    /// makes the whole answer "unavailable" (api.md, "Follow a task").
    ///
    /// - Throws: as ``lookUp(externalID:route:form:report:)``.
    public func find(
        externalID: String, route: Route, forms: [LookupForm], report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> ExternalLookup {
        var sawNotFound = false
        var unavailable: [(endpoint: String, reason: String)] = []
        for form in forms {
            switch try await lookUp(externalID: externalID, route: route, form: form, report: report) {
            case .found(let task): return .found(LocatedTask(task: task, route: route))
            case .notFound: sawNotFound = true
            case .unavailable(let endpoint, let reason): unavailable.append((endpoint, reason))
            }
        }
        guard let first = unavailable.first else {
            if sawNotFound { return .notFound }
            return .unavailable(endpoint: endpoint.baseURL, reason: "no lookup form was asked")
        }
        return .unavailable(
            endpoint: first.endpoint,
            reason: unavailable.map { "\($0.endpoint): \($0.reason)" }.joined(separator: "; "))
    }
}
