import ArgumentParser
import Foundation
import KlingSubmit

/// `klingprep download TASK_ID -o DIR`
struct DownloadCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download the videos of a succeeded task.")

    @Argument(help: "The service's task id.")
    var taskID: String

    func validate() throws {
        if taskID.trimmingCharacters(in: .whitespaces).isEmpty || taskID.contains("/") || [".", ".."].contains(taskID) {
            throw ValidationError(
                "The task id is \"\(taskID)\"; give a task id that is not empty, '.' or '..' and has no '/'.")
        }
    }

    @Option(name: .shortAndLong, help: "Directory to save the videos in.", completion: .directory)
    var output: String

    @OptionGroup var routeOption: RouteOption

    @OptionGroup var service: BackendOption

    @OptionGroup var options: SubmitOptions

    static let formats: [OutputFormat] = [.text, .json]

    var formatOption: FormatOption { options.formatOption }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved, style: .line) }

    func run(on console: Console) async throws {
        let (opts, taskID, route) = (options, taskID, routeOption.route)
        let backend = service.backend
        let directory = URL(fileURLWithPath: output).standardizedFileURL
        let journal = options.journalFile(defaultFor: nil)
        try await SubmitterRun.run(console: console) {
            let outcome = try await SubmitterRun.withClient(opts, backend: backend) { client throws(SubmitError) in
                try await Submitter(client: client, journal: journal, report: console.handle)
                    .download(taskID: taskID, route: route, into: directory)
            }
            if opts.json { try console.document(outcome) } else { console.note(SubmitterText.describe(outcome)) }
        }
    }
}
