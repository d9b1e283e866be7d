import ArgumentParser
import Foundation

/// The `klingprep` command: prepares, checks and submits Kling image-to-video requests.
@main
struct Klingprep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klingprep",
        abstract: "Prepare, check and submit Kling image-to-video requests (image2video and multi-image2video).",
        discussion: "Exit codes: 0 ok; 1 the input is invalid (errors found); 2 the task failed at the "
            + "service; 3 the service could not be reached or refused the request; 4 timed out "
            + "waiting; 64 usage error.",
        subcommands: [
            InspectCommand.self, ValidateCommand.self, BuildCommand.self, PreviewCommand.self,
            MaskCommand.self, PathCommand.self, RulesCommand.self,
            SubmitCommand.self, StatusCommand.self, WaitCommand.self, DownloadCommand.self,
        ]
    )

    /// Runs the command; with `--json`, an error that the command did not report itself still
    /// becomes the one JSON document on stdout: `{"ok": false, "error": {"message": …,
    /// "exit_code": …}}`, the same shape the submitter's commands print.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let wantsJSON = CommandLine.arguments.dropFirst().contains("--json")
            if wantsJSON, !(error is ExitCode), code != .success {
                try? Output.printJSON(JSONFailure(message: message(for: error), exitCode: code.rawValue))
            }
            exit(withError: error)
        }
    }
}

/// The JSON document of a command that could not run (the submitter's `ErrorDocument` has
/// the same shape, with `service_code` and `task_id` when known).
struct JSONFailure: Encodable {
    struct Body: Encodable {
        var message: String
        var exitCode: Int32

        enum CodingKeys: String, CodingKey {
            case message
            case exitCode = "exit_code"
        }
    }

    var ok = false
    var error: Body

    init(message: String, exitCode: Int32) {
        error = Body(message: message, exitCode: exitCode)
    }
}
