import ArgumentParser
import Foundation
import KlingCheck
import KlingSubmit

/// `klingprep doctor [--backend B] [--route R] [--journal FILE] [--state FILE] [--json]`
struct DoctorCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Probe, read-only, how the service answers lookups by external id; submit uses the findings.",
        discussion: "With your credentials it lists tasks and asks each lookup form (the id in the task-id slot, "
            + "and ?external_task_id=) for an id no task has and for a known one (from --journal or the task "
            + "list). Only GET requests are sent: no probe creates or pays for a task. The findings go to the "
            + "state file (default $KLINGPREP_STATE_DIR, $XDG_STATE_HOME/klingprep or ~/.local/state/klingprep, "
            + "doctor.json); submit then asks only the forms found trustworthy.")

    @Option(
        help:
            "The route whose paths are probed: image2video or multi-image2video (default: the route of the newest task in --journal, else image2video)."
    )
    var route: Route?

    @Option(name: .long, help: "The state file to write (default: doctor.json in the state directory).")
    var state: String?

    @OptionGroup var service: BackendOption

    @OptionGroup var options: SubmitOptions

    static let formats: [OutputFormat] = [.text, .json]

    var formatOption: FormatOption { options.formatOption }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved, style: .pretty) }

    func run(on console: Console) async throws {
        let (opts, route, backend) = (options, route, service.backend)
        let stateFile =
            state.map { DoctorState(url: URL(fileURLWithPath: $0).standardizedFileURL) }
            ?? DoctorState.standard(environment: options.environment)
        let journals = options.journalFile(defaultFor: nil).map { [$0] } ?? []
        try await SubmitterRun.run(console: console) {
            let findings = try await SubmitterRun.withClient(opts, backend: backend) { client throws(SubmitError) in
                try await Doctor(client: client, journals: journals).examine(route: route)
            }
            try stateFile.store(findings)
            if opts.json {
                try console.document(findings)
                return
            }
            var lines = ["\(findings.backend.rawValue) at \(findings.baseURL), \(findings.route.rawValue):"]
            lines.append("  listing: \(findings.listing)")
            for form in findings.forms {
                var line = "  lookup, \(form.form.rawValue) form: unknown id → \(form.unknownID)"
                if let answer = form.knownAnswer {
                    line += "; known id \(form.knownExternalID ?? "") → \(answer)"
                }
                let verdict =
                    form.usable
                    ? "  [used by submit]"
                    : findings.lookupForms.contains(form.form) ? "  [asked, not verified]" : "  [not used]"
                lines.append(line + verdict)
            }
            lines += findings.notes.map { "  note: \($0)" }
            lines.append("findings saved to \(stateFile.url.path)")
            console.note(lines.joined(separator: "\n"))
        }
    }
}
