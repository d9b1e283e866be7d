import ArgumentParser
import Foundation
import KlingCheck
import KlingSubmit

/// Flags shared by the submitter's subcommands.
struct SubmitOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Service base URL (default: $\(ServiceEndpoint.environmentVariable), else the backend's: \(ServiceEndpoint.defaultBaseURL) for cometapi, Kling's region for kling); http:// only to loopback."
    )
    var baseURL: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Kling's region for --backend kling: sg (\(KlingRegion.sg.baseURL), default), cn (\(KlingRegion.cn.baseURL)) or legacy (\(KlingRegion.legacy.baseURL)).",
            valueName: "region"))
    var region: KlingRegion = .sg

    @Option(
        name: .long,
        help:
            "File holding the credentials: the CometAPI key, or KLING_ACCESS_KEY=... and KLING_SECRET_KEY=... lines (default: $\(APIKey.environmentVariable), or $\(KlingKeys.accessKeyVariable) and $\(KlingKeys.secretKeyVariable)). Keys are never taken as flag values."
    )
    var apiKeyFile: String?

    @Option(
        name: .long, help: "Journal file (JSON lines). Default for submit: klingprep-journal.jsonl next to the body.")
    var journal: String?

    /// `--format` / `--json`: machine output on stdout, one JSON document, or JSON lines while waiting.
    @OptionGroup var formatOption: FormatOption

    /// stdout carries JSON: `--json`, `--format json` or `--format jsonl` (the same lines).
    var json: Bool { formatOption.resolved == .json || formatOption.resolved == .jsonl }

    @Option(name: .long, help: "Give up after this many seconds, retries included (waiting: exit 4; the task goes on).")
    var timeout: Double?

    @Option(
        name: .long, help: ArgumentHelp("First poll interval in seconds (grows to --poll-max).", visibility: .hidden))
    var pollInterval: Double = 5

    @Option(name: .long, help: ArgumentHelp("Longest poll interval in seconds.", visibility: .hidden))
    var pollMax: Double = 30

    @Option(name: .long, help: ArgumentHelp("First retry delay in seconds.", visibility: .hidden))
    var retryDelay: Double = 1

    @Option(name: .long, help: ArgumentHelp("Timeout of one request in seconds.", visibility: .hidden))
    var requestTimeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Timeout of establishing a connection in seconds.", visibility: .hidden))
    var connectTimeout: Double = 5

    /// The longest time any of the durations may be: a day (and finite).
    static let longestSeconds: Double = 86_400

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= Self.longestSeconds) {
            throw ValidationError(
                "--timeout is \(timeout); it must be a number of seconds above 0 and at most \(Int(Self.longestSeconds))."
            )
        }
        let durations = [pollInterval, pollMax, requestTimeout, connectTimeout]
        guard durations.allSatisfy({ $0 > 0 && $0 <= Self.longestSeconds }), retryDelay >= 0,
            retryDelay <= Self.longestSeconds
        else {
            throw ValidationError(
                "Intervals and timeouts must be positive numbers of seconds, at most \(Int(Self.longestSeconds)).")
        }
    }

    var timeoutDuration: Duration? { timeout.map { .milliseconds(Int64($0 * 1000)) } }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The default overall limit of a wait (60 minutes; `--timeout` changes it).
    static let defaultWait: Duration = .seconds(3600)

    func endpoint(_ backend: Backend) throws(SubmitError) -> ServiceEndpoint {
        try ServiceEndpoint.resolve(backend: backend, region: region, flag: baseURL, environment: environment)
    }

    /// The credentials of `backend`; a key file others can read is loaded with a warning on
    /// stderr.
    func credentials(_ backend: Backend) throws(SubmitError) -> Credentials {
        let file = apiKeyFile.map { URL(fileURLWithPath: $0) }
        let credentials = try Credentials.load(backend: backend, file: file, environment: environment)
        if let file, let warning = KeyFilePermissions.warning(for: file) {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        return credentials
    }

    func journalFile(defaultFor body: URL?) -> Journal? {
        if let journal { return Journal(url: URL(fileURLWithPath: journal).standardizedFileURL) }
        return body.map { Journal.defaultJournal(forBody: $0) }
    }

    func settings() -> ClientSettings {
        ClientSettings(
            requestTimeout: .milliseconds(Int64(requestTimeout * 1000)),
            connectTimeout: .milliseconds(Int64(connectTimeout * 1000)),
            retry: RetryPolicy(
                initialDelay: .milliseconds(Int64(retryDelay * 1000)),
                overallDeadline: timeout.map { .milliseconds(Int64($0 * 1000)) } ?? .seconds(600)))
    }

    func pollSchedule() -> PollSchedule {
        PollSchedule(initial: .milliseconds(Int64(pollInterval * 1000)), maximum: .milliseconds(Int64(pollMax * 1000)))
    }
}
