import ArgumentParser
import Foundation
import KlingSubmit
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the commands write: people's text to stderr (a `\r` progress line only on a TTY),
/// machine output to stdout.
final class Console: Sendable {
    let json: Bool
    let streamJSON: Bool
    let isTTY: Bool
    private let openProgressLine = Mutex(false)

    init(json: Bool, streamJSON: Bool) {
        self.json = json
        self.streamJSON = streamJSON
        self.isTTY = isatty(STDERR_FILENO) == 1
    }

    func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func err(_ line: String) {
        let prefix = openProgressLine.withLock { open -> String in
            defer { open = false }
            return open ? "\n" : ""
        }
        FileHandle.standardError.write(Data((prefix + line + "\n").utf8))
    }

    func progress(_ line: String) {
        guard isTTY else { return err(line) }
        openProgressLine.withLock { $0 = true }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Renders one event.
    func handle(_ event: SubmitEvent) {
        if streamJSON, let line = ProgressFormatter.jsonLine(event) { out(line) }
        guard let text = ProgressFormatter.text(event) else { return }
        if case .status = event { progress(text) } else { err(text) }
    }

    func finish() {
        let open = openProgressLine.withLock { open -> Bool in
            defer { open = false }
            return open
        }
        if open { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// The error document printed on stdout with `--json`.
struct ErrorDocument: Encodable {
    struct Body: Encodable {
        let message: String
        let exitCode: Int32
        let serviceCode: Int?
        let taskID: String?
        enum CodingKeys: String, CodingKey {
            case message
            case exitCode = "exit_code"
            case serviceCode = "service_code"
            case taskID = "task_id"
        }
    }
    /// Always false: the same shape as every command's `--json` failure (`JSONFailure`).
    var ok = false
    let error: Body
}

enum CommandRunner {
    /// Runs `work` with SIGINT turned into task cancellation, prints errors (and a resume hint)
    /// and converts them into the documented exit codes.
    static func run(
        console: Console, resumeHint: @escaping @Sendable (SubmitError) -> String?,
        _ work: @escaping @Sendable () async throws -> Void
    ) async throws {
        signal(SIGINT, SIG_IGN)
        let task = Task { () async throws -> Void in try await work() }
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        let result = await task.result
        source.cancel()
        console.finish()
        switch result {
        case .success:
            return
        case .failure(let thrown):
            let error = (thrown as? SubmitError) ?? .interrupted(taskID: nil, externalID: nil)
            console.err("Error: \(error.description)")
            if let hint = resumeHint(error) { console.err(hint) }
            if console.json {
                var code: Int? = nil
                if case .service(let failure) = error { code = failure.code }
                var taskID: String? = nil
                switch error {
                case .interrupted(let t, _): taskID = t
                case .waitTimedOut(let t, _, _), .taskFailed(let t, _): taskID = t
                default: break
                }
                console.out(
                    ProgressFormatter.jsonDocument(
                        ErrorDocument(
                            error: .init(
                                message: error.description, exitCode: ExitCodes.code(for: error).rawValue,
                                serviceCode: code, taskID: taskID))))
            }
            throw ExitCodes.code(for: error)
        }
    }

    /// Runs `body` with a client that is shut down afterwards.
    static func withClient<T: Sendable>(
        _ options: SubmitOptions, _ body: (KlingClient) async throws -> T
    ) async throws -> T {
        let client = KlingClient(
            endpoint: try options.endpoint(), key: try options.apiKey(), settings: options.settings())
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        return try result.get()
    }

    /// `klingprep wait TASK -o DIR --journal FILE`, shell-quoted.
    static func waitCommand(taskID: String, output: String?, journal: Journal?) -> String {
        var parts = ["klingprep", "wait", quote(taskID)]
        if let output { parts += ["-o", quote(output)] }
        if let journal { parts += ["--journal", quote(journal.url.path)] }
        return parts.joined(separator: " ")
    }

    static func quote(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Text for a finished outcome.
    static func describe(_ outcome: SubmitOutcome) -> String {
        var lines: [String] = []
        let origin = outcome.origin.map { " (\($0.rawValue))" } ?? ""
        lines.append("Task \(outcome.taskID)\(origin): \(outcome.status.rawValue)")
        if let id = outcome.externalTaskID { lines.append("external_task_id: \(id)") }
        for video in outcome.videos where outcome.files.isEmpty {
            lines.append("video \(video.id): \(video.url)")
        }
        for file in outcome.files { lines.append("saved: \(file.path) (\(file.bytes) bytes)") }
        if let journal = outcome.journal { lines.append("journal: \(journal)") }
        return lines.joined(separator: "\n")
    }
}
