public import KlingCheck

/// What became of one job: the `jobs[]` entry of `batch --json`, `--jsonl` and `summary.json`.
public struct BatchJobResult: Sendable, Encodable {
    /// A job's outcome (the stable `status` values).
    public enum Status: String, Sendable, Encodable, CaseIterable, Comparable {
        /// `--validate-only`: no errors (with `--strict`: no warnings either).
        case valid
        /// Errors (or, with `--strict`, warnings): nothing was built or sent.
        case invalid
        /// `--build`: the request body and its outputs are written.
        case built
        /// `--submit` without `--wait`: the task exists at the service (created or adopted).
        case submitted
        /// The task succeeded (and with `--wait`, its videos are downloaded).
        case succeed
        /// The task failed at the service.
        case failed
        /// `--wait` stopped waiting before the task ended; it goes on at the service.
        case timedOut = "timed_out"
        /// The job could not be judged or sent: an unreadable file, an unwritable output, a
        /// service error.
        case error

        public static func < (lhs: Status, rhs: Status) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// A finding with where it is in the job's file.
    public struct LocatedFinding: Sendable, Encodable {
        public var finding: Finding
        /// 1-based line in ``BatchJobResult/file``, when known.
        public var line: Int?
        /// 1-based column, when known.
        public var column: Int?

        public init(_ finding: Finding, line: Int? = nil, column: Int? = nil) {
            self.finding = finding
            self.line = line
            self.column = column
        }

        enum CodingKeys: String, CodingKey {
            case severity, code, path, message, fix, source, line, column
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(finding.severity, forKey: .severity)
            try container.encode(finding.code, forKey: .code)
            try container.encodeIfPresent(finding.path, forKey: .path)
            try container.encode(finding.message, forKey: .message)
            try container.encodeIfPresent(finding.fix, forKey: .fix)
            try container.encodeIfPresent(finding.source, forKey: .source)
            try container.encodeIfPresent(line, forKey: .line)
            try container.encodeIfPresent(column, forKey: .column)
        }
    }

    /// The job as reports name it (``BatchJob/input``).
    public var input: String
    /// The file its findings point into (the job file, or the manifest).
    public var file: String
    public var status: Status
    /// The route of the body, when the job could be read.
    public var route: Route?
    /// The task's id at the service, when there is one.
    public var taskID: String?
    /// The `external_task_id` sent (derived from the body's content unless the job set one).
    public var externalTaskID: String?
    /// `final_unit_deduction` of a succeeded task, when the service reports it.
    public var cost: Double?
    /// Every finding of the job's checks.
    public var findings: [LocatedFinding]
    /// Why the job is `error`, `failed` or `timed_out`, in a sentence.
    public var message: String?
    /// The job's build folder (`--build`, `--submit`), when written.
    public var output: String?
    /// Downloaded videos.
    public var files: [String]
    /// Seconds spent on the job in this run.
    public var seconds: Double

    /// A result; findings and files empty, nothing sent.
    public init(input: String, file: String, status: Status) {
        self.input = input
        self.file = file
        self.status = status
        findings = []
        files = []
        seconds = 0
    }

    enum CodingKeys: String, CodingKey {
        case input, file, status, route, cost, findings, message, output, files, seconds
        case taskID = "task_id"
        case externalTaskID = "external_task_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(file, forKey: .file)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(route, forKey: .route)
        try container.encodeIfPresent(taskID, forKey: .taskID)
        try container.encodeIfPresent(externalTaskID, forKey: .externalTaskID)
        try container.encodeIfPresent(cost, forKey: .cost)
        try container.encode(findings, forKey: .findings)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(output, forKey: .output)
        if !files.isEmpty { try container.encode(files, forKey: .files) }
        try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
    }

    /// True when the job's outcome is what was asked for.
    public var ok: Bool {
        switch status {
        case .valid, .built, .submitted, .succeed: true
        case .invalid, .failed, .timedOut, .error: false
        }
    }
}
