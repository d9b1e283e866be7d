import ArgumentParser
import Foundation
import KlingSubmit

/// `klingprep download TASK_ID -o DIR`
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download the videos of a succeeded task.")

    @Argument(help: "The service's task id.")
    var taskID: String

    @Option(name: .shortAndLong, help: "Directory to save the videos in.")
    var output: String

    @OptionGroup var routeOption: RouteOption

    @OptionGroup var options: SubmitOptions

    func run() async throws {
        let console = Console(json: options.json, streamJSON: false)
        let (opts, taskID, route) = (options, taskID, routeOption.route)
        let directory = URL(fileURLWithPath: output).standardizedFileURL
        let journal = options.journalFile(defaultFor: nil)
        try await CommandRunner.run(console: console, resumeHint: { _ in nil }) {
            let outcome = try await CommandRunner.withClient(opts) { client in
                try await Submitter(client: client, journal: journal, report: console.handle)
                    .download(taskID: taskID, route: route, into: directory)
            }
            if opts.json {
                console.out(ProgressFormatter.jsonDocument(outcome))
            } else {
                console.err(CommandRunner.describe(outcome))
            }
        }
    }
}
