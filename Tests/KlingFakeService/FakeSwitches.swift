/// The body of the fake's own refusals (api.md, "Errors").
public enum FakeDialect: Sendable, Equatable {
    /// Kling's envelope `{"code": Int, "message", "request_id"}`.
    case envelope
    /// CometAPI's gateway body `{"error": {"code": String, "message", "type"}}` [C-err].
    case gateway
}

/// What a path the fake does not serve answers (api.md, "Errors": "A wrong path may come back
/// as a 301 or an HTML page rather than a JSON 404").
public enum FakeUnknownPathAnswer: Sendable, Equatable {
    /// Hummingbird's own 404 with an empty, non-JSON body.
    case plain404
    /// A 404 whose body is an HTML page (`text/html`).
    case html404
    /// A 301 to an https URL (``FakeKlingService/redirectTarget`` plus the path).
    case redirect301
}

/// How `GET {path}?external_task_id=ID` answers (api.md, "Follow a task": only public clients
/// use this form; no source documents its answer).
public enum FakeQueryLookupMode: Sendable, Equatable {
    /// The single task whose external id is ID, or the envelope's 404 with code 1203.
    case task
    /// The parameter is ignored and the route's task list answers (`data` is an array), as
    /// Kling's list route would.
    case list
    /// The form is not served: the answer is ``FakeUnknownPathAnswer`` (HTML, 301, plain 404).
    case off
}

/// The two forms of a lookup by external id (api.md, "Follow a task").
public enum FakeLookupForm: Sendable, Hashable, CaseIterable {
    /// `GET {path}/{id}` whose id is not the task id of any task on that route.
    case path
    /// `GET {path}?external_task_id=ID`, whatever ``FakeQueryLookupMode`` answers.
    case query
}

/// The per-test switches, kept in ``FakeState`` behind the service's lock. The defaults are
/// the fake's behaviour before these switches existed.
struct FakeSwitches: Sendable {
    var refusalDialect = FakeDialect.envelope
    var unknownPath = FakeUnknownPathAnswer.plain404
    var pathLookupByExternalID = false
    var queryLookup = FakeQueryLookupMode.task
    var timestampsAsStrings = false
    var clockOffset: Double = 0
    var concurrencyLimit: Int?
    var callbackRepeats = 1
    var callbackReorder = false
    var downloadRedirects = 0
    var acceptsReusedExternalID = false
}
