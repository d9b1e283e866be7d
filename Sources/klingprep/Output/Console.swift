import Foundation
import KlingSubmit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one writer of `klingprep`: a command's result on stdout (its JSON document with
/// `--json`, its document in another `--format`, else its text), everything else for people on stderr, and on a terminal one
/// progress line that rewrites itself (design.md, "Outputs").
final class Console: Sendable {
    /// How a command writes.
    struct Mode: Sendable {
        /// How JSON documents are laid out.
        enum Style: Sendable {
            /// Indented, one key per line: the documents of validate, build, inspect, mask, rules.
            case pretty
            /// One line per document: the submitter's commands, whose `--wait` output is JSON lines.
            case line
        }

        /// `--format` (or `--json`): what stdout carries.
        var format: OutputFormat
        /// The layout of JSON documents.
        var style: Style = .pretty
        /// Submitter events are also written as JSON lines on stdout (`--json` while waiting).
        var streamsEvents = false

        /// A mode for `format`; JSON lines (`jsonl`) are always one line per document.
        init(format: OutputFormat, style: Style = .pretty, streamsEvents: Bool = false) {
            self.format = format
            self.style = format == .jsonl ? .line : style
            self.streamsEvents = streamsEvents
        }

        /// stdout carries JSON (`json`, `jsonl`): exactly one JSON document, or, streaming, JSON lines.
        var json: Bool { format == .json || format == .jsonl }

        /// The mode when no command could be parsed: `--json`, `--format json` or
        /// `--format jsonl` anywhere on the command line.
        static var guessed: Mode { Mode(format: guessFormat(Array(CommandLine.arguments.dropFirst()))) }

        /// The format `arguments` ask for, read without a parser: `text` when none is clear.
        static func guessFormat(_ arguments: [String]) -> OutputFormat {
            if arguments.contains("--json") { return .json }
            for (index, argument) in arguments.enumerated() {
                let value: String?
                if argument.hasPrefix("--format=") {
                    value = String(argument.dropFirst("--format=".count))
                } else if argument == "--format", index + 1 < arguments.count {
                    value = arguments[index + 1]
                } else {
                    value = nil
                }
                if let format = value.flatMap(OutputFormat.init(rawValue:)) { return format }
            }
            return .text
        }
    }

    /// How this command writes.
    let mode: Mode
    /// stderr is a terminal: progress rewrites one line.
    let isTTY: Bool
    private let openProgressLine = Mutex(false)

    init(_ mode: Mode) {
        self.mode = mode
        self.isTTY = isatty(STDERR_FILENO) == 1
    }

    /// stdout carries JSON: `--json`, `--format json` or `--format jsonl`.
    var json: Bool { mode.json }

    /// The format stdout carries.
    var format: OutputFormat { mode.format }

    /// `text` as it is on stdout: a document written whole (XML), ending in a newline.
    func raw(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A line of the command's result on stdout.
    func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `value` as one JSON document on stdout (keys sorted, slashes unescaped), in the mode's style.
    /// - Throws: `EncodingError` when `value` cannot be encoded (a non-finite number).
    func document(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if mode.style == .pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }

    /// A line for people on stderr; an open progress line is ended first.
    func note(_ line: String) {
        let prefix = openProgressLine.withLock { open -> String in
            defer { open = false }
            return open ? "\n" : ""
        }
        FileHandle.standardError.write(Data((prefix + line + "\n").utf8))
    }

    /// The progress line: rewritten in place on a terminal, a plain line otherwise.
    func progress(_ line: String) {
        guard isTTY else { return note(line) }
        openProgressLine.withLock { $0 = true }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Renders one submitter event: its JSON line when streaming, its text for people.
    func handle(_ event: SubmitEvent) {
        if mode.streamsEvents, let line = ProgressFormatter.jsonLine(event) { out(line) }
        guard let text = ProgressFormatter.text(event) else { return }
        if case .status = event { progress(text) } else { note(text) }
    }

    /// Ends an open progress line.
    func finish() {
        let open = openProgressLine.withLock { open -> Bool in
            defer { open = false }
            return open
        }
        if open { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
