import ArgumentParser
import KlingRequest
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
        case .missingAPIKey, .missingKlingKeys, .apiKeyFileUnreadable, .apiKeyEmpty, .apiKeyMalformed,
            .invalidBaseURL, .insecureBaseURL, .backendMismatch:
            usage
        case .bodyUnreadable, .bodyNotJSONObject, .bodyMalformed, .bodyExternalIDInvalid, .bodyRouteMismatch,
            .bodyRouteUnknown, .externalIDReused, .journalCorrupt, .journalUnreadable, .fileNotWritable,
            .stateFileUnreadable:
            invalidInput
        case .service(let failure):
            // 1200–1203: the service refused the request as invalid (api.md, "Errors").
            failure.family == .badRequest ? invalidInput : serviceUnavailable
        case .gateway(let failure):
            // invalid_request (any status) and 400: fix the body (api.md, "Errors", [C-err]).
            failure.isInvalidRequest ? invalidInput : serviceUnavailable
        case .httpStatus, .malformedResponse, .unreachable, .connectionLost, .requestTimedOut, .retriesExhausted,
            .taskNotFound, .lookupUnavailable, .duplicateExternalIDUnresolved, .clockSkew, .attemptNotRuledOut,
            .downloadFailed,
            .downloadSizeMismatch, .downloadTooLarge:
            serviceUnavailable
        case .taskFailed, .taskHasNoVideo, .existingTaskFailed:
            taskFailed
        case .waitTimedOut:
            timedOut
        case .interrupted:
            interrupted
        }
    }

    /// The exit code of a request-module error: the input (a job or body file) cannot be read,
    /// or an output cannot be written, so the command could not judge or build it.
    static func code(for error: RequestError) -> ExitCode {
        switch error {
        case .unreadable, .tooLarge, .writeFailed: invalidInput
        }
    }

    /// True for ArgumentParser's own errors: a usage error (64) or a request for help (0).
    static func isParserError(_ error: any Error) -> Bool {
        Klingprep.exitCode(for: error) != ExitCode.failure
    }

    /// The exit code ArgumentParser gives its own error: ``usage``, or ``ok`` for `--help`.
    static func code(forParserError error: any Error) -> ExitCode {
        Klingprep.exitCode(for: error) == ok ? ok : usage
    }
}
