import ArgumentParser
import Foundation
import KlingSubmit

/// `klingprep wait TASK_ID [-o DIR] [--timeout S]`
struct WaitCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Follow a task until it ends; download its videos with -o.",
        discussion: "Waits at most 60 minutes unless --timeout says otherwise (exit 4; the task goes on at the "
            + "service, and the same command resumes following it).")

    @Argument(help: "The service's task id.")
    var taskID: String

    func validate() throws {
        if taskID.trimmingCharacters(in: .whitespaces).isEmpty || taskID.contains("/") || [".", ".."].contains(taskID) {
            throw ValidationError(
                "The task id is \"\(taskID)\"; give a task id that is not empty, '.' or '..' and has no '/'.")
        }
    }

    @Option(name: .shortAndLong, help: "Download the videos into this directory.", completion: .directory)
    var output: String?

    @OptionGroup var routeOption: RouteOption

    @OptionGroup var service: BackendOption

    @OptionGroup var options: SubmitOptions

    static let formats: [OutputFormat] = [.text, .json, .jsonl]

    var formatOption: FormatOption { options.formatOption }

    var consoleMode: Console.Mode {
        Console.Mode(format: formatOption.resolved, style: .line, streamsEvents: options.json)
    }

    func run(on console: Console) async throws {
        let (opts, taskID, output, route) = (options, taskID, output, routeOption.route)
        let backend = service.backend
        let journal = options.journalFile(defaultFor: nil)
        try await SubmitterRun.run(
            console: console,
            advice: { error in
                SubmitterText.advice(
                    ResumeAdvice.afterFollowing(taskID: taskID, error), output: output, journal: journal)
            }
        ) {
            let outcome = try await SubmitterRun.withClient(opts, backend: backend) { client throws(SubmitError) in
                try await Submitter(client: client, journal: journal, poll: opts.pollSchedule(), report: console.handle)
                    .wait(
                        taskID: taskID, route: route, timeout: opts.timeoutDuration ?? SubmitOptions.defaultWait,
                        outputDirectory: output.map { URL(fileURLWithPath: $0).standardizedFileURL })
            }
            if opts.json { try console.document(outcome) } else { console.note(SubmitterText.describe(outcome)) }
        }
    }
}
