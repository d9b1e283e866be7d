import ArgumentParser

/// The `klingprep` command: prepares, checks and submits Kling multi-image-to-video requests.
@main
struct Klingprep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klingprep",
        abstract: "Prepare, check and submit Kling multi-image-to-video requests.",
        discussion: """
            Exit codes: 0 ok; 1 the input is invalid (errors found); 2 the task failed at the \
            service; 3 the service could not be reached or refused the request; 4 timed out \
            waiting; 64 usage error.
            """,
        subcommands: [InspectCommand.self, ValidateCommand.self, BuildCommand.self, PreviewCommand.self, MaskCommand.self, PathCommand.self,
            SubmitCommand.self, StatusCommand.self, WaitCommand.self, DownloadCommand.self,
        ]
    )
}
