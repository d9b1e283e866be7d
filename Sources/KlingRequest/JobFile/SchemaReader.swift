import KlingCheck

/// Reads typed values out of a ``SourceNode`` tree, collecting every problem as a `Finding`
/// instead of stopping at the first, and remembering the line of every path it visits.
///
/// One reader serves job files (unknown keys are errors; YAML plain scalars may stand for
/// strings; `null` means absent) and raw bodies (unknown fields are warnings; JSON types are
/// strict).
struct SchemaReader {
    enum Dialect {
        case job
        case body

        var unknownKeyCode: String { self == .job ? RequestCode.jobUnknownKey : RequestCode.bodyUnknownField }
        var typeMismatchCode: String { self == .job ? RequestCode.jobTypeMismatch : RequestCode.bodyTypeMismatch }
        var missingFieldCode: String { self == .job ? RequestCode.jobMissingField : RequestCode.bodyMissingField }
    }

    let dialect: Dialect
    /// Everything found so far, in document order.
    private(set) var findings: [Finding] = []
    /// The 1-based line of each visited path (``JobPath/description``).
    private(set) var lines: [String: Int] = [:]
    /// The 1-based column (in Unicode scalars) of each visited path whose column is known.
    private(set) var columns: [String: Int] = [:]

    init(dialect: Dialect) { self.dialect = dialect }

    /// Adds `finding`, with its rule's source tag when the reading rules list its code.
    mutating func add(_ finding: Finding) {
        var sourced = finding
        if sourced.source == nil { sourced.source = ReadingRules.source(of: finding.code) }
        findings.append(sourced)
    }

    /// Records where `path` is, unless an earlier visit did: a key's place wins over its value's.
    mutating func note(_ path: JobPath, line: Int, column: Int? = nil) {
        guard lines[path.description] == nil else { return }
        lines[path.description] = line
        if let column { columns[path.description] = column }
    }

    /// The entries of a mapping by key. Reports a non-mapping, duplicate keys, and keys not in
    /// `known` (with a "did you mean").
    mutating func mapping(
        _ node: SourceNode, at path: JobPath, known: [String], unknownSeverity: Severity? = nil
    ) -> [String: SourceNode]? {
        note(path, line: node.line, column: node.column)
        guard case .mapping(let entries) = node.kind else {
            typeMismatch(node, at: path, expected: "a mapping of keys to values")
            return nil
        }
        var result: [String: SourceNode] = [:]
        for entry in entries {
            let entryPath = path.key(entry.key)
            note(entryPath, line: entry.keyLine, column: entry.keyColumn)
            if result[entry.key] != nil {
                add(
                    Finding(
                        .error, code: RequestCode.jobDuplicateKey, path: entryPath.findingPath,
                        message:
                            "line \(entry.keyLine): the key '\(entry.key)' appears a second time in the same mapping.",
                        fix: "Keep one '\(entry.key)'."))
                continue
            }
            guard known.contains(entry.key) else {
                unknownKey(entry, at: entryPath, known: known, severity: unknownSeverity)
                continue
            }
            result[entry.key] = entry.value
        }
        return result
    }

    private mutating func unknownKey(_ entry: SourceEntry, at path: JobPath, known: [String], severity: Severity?) {
        let suggestion = KeySuggestion.suggestion(for: entry.key, among: known, useAliases: dialect == .job)
        let scope = path.description.contains(".") || path.description.contains("[") ? " here" : ""
        let knownList = known.joined(separator: ", ")
        let severity = severity ?? (dialect == .job ? .error : .warning)
        let noun = dialect == .job ? "key" : "field"
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        add(
            Finding(
                severity, code: dialect.unknownKeyCode, path: path.findingPath,
                message: "line \(entry.keyLine): unknown \(noun) '\(entry.key)'\(hint); allowed\(scope): \(knownList).",
                fix: suggestion.map { "Did you mean '\($0)'?" } ?? "Remove or rename '\(entry.key)'."))
    }

    /// Reports a value of the wrong kind.
    mutating func typeMismatch(_ node: SourceNode, at path: JobPath, expected: String) {
        add(
            Finding(
                .error, code: dialect.typeMismatchCode, path: path.findingPath,
                message: "line \(node.line): \(label(path)) must be \(expected); found \(describe(node)).",
                fix: "Write \(label(path)) as \(expected)."))
    }

    /// Reports a required key that is absent from the mapping at `parent` (which starts at `line`).
    mutating func missing(_ key: String, in parent: JobPath, line: Int, column: Int? = nil, expected: String) {
        let path = parent.key(key)
        note(path, line: line, column: column)
        add(
            Finding(
                .error, code: dialect.missingFieldCode, path: path.findingPath,
                message: "line \(line): \(label(parent)) has no '\(key)'; it is required (\(expected)).",
                fix: "Add '\(key)'."))
    }

    /// A string; `nil` (with a finding) for other kinds. `null` is absent in a job.
    mutating func string(_ node: SourceNode, at path: JobPath) -> String? {
        note(path, line: node.line, column: node.column)
        if case .scalar(let scalar) = node.kind {
            if scalar.type == .string { return scalar.text }
            if dialect == .job, scalar.type == .null { return nil }
            if dialect == .job, scalar.plainYAML { return scalar.text }
        }
        typeMismatch(node, at: path, expected: "a string")
        return nil
    }

    /// An integer; `nil` (with a finding) for other kinds. `null` is absent in a job.
    mutating func integer(_ node: SourceNode, at path: JobPath, expected: String = "an integer") -> Int? {
        note(path, line: node.line, column: node.column)
        if case .scalar(let scalar) = node.kind {
            if scalar.type == .integer, let value = scalar.integer { return value }
            if dialect == .job, scalar.type == .null { return nil }
        }
        typeMismatch(node, at: path, expected: expected)
        return nil
    }

    /// A boolean (`true`/`false`); `nil` (with a finding) for other kinds.
    mutating func boolean(_ node: SourceNode, at path: JobPath, expected: String = "true or false") -> Bool? {
        note(path, line: node.line, column: node.column)
        if case .scalar(let scalar) = node.kind {
            if scalar.type == .bool { return ["true", "yes", "on"].contains(scalar.text.lowercased()) }
            if dialect == .job, scalar.type == .null { return nil }
        }
        typeMismatch(node, at: path, expected: expected)
        return nil
    }

    /// A number (integer or not); `nil` (with a finding) for other kinds.
    mutating func number(_ node: SourceNode, at path: JobPath, expected: String = "a number") -> Double? {
        note(path, line: node.line, column: node.column)
        if case .scalar(let scalar) = node.kind {
            if scalar.type == .integer || scalar.type == .float, let value = scalar.number { return value }
            if dialect == .job, scalar.type == .null { return nil }
        }
        typeMismatch(node, at: path, expected: expected)
        return nil
    }

    /// An integer or a string, as text (job `duration: 5` or `duration: "5"`).
    mutating func integerOrString(_ node: SourceNode, at path: JobPath, expected: String) -> String? {
        note(path, line: node.line, column: node.column)
        if case .scalar(let scalar) = node.kind {
            if scalar.type == .integer || scalar.type == .string { return scalar.text }
            if dialect == .job, scalar.type == .null { return nil }
            if dialect == .job, scalar.plainYAML, scalar.type != .bool { return scalar.text }
        }
        typeMismatch(node, at: path, expected: expected)
        return nil
    }

    /// The items of a list; `nil` (with a finding) for other kinds.
    mutating func sequence(_ node: SourceNode, at path: JobPath, expected: String) -> [SourceNode]? {
        note(path, line: node.line, column: node.column)
        if case .sequence(let items) = node.kind { return items }
        if dialect == .job, case .scalar(let scalar) = node.kind, scalar.type == .null { return [] }
        typeMismatch(node, at: path, expected: expected)
        return nil
    }

    /// Records the line of each item of a list.
    mutating func noteItems(_ items: [SourceNode], at path: JobPath) {
        for (index, item) in items.enumerated() { note(path.index(index), line: item.line, column: item.column) }
    }

    private func label(_ path: JobPath) -> String {
        path.findingPath.map { "'\($0)'" } ?? "the document"
    }

    /// "a string (\"thirty\")", "a list of 3 items", …
    private func describe(_ node: SourceNode) -> String {
        switch node.kind {
        case .mapping(let entries): "a mapping with \(entries.count) key\(entries.count == 1 ? "" : "s")"
        case .sequence(let items): "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .scalar(let scalar):
            scalar.type == .null ? "null" : "\(scalar.type.name) (\(Quote.short(scalar.text)))"
        }
    }
}
