/// What a person can do after a submitter command stopped with an error, without ever
/// creating a second task (design.md, "Submitter"). The command line formats it.
public enum ResumeAdvice: Sendable, Hashable {
    /// The task exists and goes on at the service: follow it again (`klingprep wait TASK`).
    case followTask(taskID: String)
    /// The same submission can be run again: the journal, or the external id derived from the
    /// body, makes a re-run adopt the task if the service took it, so no second task is created.
    case submitAgain

    /// The advice after a submission (create, and follow when asked) stopped with `error`;
    /// `nil` when running again would not help (the input, the key or the service's verdict
    /// must change first) or when nothing was sent.
    public static func afterSubmitting(_ error: SubmitError) -> ResumeAdvice? {
        switch error {
        case .interrupted(let taskID?, _), .waitTimedOut(let taskID, _, _):
            .followTask(taskID: taskID)
        case .interrupted(nil, .some), .retriesExhausted, .unreachable, .connectionLost, .requestTimedOut:
            .submitAgain
        default:
            nil
        }
    }

    /// The advice after following the task `taskID` (`wait`) stopped with `error`: follow it
    /// again when it was interrupted, timed out or the service could not be reached; `nil`
    /// otherwise.
    public static func afterFollowing(taskID: String, _ error: SubmitError) -> ResumeAdvice? {
        switch error {
        case .interrupted, .waitTimedOut, .retriesExhausted, .unreachable:
            .followTask(taskID: taskID)
        default:
            nil
        }
    }
}
