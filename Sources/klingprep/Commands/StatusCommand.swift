import ArgumentParser
import Foundation
import KlingSubmit

/// `klingprep status TASK_ID | --external-id ID`
struct StatusCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a task's current state (by task id or by external id).")

    @Argument(help: "The service's task id.")
    var taskID: String?

    @Option(name: .long, help: "Look the task up by its external_task_id instead.")
    var externalID: String?

    @OptionGroup var routeOption: RouteOption

    @OptionGroup var service: BackendOption

    @OptionGroup var options: SubmitOptions

    func validate() throws {
        if (taskID == nil) == (externalID == nil) {
            throw ValidationError("Give either a TASK_ID or --external-id ID.")
        }
        if let id = taskID ?? externalID,
            id.trimmingCharacters(in: .whitespaces).isEmpty || id.contains("/") || [".", ".."].contains(id)
        {
            throw ValidationError(
                "The id is \"\(id)\"; give a task id or external id that is not empty, '.' or '..' and has no '/'.")
        }
    }

    static let formats: [OutputFormat] = [.text, .json]

    var formatOption: FormatOption { options.formatOption }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved, style: .line) }

    func run(on console: Console) async throws {
        let (opts, id, byExternal, route) = (options, taskID ?? externalID ?? "", externalID != nil, routeOption.route)
        let backend = service.backend
        let journal = options.journalFile(defaultFor: nil)
        try await SubmitterRun.run(console: console) {
            let located = try await SubmitterRun.withClient(opts, backend: backend) { client throws(SubmitError) in
                try await Submitter(client: client, journal: journal, report: console.handle)
                    .status(of: id, byExternalID: byExternal, route: route)
            }
            let task = located.task
            let downloaded = (try? journal?.job(forTaskID: task.taskID))??.downloads.isEmpty == false
            let warning = SubmitterText.expiryWarning(task: task, downloaded: downloaded)
            if opts.json {
                try console.document(located)
                if let warning { console.note(warning) }
                return
            }
            var lines = ["Task \(task.taskID) (\(located.route)): \(task.status.rawValue)"]
            if let external = task.externalTaskID { lines.append("external_task_id: \(external)") }
            if let message = task.statusMessage { lines.append("message: \(message)") }
            for video in task.videos { lines.append("video \(video.id) (\(video.duration ?? "?") s): \(video.url)") }
            if let cost = task.finalUnitDeduction { lines.append("cost: \(cost) (final_unit_deduction)") }
            console.note(lines.joined(separator: "\n"))
            if let warning { console.note(warning) }
        }
    }
}
