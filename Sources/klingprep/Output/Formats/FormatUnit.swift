import KlingCheck

/// One finding with the place it points at: a file (as given on the command line or named in
/// a job) and, when known, a 1-based line and a 1-based column (Unicode scalars).
struct LocatedFinding: Sendable, Hashable {
    /// The finding as the checks made it.
    var finding: Finding
    /// The file the finding points into; `nil` for a command-line job.
    var file: String?
    /// 1-based line in `file`; `nil` for a finding about a whole file.
    var line: Int?
    /// 1-based column in `file`, counted in Unicode scalars; `nil` when unknown.
    var column: Int?

    init(_ finding: Finding, file: String?, line: Int? = nil, column: Int? = nil) {
        self.finding = finding
        self.file = file
        self.line = line
        self.column = column
    }
}

/// One thing that was judged: a job file, a raw body, an image; a batch's job.
struct FormatUnit: Sendable {
    /// The name shown, e.g. the input path as given (`jobs/a.yaml`), or `(flags)`.
    var name: String
    /// The file findings point into by default (a unit without findings still names it).
    var file: String?
    /// One word for people and machines: `valid`, `invalid`, `built`, `failed`, `pass`, `fail`,
    /// `error`.
    var status: String
    /// The unit did not pass: blocking findings, or it could not be judged (``errored``).
    var failed: Bool
    /// Every finding of the unit, in report order.
    var findings: [LocatedFinding]
    /// How long judging the unit took, in seconds, when measured.
    var seconds: Double?
    /// A line more: a task id, or the error message of a unit that ``errored``.
    var detail: String?
    /// The unit could not be judged at all (an unreadable file, a service error): a JUnit
    /// `<error>`, a SARIF tool notification. Implies ``failed``.
    var errored = false

    /// The findings that make the unit fail: errors, and with `strict` warnings too.
    func blocking(strict: Bool) -> [LocatedFinding] {
        findings.filter { $0.finding.severity == .error || (strict && $0.finding.severity == .warning) }
    }

    /// A unit that could not be judged: `message` says why (``detail``).
    static func error(name: String, file: String?, message: String, seconds: Double? = nil) -> FormatUnit {
        FormatUnit(
            name: name, file: file, status: "error", failed: true, findings: [], seconds: seconds, detail: message,
            errored: true)
    }
}

/// What one run judged, for the writers of `--format github|junit|sarif|jsonl`: the command,
/// every unit in order, and whether warnings block (`--strict`).
struct FormatReport: Sendable {
    /// The subcommand, e.g. `validate` (`klingprep.validate` in JUnit).
    var command: String
    /// The units, in the order they were given.
    var units: [FormatUnit]
    /// `--strict`: warnings block too.
    var strict = false
    /// The whole run's duration in seconds, when measured; else the sum of the units'.
    var seconds: Double?

    /// ``seconds``, or the sum of the units' measured seconds.
    var totalSeconds: Double { seconds ?? units.compactMap(\.seconds).reduce(0, +) }

    /// Every finding of every unit, in order.
    var findings: [LocatedFinding] { units.flatMap(\.findings) }
}
