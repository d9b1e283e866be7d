import ArgumentParser
import Foundation
import KlingSubmit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `klingprep hook …`: the callback receiver (api.md, "Callback").
struct HookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook", abstract: "Receive the service's task callbacks (callback_url).",
        subcommands: [HookServeCommand.self])
}

/// `klingprep hook serve --listen HOST:PORT --journal FILE -o DIR [--state FILE] [--public-base URL]`
struct HookServeCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Listen for task callbacks; confirm each with the service, journal it, download finished videos.",
        discussion: """
            Each callback is only a hint: the task is looked up with your own key, its status is \
            written to the journal as `wait` would, and a succeeded task's videos are saved in -o DIR. \
            Callbacks for tasks the journal does not know change nothing. The server answers only \
            POST /hook/<secret>, the secret path kept in the state file (mode 0600); behind a reverse \
            proxy at a sub-path, strip that prefix. Stop with Ctrl-C (SIGINT) or SIGTERM: queued \
            callbacks are finished first.
            """)

    @Option(name: .long, help: "Address to listen on, HOST:PORT (e.g. 127.0.0.1:8787, [::1]:8787; port 0: a free one).")
    var listen: String

    @Option(
        name: .shortAndLong, help: "Directory to save the videos of succeeded tasks in.", completion: .directory)
    var output: String

    @Option(
        name: .long,
        help:
            "The hook's state file with the secret callback path (default: hook.json in $KLINGPREP_STATE_DIR, $XDG_STATE_HOME/klingprep or ~/.local/state/klingprep)."
    )
    var state: String?

    @Option(
        name: .long,
        help:
            "The public base URL the service reaches this server at (https://, or http:// to loopback); prints the full callback URL to paste."
    )
    var publicBase: String?

    @OptionGroup var service: BackendOption

    @OptionGroup var options: SubmitOptions

    func validate() throws {
        do throws(HookError) {
            _ = try HookListenAddress(parsing: listen)
            if let publicBase { _ = try HookState.publicBase(publicBase) }
        } catch {
            throw ValidationError(error.description)
        }
        if options.journal == nil {
            throw ValidationError(
                "hook serve needs --journal FILE: the journal `submit` writes. Callbacks for tasks it does not know are ignored."
            )
        }
        if output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-o is empty; give the directory to save videos in.")
        }
    }

    static let formats: [OutputFormat] = [.text, .json, .jsonl]

    var formatOption: FormatOption { options.formatOption }

    static let formatCommandName = "hook serve"

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved, style: .line) }

    func run(on console: Console) async throws {
        let (opts, listen, publicBase, backend) = (options, listen, publicBase, service.backend)
        let address = try Self.checked { () throws(HookError) in try HookListenAddress(parsing: listen) }
        let stateURL = state.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? HookState.defaultURL()
        let hookState = try Self.checked { () throws(HookError) in try HookState.loadOrCreate(at: stateURL) }
        let callbackURL = try publicBase.map { base in
            try Self.checked { () throws(HookError) in try hookState.callbackURL(base: base) }
        }
        guard let journal = opts.journalFile(defaultFor: nil) else {
            throw CommandFailure("hook serve needs --journal FILE.", exitCode: ExitCodes.usage)
        }
        // Credentials and base URL are checked before listening.
        _ = try opts.endpoint(backend)
        _ = try opts.credentials(backend)
        let directory = URL(fileURLWithPath: output).standardizedFileURL
        if !FileManager.default.fileExists(atPath: journal.url.path) {
            console.note(
                "Note: the journal \(journal.url.path) does not exist yet; callbacks are ignored until submit writes it."
            )
        }
        let configuration = HookServerConfiguration(address: address, secretPath: hookState.secretPath)
        let report = HookText.reporter(console)
        try await SubmitterRun.run(console: console) {
            let result = try await SubmitterRun.withClient(opts, backend: backend) {
                client throws(SubmitError) -> HookError? in
                let submitter = Submitter(client: client, journal: journal, report: console.handle)
                let processor = CallbackProcessor(submitter: submitter, outputDirectory: directory, report: report)
                let server: HookServer
                do throws(HookError) {
                    server = try await HookServer.start(
                        configuration: configuration, processor: processor, report: report)
                } catch {
                    return error
                }
                let listening = ServeDocument(
                    listening: server.address.description, port: server.address.port, stateFile: stateURL.path,
                    callbackURL: callbackURL, journal: journal.url.path, output: directory.path)
                if opts.json { try? console.document(listening) } else { console.out(HookText.describe(listening)) }
                let terminate = Self.onSIGTERM { server.stop() }
                await server.run()
                terminate.cancel()
                let statistics = await processor.statistics
                if opts.json { try? console.document(StoppedDocument(stopped: statistics)) }
                return nil
            }
            if let result { throw Self.failure(result) }
        }
    }

    /// Calls `handler` on SIGTERM until the returned source is cancelled.
    private static func onSIGTERM(_ handler: @escaping @Sendable () -> Void) -> any DispatchSourceSignal {
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        return source
    }

    /// Runs `body`, turning its ``HookError`` into a ``CommandFailure``.
    private static func checked<T>(_ body: () throws(HookError) -> T) throws(CommandFailure) -> T {
        do throws(HookError) {
            return try body()
        } catch {
            throw failure(error)
        }
    }

    /// A hook error as the command's failure: a bad flag value is a usage error (64), anything
    /// else a failure of the input or the machine (1).
    static func failure(_ error: HookError) -> CommandFailure {
        switch error {
        case .invalidListenAddress, .invalidPublicBase, .insecurePublicBase:
            CommandFailure(error.description, exitCode: ExitCodes.usage)
        case .stateUnreadable, .stateMalformed, .stateNotWritable, .bindFailed:
            CommandFailure(error.description, exitCode: ExitCodes.invalidInput)
        }
    }
}

/// What `hook serve` prints once it listens (one JSON line with `--json`).
struct ServeDocument: Encodable {
    /// `HOST:PORT` as bound.
    var listening: String
    /// The bound port.
    var port: Int
    /// The state file holding the secret path.
    var stateFile: String
    /// The full callback URL, only when `--public-base` was given.
    var callbackURL: String?
    /// The journal read and written.
    var journal: String
    /// Where videos go.
    var output: String

    enum CodingKeys: String, CodingKey {
        case listening, port, journal, output
        case stateFile = "state_file"
        case callbackURL = "callback_url"
    }
}

/// What `hook serve --json` prints when it stops.
struct StoppedDocument: Encodable {
    var stopped: HookStatistics
}
