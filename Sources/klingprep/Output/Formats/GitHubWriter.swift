import KlingCheck

/// `--format github`: GitHub Actions workflow commands, one line per finding
/// (`::error file=F,line=L,col=C,title=CODE::message`; `::warning`, `::notice` for info), one
/// `::error` line per unit that could not be judged, and a last summary line that is plain
/// text, not a command.
enum GitHubWriter {
    /// Every line of `report`, the summary last.
    static func lines(_ report: FormatReport) -> [String] {
        report.units.flatMap(lines) + [summary(report)]
    }

    /// One unit's annotations: one per finding, and an error for a unit that could not be
    /// judged or that failed without a blocking finding of its own (a batch's failed task).
    static func lines(_ unit: FormatUnit) -> [String] {
        var lines = unit.findings.map(command)
        if (unit.errored || unit.failed) && unit.blocking(strict: true).isEmpty {
            lines.append(
                command(
                    "error", file: unit.file, line: nil, column: nil, title: "klingprep",
                    message: "\(unit.name): \(unit.detail ?? (unit.errored ? "could not be checked" : unit.status))"))
        }
        return lines
    }

    /// The workflow command of one finding; the message carries the finding's path and fix.
    static func command(_ located: LocatedFinding) -> String {
        let finding = located.finding
        let level =
            switch finding.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
        var message = (finding.path.map { "\($0): " } ?? "") + finding.message
        if let fix = finding.fix { message += "\nfix: \(fix)" }
        return command(
            level, file: located.file, line: located.line, column: located.column, title: finding.code,
            message: message)
    }

    /// `::LEVEL file=…,line=…,col=…,title=…::MESSAGE`, each property only when known.
    static func command(
        _ level: String, file: String?, line: Int?, column: Int?, title: String, message: String
    ) -> String {
        var properties: [String] = []
        if let file { properties.append("file=\(escapeProperty(file))") }
        if file != nil, let line {
            properties.append("line=\(line)")
            if let column { properties.append("col=\(column)") }
        }
        properties.append("title=\(escapeProperty(title))")
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// A command's message: `%` → `%25`, CR → `%0D`, LF → `%0A` (the runner's `escapeData`).
    static func escapeData(_ text: String) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "%": "%25"
            case "\r": "%0D"
            case "\n": "%0A"
            default: nil
            }
        }
    }

    /// A property value: as ``escapeData(_:)``, and `:` → `%3A`, `,` → `%2C` (the runner's
    /// `escapeProperty`).
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingScalars { scalar in
            switch scalar {
            case ":": "%3A"
            case ",": "%2C"
            default: nil
            }
        }
    }

    /// `klingprep validate: 1 of 2 failed (3 errors, 1 warning)`: never starts with `::`.
    static func summary(_ report: FormatReport) -> String {
        let findings = report.findings.map(\.finding)
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let failed = report.units.filter(\.failed).count
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return
            "klingprep \(report.command): \(failed) of \(report.units.count) failed "
            + "(\(count(errors, "error")), \(count(warnings, "warning")))"
    }
}
