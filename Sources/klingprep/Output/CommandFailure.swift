import ArgumentParser
import KlingRequest
import KlingSubmit

/// Why a command stopped, as ``FailureReport`` prints it: one sentence on stderr
/// (`Error: …`), a line of advice when there is one, the ``FailureDocument`` with `--json`,
/// and the exit code.
struct CommandFailure: Error, CustomStringConvertible {
    /// The sentence for people (also the document's `message`).
    var message: String
    /// The exit code, from ``ExitCodes``.
    var exitCode: ExitCode
    /// The service's business error code, when the service refused.
    var serviceCode: Int?
    /// The service's task the failure is about, when known.
    var taskID: String?
    /// What to do next, printed after the sentence (e.g. the command line that resumes).
    var advice: String?
    /// The sentence is already on stderr (as a finding line), so only the document is left.
    var isShown = false

    /// A failure of the input: exit 1 unless said otherwise.
    init(_ message: String, exitCode: ExitCode = ExitCodes.invalidInput, isShown: Bool = false) {
        self.message = message
        self.exitCode = exitCode
        self.isShown = isShown
    }

    /// A submitter error, with `advice` for what to do next.
    init(_ error: SubmitError, advice: String? = nil) {
        self.init(error.description, exitCode: ExitCodes.code(for: error))
        serviceCode = error.serviceCode
        taskID = error.taskID
        self.advice = advice
    }

    /// A request-module error: a file that cannot be read or an output that cannot be written.
    init(_ error: RequestError) {
        self.init(error.description, exitCode: ExitCodes.code(for: error))
    }

    var description: String { message }
}
