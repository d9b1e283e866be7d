public import Foundation
public import KlingCheck

/// Every way the submitter can fail to do its job.
///
/// Each case carries the evidence a person needs (the path, the endpoint, the status or code
/// seen). No case ever carries the API key or a request body. The cases are grouped by what went
/// wrong; which process exit code that is, is the command line's business.
public enum SubmitError: Error, Sendable, Equatable {
    // MARK: Usage and configuration

    /// No API key: neither `COMETAPI_KEY` nor `--api-key-file` was given.
    case missingAPIKey
    /// No Kling key pair: `missing` names the environment variables not set (and no
    /// `--api-key-file` was given).
    case missingKlingKeys(missing: [String])
    /// The journal says the task was created at another backend or base URL than this run talks
    /// to; asking this one would say nothing about it.
    case backendMismatch(taskID: String, recorded: String, current: String)
    /// The key file could not be read.
    case apiKeyFileUnreadable(path: String, reason: String)
    /// The key file or variable held nothing but white space.
    case apiKeyEmpty(source: String)
    /// The key holds spaces or control characters (e.g. a second line); it is never shown.
    case apiKeyMalformed(source: String)
    /// The base URL could not be parsed or has no host.
    case invalidBaseURL(String, reason: String)
    /// Plain `http://` to a host that is not loopback.
    case insecureBaseURL(String)

    // MARK: Invalid input

    /// The request body file could not be read.
    case bodyUnreadable(path: String, reason: String)
    /// The body is not a JSON object (`found` describes the first significant byte).
    case bodyNotJSONObject(path: String, found: String)
    /// The body is not well-formed JSON at `offset` (bytes from the start).
    case bodyMalformed(path: String, offset: Int, reason: String)
    /// The body's own `external_task_id` is not a usable string.
    case bodyExternalIDInvalid(path: String, reason: String)
    /// The body carries `field`, the image field of the other route, but is to be sent to `route`.
    case bodyRouteMismatch(path: String, route: Route, field: String)
    /// No route was given and the body's shape names none: neither a top-level `image`
    /// (image2video) nor `image_list` (multi-image2video), or both (`hasBoth`).
    case bodyRouteUnknown(path: String, hasBoth: Bool)
    /// The body's `external_task_id` was already sent with another body (the journal says so);
    /// the service would refuse it, since the id must be unique per user.
    case externalIDReused(externalID: String, taskID: String?)
    /// The journal exists but a line in it could not be read.
    case journalCorrupt(path: String, line: Int, reason: String)
    /// The journal path names something that cannot be read as a file (a folder, a FIFO, a
    /// device) or the file cannot be opened.
    case journalUnreadable(path: String, reason: String)
    /// A state file of the tool (doctor's findings, the hook's secret) exists but cannot be read.
    case stateFileUnreadable(path: String, reason: String)
    /// A file or directory the command must write could not be written.
    case fileNotWritable(path: String, reason: String)

    // MARK: The service refused or could not be reached

    /// The service answered with a Kling business error (api.md, "Errors").
    case service(ServiceFailure)
    /// The service answered in CometAPI's gateway dialect (api.md, "Errors", [C-err]).
    case gateway(GatewayFailure)
    /// A freshly signed token was refused as not yet valid (1003) twice: this machine's clock is
    /// off.
    case clockSkew(endpoint: String)
    /// The service answered with an HTTP status and no recognisable error envelope.
    case httpStatus(endpoint: String, status: Int, requestID: String?)
    /// The service's answer could not be decoded.
    case malformedResponse(endpoint: String, status: Int, reason: String)
    /// The connection could not be made (refused, DNS, TLS).
    case unreachable(endpoint: String, reason: String)
    /// The connection broke while the exchange was under way.
    case connectionLost(endpoint: String, reason: String)
    /// One request took longer than its timeout.
    case requestTimedOut(endpoint: String, seconds: Double)
    /// The retry budget (attempts or overall deadline) ran out; `last` is the last failure.
    case retriesExhausted(endpoint: String, attempts: Int, last: String)
    /// The service's envelope says there is no task `id` on `route` (`nil`: on either route).
    case taskNotFound(id: String, route: Route?)
    /// A look-up was answered with something that is not the service's answer to it (an HTML
    /// page, a redirect, a plain 404, a task with another external id): that says nothing about
    /// whether the task exists (api.md, "Follow a task"), so nothing is sent again.
    case lookupUnavailable(endpoint: String, reason: String)
    /// The lookup before the first POST could not tell whether the task exists, and the journal
    /// records an earlier attempt with this external id, so a POST could create it twice
    /// (api.md, "Follow a task"). `journalState` says what the journal knows.
    case attemptNotRuledOut(externalID: String, journalState: String, endpoint: String, reason: String)
    /// The service says the external id exists but no task with it can be found.
    case duplicateExternalIDUnresolved(externalID: String)
    /// A video download failed.
    case downloadFailed(url: String, reason: String)
    /// A download ended with a different size than announced (bytes).
    case downloadSizeMismatch(url: String, expected: Int64, received: Int64)
    /// A download is larger than the configured limit (bytes).
    case downloadTooLarge(url: String, limit: Int64)

    // MARK: The task failed at the service

    /// The task ended in `failed`; `message` is the service's `task_status_msg`.
    case taskFailed(taskID: String, message: String?)
    /// A task found by the job's external id (an earlier attempt) has failed; it is not adopted
    /// as this run's answer. `--force-new` creates another one.
    case existingTaskFailed(taskID: String, externalID: String, message: String?)
    /// The task succeeded but lists no video.
    case taskHasNoVideo(taskID: String)

    // MARK: Timed out

    /// `--timeout` passed while waiting; the task goes on at the service.
    case waitTimedOut(taskID: String, seconds: Double, lastStatus: String)

    // MARK: Interrupted

    /// SIGINT or task cancellation; the journal is consistent and the work can be resumed.
    case interrupted(taskID: String?, externalID: String?)
}

extension SubmitError: CustomStringConvertible, LocalizedError {
    /// One or two sentences a person can act on. Never contains the key.
    public var description: String {
        switch self {
        case .externalIDReused(let externalID, let taskID):
            return "external_task_id \(externalID) was already sent with a different body"
                + (taskID.map { " (task \($0))" } ?? "")
                + "; the service needs a new id per task. Change external_task_id in the job, or pass --force-new for a fresh one."
        case .missingKlingKeys(let missing):
            return
                "No Kling keys: set \(missing.joined(separator: " and ")), or pass --api-key-file FILE with KLING_ACCESS_KEY=… and KLING_SECRET_KEY=… lines (keys are never taken as flag values)."
        case .backendMismatch(let taskID, let recorded, let current):
            return
                "The journal records task \(taskID) at \(recorded), but this run talks to \(current); that service cannot know it. Pass the journal's --backend (and --base-url), or --journal of this service."
        case .gateway(let failure):
            return failure.sentence
        case .clockSkew(let endpoint):
            return
                "\(endpoint) refused two freshly signed tokens as not yet valid (code 1003): this machine's clock is off. Set it right (e.g. enable NTP) and run again."
        case .attemptNotRuledOut(let externalID, let journalState, let endpoint, let reason):
            return
                "Not sending: the journal records an earlier attempt with external_task_id \(externalID) (\(journalState)), and the lookup at \(endpoint) cannot tell whether that attempt created a task (\(reason)). Look for the id in the service's dashboard (task list) or run `klingprep doctor`; pass --force-new only if you are sure no task exists."
        case .existingTaskFailed(let taskID, let externalID, let message):
            return
                "The task \(taskID) with external_task_id \(externalID) (an earlier attempt of this body) failed at the service\(message.map { ": \($0)" } ?? ""). It is not taken as this run's result; pass --force-new to create a new task."
        case .missingAPIKey:
            return "No API key: set COMETAPI_KEY or pass --api-key-file FILE (the key is never taken as a plain flag)."
        case .apiKeyFileUnreadable(let path, let reason):
            return "Cannot read the API key file \(path): \(reason)."
        case .apiKeyMalformed(let source):
            return
                "The API key from \(source) contains spaces, line breaks or control characters; a key is one word (it is not shown here)."
        case .apiKeyEmpty(let source):
            return "The API key from \(source) is empty."
        case .invalidBaseURL(let url, let reason):
            return "The base URL \(Self.withoutCredentials(url)) is not usable: \(reason)."
        case .insecureBaseURL(let url):
            return
                "Refusing plain http:// for \(Self.withoutCredentials(url)): the key would travel unencrypted. Use https://, or http:// only to 127.0.0.1, ::1 or localhost."
        case .bodyUnreadable(let path, let reason):
            return "Cannot read the request body \(path): \(reason)."
        case .bodyNotJSONObject(let path, let found):
            return "The request body \(path) is not a JSON object (found \(found)); the service expects {…}."
        case .bodyMalformed(let path, let offset, let reason):
            return "The request body \(path) is not valid JSON at byte \(offset): \(reason)."
        case .bodyExternalIDInvalid(let path, let reason):
            return "The external_task_id in \(path) is not usable: \(reason)."
        case .bodyRouteMismatch(let path, let route, let field):
            return
                "The request body \(path) has a top-level \(field), a field of the other route, but is to be sent to \(route). Build the body for \(route), or send it to the route its fields belong to."
        case .bodyRouteUnknown(let path, let hasBoth):
            let shape =
                hasBoth
                ? "has both a top-level image (image2video) and image_list (multi-image2video)"
                : "has neither a top-level image (image2video) nor image_list (multi-image2video)"
            return "The request body \(path) \(shape), so its route is unknown. Keep the one image field of its route."
        case .journalCorrupt(let path, let line, let reason):
            return
                "The journal \(path) has an unreadable record on line \(line): \(reason). Fix or move the file; it is append-only and never rewritten."
        case .journalUnreadable(let path, let reason):
            return "Cannot read the journal \(path): \(reason). Give --journal the path of a regular file."
        case .stateFileUnreadable(let path, let reason):
            return "Cannot read the state file \(path): \(reason)."
        case .fileNotWritable(let path, let reason):
            return "Cannot write \(path): \(reason)."
        case .service(let failure):
            return failure.sentence
        case .httpStatus(let endpoint, let status, _) where status == 401 || status == 403:
            return
                "The service refused the credentials (HTTP \(status) from \(endpoint)). Check COMETAPI_KEY, or KLING_ACCESS_KEY and KLING_SECRET_KEY for --backend kling, or --api-key-file."
        case .httpStatus(let endpoint, let status, let requestID):
            return "The service answered HTTP \(status) to \(endpoint)\(requestID.map { " (request id \($0))" } ?? "")."
        case .malformedResponse(let endpoint, let status, let reason):
            return "The service's answer to \(endpoint) (HTTP \(status)) could not be read: \(reason)."
        case .unreachable(let endpoint, let reason):
            return "Cannot reach the service at \(endpoint): \(reason). Check the network and --base-url."
        case .connectionLost(let endpoint, let reason):
            return "The connection to \(endpoint) broke: \(reason)."
        case .requestTimedOut(let endpoint, let seconds):
            return "\(endpoint) did not answer within \(Self.format(seconds)) s."
        case .retriesExhausted(let endpoint, let attempts, let last):
            return "Gave up on \(endpoint) after \(attempts) attempt\(attempts == 1 ? "" : "s"); last: \(last)"
        case .taskNotFound(let id, let route):
            let place = route.map { " on \($0)" } ?? " on either route"
            let check = route == nil ? "" : ", the route (--route)"
            return
                "The service knows no task \(id)\(place). Check the id\(check) and that the key belongs to the same account."
        case .lookupUnavailable(let endpoint, let reason):
            return
                "The look-up at \(endpoint) is unavailable: \(reason), so it cannot tell whether the task exists; nothing is sent on that basis. Check --base-url (and --route, --backend), or run `klingprep doctor`."
        case .duplicateExternalIDUnresolved(let externalID):
            return
                "The service already has a task with external_task_id \(externalID), but it could not be found to adopt it. Look it up with `klingprep status --external-id \(externalID)`."
        case .downloadFailed(let url, let reason):
            return "Downloading \(url) failed: \(reason)."
        case .downloadSizeMismatch(let url, let expected, let received):
            return
                "Downloading \(url) ended after \(received) of \(expected) bytes; nothing was kept. Run the command again."
        case .downloadTooLarge(let url, let limit):
            return "The video at \(url) is larger than the limit of \(limit) bytes; nothing was kept."
        case .taskFailed(let taskID, let message):
            return "Task \(taskID) failed at the service\(message.map { ": \($0)" } ?? " (no reason given")."
        case .taskHasNoVideo(let taskID):
            return "Task \(taskID) succeeded but lists no video."
        case .waitTimedOut(let taskID, let seconds, let lastStatus):
            return
                "Stopped waiting for task \(taskID) after \(Self.format(seconds)) s (last status: \(lastStatus)); it goes on at the service."
        case .interrupted(let taskID, let externalID):
            if let taskID {
                return "Interrupted while following task \(taskID); the journal is consistent."
            }
            if let externalID {
                return
                    "Interrupted before the service confirmed external_task_id \(externalID); the journal is consistent and a re-run adopts the task if it exists."
            }
            return "Interrupted; nothing was sent."
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }

    /// `url` with any `user:password@` replaced by `<redacted>@`.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
            return url
        }
        let authority = url[scheme.upperBound..<at]
        guard !authority.contains("/") else { return url }
        return String(url[..<scheme.upperBound]) + "<redacted>" + String(url[at...])
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
