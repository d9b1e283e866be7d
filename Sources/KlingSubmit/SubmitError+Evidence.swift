extension SubmitError {
    /// The service's task this error is about, when one is known: the task being followed when
    /// the run was interrupted or timed out, or the task that failed or lists no video.
    public var taskID: String? {
        switch self {
        case .interrupted(let taskID, _): taskID
        case .waitTimedOut(let taskID, _, _), .taskFailed(let taskID, _), .taskHasNoVideo(let taskID),
            .existingTaskFailed(let taskID, _, _):
            taskID
        default: nil
        }
    }

    /// The Kling business error code the service answered with (api.md, "Errors", e.g. 1201),
    /// when the error is the service's refusal.
    public var serviceCode: Int? {
        if case .service(let failure) = self { failure.code } else { nil }
    }
}
