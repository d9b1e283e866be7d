public import KlingCheck

/// A job read from a file or built from arguments, with everything found while reading and
/// checking its fields.
///
/// When ``findings`` hold errors the job may be partial: values that could not be read are
/// absent, and unreadable list entries are kept as empty placeholders so that indexes match
/// the file.
public struct JobDocument: Sendable {
    /// The job as read.
    public var job: Job
    /// Reading problems and field findings, each reported once (see ``JobFile/load(path:)``).
    public var findings: [Finding]
    /// The 1-based line of each key path read from the file (`"images[1]"` → 7); empty for a
    /// command-line job.
    public var lines: [String: Int]
    /// The 1-based column (in Unicode scalars) of each key path in ``lines`` whose column is
    /// known (`"images[1]"` → 5: where the value starts; a key's entry: where the key starts);
    /// empty for a command-line job and for JSON that only Foundation could read.
    public var columns: [String: Int]
    /// The job file's path as given, or `nil` for a command-line job; messages for people name it.
    public var sourcePath: String?
    /// The job file's format; `nil` for a command-line job.
    public var format: JobFormat?

    /// Creates a document.
    public init(
        job: Job, findings: [Finding], lines: [String: Int] = [:], columns: [String: Int] = [:],
        format: JobFormat? = nil
    ) {
        self.job = job
        self.findings = findings
        self.lines = lines
        self.columns = columns
        self.format = format
    }

    /// The line of `path`, or of its nearest enclosing path that was read.
    public func line(of path: String) -> Int? { FindingLines.line(of: path, in: lines) }

    /// The line and column of `path`, or of its nearest enclosing path that was read; `nil`
    /// when no enclosing path has a line (a command-line job). The column is that of the same
    /// path as the line, `nil` when unknown.
    public func location(of path: String) -> SourceLocation? {
        FindingLines.location(of: path, lines: lines, columns: columns)
    }

    /// Where `finding` points: its path's location, else the line its message starts with
    /// (`line 3: …`, e.g. a syntax error), else `nil` (the file as a whole).
    public func place(of finding: Finding) -> SourceLocation? {
        Self.place(of: finding, location: location(of:))
    }

    /// `finding`'s place by `location` (a job's or a raw body's), else the line its message names.
    public static func place(of finding: Finding, location: (String) -> SourceLocation?) -> SourceLocation? {
        if let path = finding.path, let place = location(path) { return place }
        return FindingLines.lineNamed(in: finding.message).map { SourceLocation(line: $0, column: nil) }
    }

    /// `findings` with "line N: " put before each message whose path has a known line and whose
    /// message does not already start with one. Use it for the image and brush modules'
    /// findings before they join the report.
    public func withLines(_ findings: [Finding]) -> [Finding] { FindingLines.annotate(findings, lines: lines) }
}

/// Puts source lines into finding messages (`Finding` has no line field of its own).
enum FindingLines {
    /// The line of `path`, or of its nearest enclosing path in `lines`.
    static func line(of path: String, in lines: [String: Int]) -> Int? {
        location(of: path, lines: lines, columns: [:])?.line
    }

    /// The line of `path`, or of its nearest enclosing path in `lines`, with that path's column.
    /// N of a message that starts `line N: `.
    static func lineNamed(in message: String) -> Int? {
        guard message.hasPrefix("line ") else { return nil }
        let digits = message.dropFirst("line ".count).prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, message.dropFirst("line ".count + digits.count).hasPrefix(":") else { return nil }
        return Int(digits)
    }

    static func location(of path: String, lines: [String: Int], columns: [String: Int]) -> SourceLocation? {
        var current = Substring(path)
        while !current.isEmpty {
            let key = String(current)
            if let line = lines[key] { return SourceLocation(line: line, column: columns[key]) }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            current = current[..<cut]
        }
        return nil
    }

    /// `findings` with "line N: " before each message that has a known line and none yet.
    static func annotate(_ findings: [Finding], lines: [String: Int]) -> [Finding] {
        findings.map { finding in
            guard let path = finding.path, !finding.message.hasPrefix("line "),
                let line = line(of: path, in: lines)
            else { return finding }
            var copy = finding
            copy.message = "line \(line): " + finding.message
            return copy
        }
    }
}

/// A place in a job file or body: a 1-based line and, when known, a 1-based column counted in
/// Unicode scalars (as libyaml counts them).
public struct SourceLocation: Sendable, Hashable {
    /// 1-based line.
    public var line: Int
    /// 1-based column in Unicode scalars; `nil` when only the line is known.
    public var column: Int?

    /// A location.
    public init(line: Int, column: Int? = nil) {
        self.line = line
        self.column = column
    }
}
