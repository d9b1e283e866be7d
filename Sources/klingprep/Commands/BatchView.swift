import Foundation
import KlingBatch
import KlingCheck
import KlingRequest
import KlingSubmit

/// How `klingprep batch` shows itself: a line per finished job (text) or a JSON line (`--jsonl`)
/// on stdout, the batch's notable events and, on a terminal, one progress line on stderr; the
/// summary (or the one `--json` document) at the end.
struct BatchView: Sendable {
    let console: Console
    let strict: Bool

    /// A line for people on stderr.
    func note(_ line: String) { console.note(line) }

    /// Renders one event of the runner: a finished job at once in text, JSON lines and GitHub
    /// annotations; JSON, JUnit and SARIF wait for ``finish(_:)``.
    func handle(_ event: BatchEvent) {
        switch event {
        case .finished(let result, let done, let total):
            switch console.format {
            case .text: console.out(Self.text(result, done: done, total: total))
            case .jsonl: if let line = try? Self.line(result) { console.out(line) }
            case .github: GitHubWriter.lines(Self.unit(result)).forEach(console.out)
            case .json, .junit, .sarif: break
            }
        case .progress(let progress):
            if console.isTTY { console.progress(Self.text(progress)) }
        case .submission(let input, let event):
            switch event {
            case .status, .sending, .prepared: return
            default: break
            }
            if let text = ProgressFormatter.text(event) { console.note("\(input): \(text)") }
        }
    }

    /// The end: the summary for people (text, github), the `--json` document, the `--jsonl`
    /// summary line, or the JUnit or SARIF document of every job.
    func finish(_ document: BatchDocument) throws {
        console.finish()
        switch console.format {
        case .json: try console.document(document)
        case .jsonl:
            struct Last: Encodable { var summary: BatchSummary }
            try console.document(Last(summary: document.summary))
        case .text: Self.summary(document.summary).forEach(console.out)
        // A plain line after the annotations, as `validate --format github` ends.
        case .github: Self.summary(document.summary).forEach(console.out)
        case .junit, .sarif:
            try FormatOutput.write(
                FormatReport(command: "batch", units: document.jobs.map(Self.unit), strict: strict), on: console)
            Self.summary(document.summary).forEach(console.note)
        }
    }

    /// A job as a unit of the github, JUnit and SARIF writers.
    static func unit(_ result: BatchJobResult) -> FormatUnit {
        let unreadable = result.findings.first { $0.finding.code == RequestCode.jobUnreadable }?.finding.message
        let detail = [result.taskID.map { "task \($0)" }, result.message, unreadable].compactMap { $0 }
            .joined(separator: "; ")
        return FormatUnit(
            name: result.input, file: result.file, status: result.status.rawValue, failed: !result.ok,
            findings: result.findings.map {
                LocatedFinding($0.finding, file: result.file, line: $0.line, column: $0.column)
            },
            seconds: result.seconds, detail: detail.isEmpty ? nil : detail,
            // A job file that could not be read is a JUnit <error> and a SARIF notification, as
            // for `validate`; its status stays `invalid` (exit 1).
            errored: result.status == .error || unreadable != nil)
    }

    /// One job as a JSON line.
    static func line(_ result: BatchJobResult) throws -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// `[12/200] invalid  jobs/b.yaml: 2 errors` and the job's findings.
    static func text(_ result: BatchJobResult, done: Int, total: Int) -> String {
        let width = String(total).count
        let counter = "[\(String(done).leftPadded(to: width))/\(total)]"
        var head =
            "\(counter) \(result.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(result.input)"
        var facts: [String] = []
        let errors = result.findings.filter { $0.finding.severity == .error }.count
        let warnings = result.findings.filter { $0.finding.severity == .warning }.count
        if errors > 0 { facts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { facts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if let taskID = result.taskID { facts.append("task \(taskID)") }
        if let cost = result.cost { facts.append("cost \(Self.number(cost))") }
        if !result.files.isEmpty { facts.append("\(result.files.count) video\(result.files.count == 1 ? "" : "s")") }
        if !facts.isEmpty { head += ": " + facts.joined(separator: ", ") }
        var lines = [head]
        for located in result.findings where located.finding.severity != .info {
            lines.append(FindingText.line(located.finding, indent: "    "))
        }
        if let message = result.message { lines.append("    \(message)") }
        return lines.joined(separator: "\n")
    }

    /// `batch: 37/200 done · 4 running · rate limit: 8 s · ETA 2 min`
    static func text(_ progress: BatchProgress) -> String {
        var parts = ["batch: \(progress.done)/\(progress.total) done"]
        if progress.running > 0 { parts.append("\(progress.running) running") }
        if progress.pace.rateLimitWait > 0 {
            parts.append("rate limit: waiting \(Int(progress.pace.rateLimitWait.rounded(.up))) s")
        }
        if progress.pace.concurrencyWait > 0 {
            parts.append("concurrency limit: waiting up to \(Int(progress.pace.concurrencyWait.rounded(.up))) s")
        }
        if let remaining = progress.remaining { parts.append("ETA \(duration(remaining))") }
        return parts.joined(separator: " · ")
    }

    /// The summary for people: counts by status, cost, the most frequent finding codes.
    static func summary(_ summary: BatchSummary) -> [String] {
        let counts = BatchJobResult.Status.allCases.compactMap { status -> String? in
            let n = summary.counts[status, default: 0]
            return n > 0 ? "\(n) \(status.rawValue)" : nil
        }
        var lines = ["\(summary.total) job\(summary.total == 1 ? "" : "s"): " + counts.joined(separator: ", ")]
        if let shard = summary.shard { lines[0] += " (shard \(shard); \(summary.otherShards) in other shards)" }
        if let cost = summary.cost { lines.append("cost: \(number(cost))") }
        let codes = summary.findingsByCode.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if !codes.isEmpty {
            let more = codes.count > 10 ? ", and \(codes.count - 10) more codes (--json lists them all)" : ""
            lines.append(
                "findings: " + codes.prefix(10).map { "\($0.key) ×\($0.value)" }.joined(separator: ", ") + more)
        }
        return lines
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Int(seconds.rounded(.up))) s" }
        if seconds < 3600 { return "\(Int((seconds / 60).rounded(.up))) min" }
        return String(format: "%.1f h", seconds / 3600)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
