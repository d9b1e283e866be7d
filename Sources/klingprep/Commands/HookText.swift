import KlingSubmit

/// The callback receiver's lines for people. None names the secret path or the key.
enum HookText {
    /// The start-up text on stdout.
    static func describe(_ document: ServeDocument) -> String {
        var lines = ["Listening on \(document.listening)"]
        if let url = document.callbackURL {
            lines.append("Callback URL (give it as callback_url; keep it private): \(url)")
        } else {
            lines.append("State file (holds the secret callback path): \(document.stateFile)")
            lines.append(
                "To have callbacks sent here, run `klingprep submit --callback-base URL` with the public base URL that reaches this address; it fills callback_url from the state file (or pass --public-base URL here to print it)."
            )
        }
        lines.append("journal: \(document.journal)")
        lines.append("videos: \(document.output)")
        return lines.joined(separator: "\n")
    }

    /// Renders hook events on `console`'s stderr.
    static func reporter(_ console: Console) -> @Sendable (HookEvent) -> Void {
        { event in
            if let line = text(event) { console.note(line) }
        }
    }

    /// One line for `event`, or `nil` for events the command prints itself.
    static func text(_ event: HookEvent) -> String? {
        switch event {
        case .listening:
            return nil
        case .queued(let taskID, let status):
            return "Callback: task \(taskID) says \(status.rawValue); confirming."
        case .refused(let status, let reason):
            return "Refused a request: HTTP \(status) (\(reason))."
        case .confirmed(let outcome):
            let status = outcome.status?.rawValue ?? "?"
            switch outcome.effect {
            case .unknownTask:
                return "Task \(outcome.taskID) is not in the journal; the callback was ignored."
            case .alreadyFinished:
                return "Task \(outcome.taskID) is already \(status) in the journal; nothing to do."
            case .unchanged:
                return "Task \(outcome.taskID): \(status) (no change)."
            case .updated:
                let saved = outcome.downloaded.isEmpty ? "" : ", \(outcome.downloaded.count) video(s) saved"
                return "Task \(outcome.taskID): \(status)\(outcome.recordedStatus ? " (journaled)" : "")\(saved)."
            }
        case .confirmFailed(let taskID, let error):
            return "Task \(taskID): could not confirm the callback: \(error.description)"
        case .stopping:
            return "Stopping: no new callbacks; finishing the queued ones."
        case .stopped(let s):
            return
                "Stopped. Callbacks: \(s.queued) queued, \(s.updated) updated, \(s.unchanged) unchanged, \(s.alreadyFinished) already finished, \(s.unknownTasks) unknown, \(s.coalesced) folded together, \(s.failures) failed."
        }
    }
}
