import ArgumentParser
import KlingCheck

/// The `klingprep` command: prepares, checks and submits Kling image-to-video requests.
@main
struct Klingprep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klingprep",
        abstract: "Prepare, check and submit Kling image-to-video requests (image2video and multi-image2video).",
        discussion: "Exit codes: 0 ok; 1 the input is invalid (errors found); 2 the task failed at the "
            + "service; 3 the service could not be reached or refused the request; 4 timed out "
            + "waiting; 64 usage error.",
        version: KlingPrepVersion.current,
        subcommands: [
            InspectCommand.self, ValidateCommand.self, BuildCommand.self, PreviewCommand.self,
            MaskCommand.self, PathCommand.self, RulesCommand.self,
            BatchCommand.self, SubmitCommand.self, StatusCommand.self, WaitCommand.self, DownloadCommand.self,
            DoctorCommand.self, FixCommand.self,
            HookCommand.self,
        ]
    )

    /// Parses the command line and runs the command. A command prints its own failures
    /// (``KlingprepCommand``); a command line that cannot be parsed is printed here, by the same
    /// ``FailureReport``.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            FailureReport.exit(with: error, on: Console(.guessed))
        }
    }
}
