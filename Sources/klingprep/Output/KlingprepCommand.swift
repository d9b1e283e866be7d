import ArgumentParser

/// A `klingprep` subcommand: it parses, calls one library function and renders through the
/// one ``Console``; whatever it throws is printed by ``FailureReport``.
protocol KlingprepCommand: AsyncParsableCommand {
    /// The `--format`s this command takes; asking for another is a usage error (64).
    static var formats: [OutputFormat] { get }

    /// The command's name in messages (`hook serve`).
    static var formatCommandName: String { get }

    /// `--format` and `--json` as given.
    var formatOption: FormatOption { get }

    /// How this invocation writes: the format, the JSON style, streamed events.
    var consoleMode: Console.Mode { get }

    /// Does the work and prints its outcome on `console`.
    /// - Throws: an ``ExitCode`` after printing an outcome that is not ok (a report of
    ///   errors); any other error is a failure for ``FailureReport``.
    func run(on console: Console) async throws
}

extension KlingprepCommand {
    static var formatCommandName: String { configuration.commandName ?? "klingprep" }

    /// Refuses a format this command does not take, runs ``run(on:)``, and turns any error into
    /// its output and exit code.
    mutating func run() async throws {
        let console = Console(consoleMode)
        do {
            try formatOption.check(Self.formats, command: Self.formatCommandName)
            try await run(on: console)
        } catch {
            FailureReport.exit(with: error, on: console)
        }
    }
}
