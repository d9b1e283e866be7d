public import KlingCheck

/// Where a body is going: the route, the backend, and whether the job opted in to fields only
/// an older page documents. Every rule's severity is decided against one context.
public struct RuleContext: Sendable, Hashable, Codable {
    /// The create route the body is for.
    public var route: Route
    /// The service the body is for.
    public var backend: Backend
    /// `allow_undocumented_fields: true` / `--allow-undocumented`: fields that only an older
    /// page lists are sent and reported as warnings instead of errors (api.md, "Routes").
    public var allowUndocumented: Bool

    /// A context; CometAPI and documented fields only by default.
    public init(route: Route, backend: Backend = .cometapi, allowUndocumented: Bool = false) {
        self.route = route
        self.backend = backend
        self.allowUndocumented = allowUndocumented
    }
}

/// One API rule as data: its code, the fact it checks, its severity on each route and backend,
/// the usual fix, and its source tag from api.md.
///
/// Severity follows api.md's rule: an error is what the current documentation of the chosen
/// route and backend refuses; what only an older page or another source refuses is a warning
/// that names that source. A rule that does not apply somewhere has no severity there.
public struct Rule: Sendable, Hashable, Identifiable {
    /// Where a severity applies: `nil` route or backend means "any".
    public struct Scope: Sendable, Hashable {
        /// The route, or `nil` for every route.
        public var route: Route?
        /// The backend, or `nil` for every backend.
        public var backend: Backend?
        /// Only when the job opted in to undocumented fields (`true`), only when it did not
        /// (`false`), or either (`nil`).
        public var allowUndocumented: Bool?
        /// The severity there, or `nil` when the rule is not checked there.
        public var severity: Severity?

        /// A scope; the first scope of a rule that matches a context decides.
        public init(
            route: Route? = nil, backend: Backend? = nil, allowUndocumented: Bool? = nil, _ severity: Severity?
        ) {
            self.route = route
            self.backend = backend
            self.allowUndocumented = allowUndocumented
            self.severity = severity
        }

        func matches(_ context: RuleContext) -> Bool {
            (route.map { $0 == context.route } ?? true) && (backend.map { $0 == context.backend } ?? true)
                && (allowUndocumented.map { $0 == context.allowUndocumented } ?? true)
        }
    }

    /// The stable finding code, `KEY.what` with the job key it is about (`images.too_small`).
    public let code: String
    /// What is checked, in one sentence (`klingprep rules` prints it).
    public let fact: String
    /// The api.md source tags, e.g. `[K], [C-mi-old]`, or `KlingPrep` for our own choices.
    public let source: String
    /// The usual fix; a check may give a more specific one.
    public let fix: String?
    /// Severity by scope, first match wins; no match means `fallback`.
    public let scopes: [Scope]
    /// Severity where no scope matches (`nil`: not checked there).
    public let fallback: Severity?

    /// The rule's identity is its code.
    public var id: String { code }

    /// A rule with one severity everywhere, or per scope.
    public init(
        _ code: String, _ severity: Severity?, fact: String, source: String, fix: String? = nil,
        scopes: [Scope] = []
    ) {
        self.code = code
        self.fallback = severity
        self.fact = fact
        self.source = source
        self.fix = fix
        self.scopes = scopes
    }

    /// The rule's severity in `context`, or `nil` when it is not checked there.
    public func severity(in context: RuleContext) -> Severity? {
        scopes.first { $0.matches(context) }.map(\.severity) ?? fallback
    }

    /// A finding of this rule in `context`, or `nil` when the rule is not checked there.
    ///
    /// - Parameters:
    ///   - message: one sentence with the value seen and what is allowed.
    ///   - path: where in the job or body (`images[0]`, `static_mask`).
    ///   - fix: a fix for this case; the rule's own ``fix`` when `nil`.
    public func finding(
        _ message: String, at path: String?, fix: String? = nil, in context: RuleContext
    ) -> Finding? {
        guard let severity = severity(in: context) else { return nil }
        var finding = Finding(severity, code: code, path: path, message: message, fix: fix ?? self.fix)
        finding.source = source
        return finding
    }
}
