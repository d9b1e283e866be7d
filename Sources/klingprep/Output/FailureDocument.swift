import ArgumentParser
/// The one JSON document of a command that failed (`--json`), on stdout:
/// `{"ok": false, "error": {"message", "exit_code", "service_code"?, "task_id"?}}`.
/// Pipelines rely on this shape; never change it.
struct FailureDocument: Encodable {
    /// The `error` object.
    struct Body: Encodable {
        /// The sentence printed for people.
        var message: String
        /// The process exit code (``ExitCodes``).
        var exitCode: Int32
        /// The service's business error code (api.md, "Errors"), when the service refused.
        var serviceCode: Int?
        /// The service's task the failure is about, when known.
        var taskID: String?

        enum CodingKeys: String, CodingKey {
            case message
            case exitCode = "exit_code"
            case serviceCode = "service_code"
            case taskID = "task_id"
        }
    }

    /// Always false.
    var ok = false
    /// What failed.
    var error: Body

    init(_ failure: CommandFailure) {
        error = Body(
            message: failure.message, exitCode: failure.exitCode.rawValue, serviceCode: failure.serviceCode,
            taskID: failure.taskID)
    }
}
