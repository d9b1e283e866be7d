public import KlingCheck

/// A task with the route it was found on.
public struct LocatedTask: Sendable, Equatable, Encodable {
    /// The task as the service reports it.
    public let task: KlingTask
    /// The route whose path answered for it.
    public let route: Route

    /// Creates a located task.
    public init(task: KlingTask, route: Route) {
        self.task = task
        self.route = route
    }

    private enum CodingKeys: String, CodingKey { case route }

    /// The task's own fields (as the service writes them) plus `route`.
    public func encode(to encoder: any Encoder) throws {
        try task.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(route, forKey: .route)
    }
}

extension KlingClient {
    /// Asks each route in `routes`, in order, for the task `taskID` and returns the first that
    /// has it. Only the service's envelope says "no such task"; an answer that is not the
    /// envelope on one route does not count as "not there", so a task is never reported missing
    /// because a route could not be asked.
    ///
    /// - Parameter routes: where to ask; by default image2video, then multi-image2video.
    /// - Throws: ``SubmitError/taskNotFound(id:route:)`` when every route's envelope says so
    ///   (`route` is `nil` when more than one was asked), ``SubmitError/lookupUnavailable(endpoint:reason:)``
    ///   when some route could not tell, and the transport cases.
    public func locate(
        taskID: String, routes: [Route] = Route.allCases, report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> LocatedTask {
        var unavailable: SubmitError? = nil
        for route in routes {
            do throws(SubmitError) {
                return LocatedTask(task: try await task(id: taskID, route: route, report: report), route: route)
            } catch {
                switch error {
                case .taskNotFound: continue
                case .lookupUnavailable: unavailable = error
                default: throw error
                }
            }
        }
        throw unavailable ?? .taskNotFound(id: taskID, route: routes.count == 1 ? routes.first : nil)
    }

    /// Asks each route in `routes`, in order, for the task whose `external_task_id` is
    /// `externalID` (in each of `forms`, see ``find(externalID:route:forms:report:)``); `nil` when
    /// the envelope says there is none on every route.
    ///
    /// - Throws: ``SubmitError/lookupUnavailable(endpoint:reason:)`` when no route has it and some
    ///   route could not tell, and the transport cases.
    public func locate(
        externalID: String, routes: [Route] = Route.allCases, forms: [LookupForm] = LookupForm.allCases,
        report: @Sendable (SubmitEvent) -> Void = { _ in }
    ) async throws(SubmitError) -> LocatedTask? {
        var unavailable: SubmitError? = nil
        for route in routes {
            switch try await find(externalID: externalID, route: route, forms: forms, report: report) {
            case .found(let located): return located
            case .notFound: continue
            case .unavailable(let endpoint, let reason):
                unavailable = .lookupUnavailable(endpoint: endpoint, reason: reason)
            }
        }
        if let unavailable { throw unavailable }
        return nil
    }
}
