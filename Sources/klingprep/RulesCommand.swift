import ArgumentParser
import KlingCheck
import KlingRequest

/// `klingprep rules [--format text|json|sarif]`: the whole rule book, with each rule's severity on each route
/// and backend and its source in api.md.
struct RulesCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule KlingPrep checks, with its severity per route and backend and its source.",
        discussion: "Sources are the tags of docs/api.md: [K] Kling's reference, [C-mi]/[C-i2v] CometAPI's current "
            + "pages, [C-mi-old] the older CometAPI page, [P] public clients; 'KlingPrep' marks our own choices.")

    @OptionGroup var formatOption: FormatOption

    static let formats: [OutputFormat] = [.text, .json, .sarif]

    /// `--json` or `--format json`.
    private var json: Bool { formatOption.resolved == .json }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        let rows = RuleBook.all.map(RuleRow.init)
        if json {
            try console.document(RulesDocument(rules: rows))
            return
        }
        if console.format == .sarif {
            // The rule book alone: the tool's rules, no results.
            try FormatOutput.write(FormatReport(command: "rules", units: []), on: console)
            return
        }
        for row in rows {
            console.out("\(row.code)  (\(row.source))")
            console.out("  \(row.fact)")
            let cells = row.severities.map { "\($0.route)/\($0.backend): \($0.severity ?? "-")" }
            console.out("  " + cells.joined(separator: "  "))
            if let fix = row.fix { console.out("  fix: \(fix)") }
        }
        console.out("\(rows.count) rules.")
    }
}

/// `rules --json`.
struct RulesDocument: Encodable {
    var rules: [RuleRow]
}

/// One rule as `klingprep rules` shows it.
struct RuleRow: Encodable {
    struct Cell: Encodable {
        var route: String
        var backend: String
        var severity: String?
        var severityWithOptIn: String?

        enum CodingKeys: String, CodingKey {
            case route, backend, severity
            case severityWithOptIn = "severity_with_allow_undocumented"
        }
    }

    var code: String
    var fact: String
    var source: String
    var fix: String?
    var severities: [Cell]

    init(_ rule: Rule) {
        code = rule.code
        fact = rule.fact
        source = rule.source
        fix = rule.fix
        severities = Route.allCases.flatMap { route in
            Backend.allCases.map { backend in
                let plain = rule.severity(in: RuleContext(route: route, backend: backend))
                let optIn = rule.severity(in: RuleContext(route: route, backend: backend, allowUndocumented: true))
                return Cell(
                    route: route.rawValue, backend: backend.rawValue, severity: plain?.rawValue,
                    severityWithOptIn: optIn == plain ? nil : optIn?.rawValue)
            }
        }
    }
}
