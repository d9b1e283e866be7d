import ArgumentParser

/// The stable exit codes of `klingprep` (design.md, "Outputs").
enum ExitCodes {
    /// The input is invalid: at least one error finding.
    static let invalidInput = ExitCode(1)
    /// The task failed at the service.
    static let taskFailed = ExitCode(2)
    /// The service could not be reached or refused the request.
    static let serviceUnavailable = ExitCode(3)
    /// Timed out waiting.
    static let timedOut = ExitCode(4)
    /// Usage error (ArgumentParser's validation failure).
    static let usage = ExitCode.validationFailure
}
