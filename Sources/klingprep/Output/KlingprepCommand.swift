import ArgumentParser

/// A `klingprep` subcommand: it parses, calls one library function and renders through the
/// one ``Console``; whatever it throws is printed by ``FailureReport``.
protocol KlingprepCommand: AsyncParsableCommand {
    /// How this invocation writes: `--json`, the JSON style, streamed events.
    var consoleMode: Console.Mode { get }

    /// Does the work and prints its outcome on `console`.
    /// - Throws: an ``ExitCode`` after printing an outcome that is not ok (a report of
    ///   errors); any other error is a failure for ``FailureReport``.
    func run(on console: Console) async throws
}

extension KlingprepCommand {
    /// Runs ``run(on:)`` and turns any error into its output and exit code.
    mutating func run() async throws {
        let console = Console(consoleMode)
        do {
            try await run(on: console)
        } catch {
            FailureReport.exit(with: error, on: console)
        }
    }
}
