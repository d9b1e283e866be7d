import ArgumentParser

/// What a command writes on stdout (`--format`).
enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Lines for people (the default).
    case text
    /// One JSON document (`--json`); the submitter's commands stream JSON lines while waiting.
    case json
    /// One JSON object per line: one per item (`inspect`: per image), or the submitter's events.
    case jsonl
    /// GitHub Actions workflow commands, one `::error …::message` line per finding.
    case github
    /// One JUnit XML document: a test case per unit judged.
    case junit
    /// One SARIF 2.1.0 log: the rule book and a result per finding.
    case sarif

    /// The formats a command that judges units with findings (inspect, validate, build) takes.
    static let findingFormats: [OutputFormat] = [.text, .json, .github, .junit, .sarif]
}

/// `--format text|json|jsonl|github|junit|sarif` and its older spelling `--json`, shared by every
/// command; each command says which formats it takes (``KlingprepCommand/formats``).
struct FormatOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "What stdout carries: text, json, jsonl, github, junit or sarif (the formats each command takes are in the README).",
            valueName: "format"))
    var format: OutputFormat?

    @Flag(help: "The same as --format json.")
    var json = false

    /// The format asked for: `--format`, else `json` for `--json`, else `text`.
    var resolved: OutputFormat { format ?? (json ? .json : .text) }

    func validate() throws {
        if json, let format, format != .json {
            throw ValidationError("--json means --format json; give one of --json and --format \(format.rawValue)")
        }
    }

    /// Refuses a format `command` does not take: a usage error naming the command, the format
    /// asked for and the formats it takes.
    /// - Throws: ``CommandFailure`` with exit code 64.
    func check(_ supported: [OutputFormat], command: String) throws(CommandFailure) {
        let asked = resolved
        guard !supported.contains(asked) else { return }
        let names = supported.map(\.rawValue).joined(separator: ", ")
        throw CommandFailure(
            "\(command) does not write --format \(asked.rawValue); it takes \(names)", exitCode: ExitCodes.usage)
    }
}
