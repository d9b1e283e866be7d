import Foundation
import KlingSubmit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one writer of `klingprep`: a command's result on stdout (its JSON document with
/// `--json`, else its text), everything else for people on stderr, and on a terminal one
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

        /// `--json`: stdout carries exactly one JSON document (or, streaming, JSON lines).
        var json: Bool
        /// The layout of JSON documents.
        var style: Style = .pretty
        /// Submitter events are also written as JSON lines on stdout (`--json` while waiting).
        var streamsEvents = false

        /// The mode when no command could be parsed: `--json` anywhere on the command line.
        static var guessed: Mode { Mode(json: CommandLine.arguments.dropFirst().contains("--json")) }
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

    /// `--json` was given.
    var json: Bool { mode.json }

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
