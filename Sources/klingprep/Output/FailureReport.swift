import ArgumentParser
import Foundation
import KlingRequest
import KlingSubmit

/// The one place where a thrown error becomes what `klingprep` prints and its exit code.
enum FailureReport {
    /// Prints `error` through `console` and ends the process with its exit code.
    ///
    /// A thrown ``ExitCode`` means the command has printed its outcome (a report that says
    /// `ok: false`): nothing more is printed. ArgumentParser's own errors (usage, `--help`) are
    /// printed by ArgumentParser, with the usage. Every other error is one `Error: …` sentence
    /// on stderr, its advice, and with `--json` the one ``FailureDocument`` on stdout.
    static func exit(with error: any Error, on console: Console) -> Never {
        console.finish()
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        guard let failure = failure(for: error) else {
            let code = ExitCodes.code(forParserError: error)
            if console.json, code != ExitCodes.ok {
                try? console.document(FailureDocument(CommandFailure(Klingprep.message(for: error), exitCode: code)))
            }
            Klingprep.exit(withError: error)
        }
        if !failure.isShown { console.note("Error: \(failure.message)") }
        if let advice = failure.advice { console.note(advice) }
        if console.json { try? console.document(FailureDocument(failure)) }
        Foundation.exit(failure.exitCode.rawValue)
    }

    /// `error` as a ``CommandFailure``; `nil` for ArgumentParser's own errors.
    static func failure(for error: any Error) -> CommandFailure? {
        switch error {
        case let failure as CommandFailure: failure
        case let error as SubmitError: CommandFailure(error)
        case let error as RequestError: CommandFailure(error)
        case is CancellationError: CommandFailure(SubmitError.interrupted(taskID: nil, externalID: nil))
        case _ where ExitCodes.isParserError(error): nil
        default: CommandFailure(Klingprep.message(for: error))
        }
    }
}
