import KlingRequest

extension OutputFormat {
    /// The formats written from a ``FormatReport`` by ``FormatOutput``: github, junit, sarif.
    var writesUnits: Bool { self == .github || self == .junit || self == .sarif }
}

/// Writes a ``FormatReport`` on stdout in the console's format, and the run around it: a
/// failure to read the input becomes a unit that errored, still written in that format.
enum FormatOutput {
    /// `report` on `console`: github lines, one JUnit document, one SARIF log, or JSON lines
    /// (one per unit). Text and JSON are each command's own.
    /// - Throws: `EncodingError` when the SARIF log or a line cannot be encoded.
    static func write(_ report: FormatReport, on console: Console) throws {
        switch console.format {
        case .github: GitHubWriter.lines(report).forEach(console.out)
        case .junit: console.raw(JUnitWriter.document(report))
        case .sarif: try console.document(SARIFWriter.log(report))
        case .jsonl: try JSONLinesWriter.lines(report).forEach(console.out)
        case .text, .json: preconditionFailure("\(console.format) is written by the command itself")
        }
    }

    /// Runs `body`. When the console's format ``OutputFormat/writesUnits`` and `body` cannot read
    /// its input (a `RequestError`), a report of one unit that errored (`name`, `file`, the
    /// error's sentence) is written before the error goes on to ``FailureReport`` (same exit
    /// code, its sentence on stderr).
    static func judging(
        command: String, name: String, file: String?, strict: Bool, on console: Console,
        _ body: () async throws -> Void
    ) async throws {
        let started = ContinuousClock.now
        do {
            try await body()
        } catch let error as RequestError where console.format.writesUnits {
            let unit = FormatUnit.error(
                name: name, file: file, message: error.description, seconds: started.secondsSince)
            try write(FormatReport(command: command, units: [unit], strict: strict), on: console)
            throw error
        }
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    var secondsSince: Double {
        let elapsed = ContinuousClock.now - self
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
