import ArgumentParser
import KlingSubmit

/// The stable exit codes of `klingprep` (design.md, "Outputs"), and the one table that maps the
/// libraries' outcomes and errors onto them. No library type knows a process exit code.
enum ExitCodes {
    /// Success.
    static let ok = ExitCode.success
    /// The input is invalid: error findings, or the service refused the request as invalid.
    static let invalidInput = ExitCode(1)
    /// The task failed at the service.
    static let taskFailed = ExitCode(2)
    /// The service could not be reached, refused the credentials, or a lookup was unavailable.
    static let serviceUnavailable = ExitCode(3)
    /// Timed out waiting.
    static let timedOut = ExitCode(4)
    /// Usage error (ArgumentParser's validation failure; also a missing or unusable key or base URL).
    static let usage = ExitCode.validationFailure
    /// Interrupted (SIGINT), 128 + 2.
    static let interrupted = ExitCode(130)

    /// The exit code of a submitter error. Exhaustive on purpose: a new case needs a decision.
    static func code(for error: SubmitError) -> ExitCode {
        switch error {
        case .missingAPIKey, .apiKeyFileUnreadable, .apiKeyEmpty, .apiKeyMalformed, .invalidBaseURL,
            .insecureBaseURL:
            usage
        case .bodyUnreadable, .bodyNotJSONObject, .bodyMalformed, .bodyExternalIDInvalid, .bodyRouteMismatch,
            .bodyRouteUnknown, .externalIDReused, .journalCorrupt, .journalUnreadable, .fileNotWritable:
            invalidInput
        case .service(let failure):
            // 1200–1203: the service refused the request as invalid (api.md, "Errors").
            failure.family == .badRequest ? invalidInput : serviceUnavailable
        case .httpStatus, .malformedResponse, .unreachable, .connectionLost, .requestTimedOut, .retriesExhausted,
            .taskNotFound, .lookupUnavailable, .duplicateExternalIDUnresolved, .downloadFailed,
            .downloadSizeMismatch, .downloadTooLarge:
            serviceUnavailable
        case .taskFailed, .taskHasNoVideo:
            taskFailed
        case .waitTimedOut:
            timedOut
        case .interrupted:
            interrupted
        }
    }
}
