import ArgumentParser
import Foundation
import KlingSubmit

/// `klingprep wait TASK_ID [-o DIR] [--timeout S]`
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Follow a task until it ends; download its videos with -o.")

    @Argument(help: "The service's task id.")
    var taskID: String

    @Option(name: .shortAndLong, help: "Download the videos into this directory.")
    var output: String?

    @OptionGroup var routeOption: RouteOption

    @OptionGroup var options: SubmitOptions

    func run() async throws {
        let console = Console(json: options.json, streamJSON: options.json)
        let (opts, taskID, output, route) = (options, taskID, output, routeOption.route)
        let journal = options.journalFile(defaultFor: nil)
        try await CommandRunner.run(
            console: console,
            resumeHint: { error in
                switch error {
                case .interrupted, .waitTimedOut, .retriesExhausted, .unreachable:
                    return "Resume with: " + CommandRunner.waitCommand(taskID: taskID, output: output, journal: journal)
                default: return nil
                }
            }
        ) {
            let outcome = try await CommandRunner.withClient(opts) { client in
                try await Submitter(client: client, journal: journal, poll: opts.pollSchedule(), report: console.handle)
                    .wait(
                        taskID: taskID, route: route, timeout: opts.timeoutDuration,
                        outputDirectory: output.map { URL(fileURLWithPath: $0).standardizedFileURL })
            }
            if opts.json {
                console.out(ProgressFormatter.jsonDocument(outcome))
            } else {
                console.err(CommandRunner.describe(outcome))
            }
        }
    }
}
