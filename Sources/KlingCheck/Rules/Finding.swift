/// How serious a ``Finding`` is.
///
/// `error` stops `build` and `submit`; `warning` and `info` do not (design.md, "Checks").
public enum Severity: String, Sendable, Codable, Hashable, Comparable, CaseIterable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One result of a check: what rule, where, what was seen, and how to fix it.
///
/// Every module that checks something reports `Finding`s rather than throwing, so a whole job
/// can be reported at once (design.md, "Checks").
public struct Finding: Sendable, Codable, Hashable {
    /// `error`, `warning` or `info`.
    public var severity: Severity
    /// Stable machine-readable code, e.g. `image.too_small`. Pipelines match on it; never rename.
    public var code: String
    /// Where in the job the finding applies, e.g. `images[2]` or `brushes.dynamic[1].path`;
    /// `nil` when the finding is about a lone file (e.g. `klingprep inspect`).
    public var path: String?
    /// One sentence naming the rule, the value seen and what is allowed.
    public var message: String
    /// What to do about it, when there is something to do.
    public var fix: String?
    /// The api.md source tag of the rule (`[K]`, `[C-mi-old]`, …), when a rule of the rule book
    /// made the finding.
    public var source: String?

    public init(
        _ severity: Severity, code: String, path: String? = nil, message: String, fix: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.path = path
        self.message = message
        self.fix = fix
    }

    /// The same finding placed at another path (used when a module's findings are gathered
    /// into a job's report).
    public func at(_ path: String?) -> Finding {
        var copy = self
        copy.path = path
        return copy
    }
}

extension Sequence where Element == Finding {
    /// True when any finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// True when the findings stop `build` and `submit`: any error, or with `strict`
    /// (`--strict`) any warning too.
    public func blocks(strict: Bool) -> Bool {
        contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }
}
