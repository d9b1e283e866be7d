import Foundation
import KlingBrush
import FoundationEssentials
import KlingSubmit
import KlingCheck

/// The submitter's outcomes and advice as people read them.
enum SubmitterText {
    /// Text for a finished outcome.
    static func describe(_ outcome: SubmitOutcome) -> String {
        var lines: [String] = []
        let origin = outcome.origin.map { " (\($0.rawValue))" } ?? ""
        lines.append("Task \(outcome.taskID)\(origin): \(outcome.status.rawValue)")
        if let id = outcome.externalTaskID {
            lines.append("external_task_id: \(id)" + (outcome.take.map { $0 > 1 ? " (take \($0))" : "" } ?? ""))
        }
        if let cost = outcome.cost { lines.append("cost: \(cost) (final_unit_deduction)") }
        for video in outcome.videos where outcome.files.isEmpty {
            lines.append("video \(video.id): \(video.url)")
        }
        for file in outcome.files { lines.append("saved: \(file.path) (\(file.bytes) bytes)") }
        if let journal = outcome.journal { lines.append("journal: \(journal)") }
        return lines.joined(separator: "\n")
    }

    /// The line that tells how to act on `advice`: `klingprep wait TASK` with the run's `-o`
    /// and journal, or `rerun` (the submit command line, shell-quoted words).
    static func advice(_ advice: ResumeAdvice?, output: String?, journal: Journal?, rerun: [String]? = nil) -> String? {
        switch advice {
        case .followTask(let taskID):
            var parts = ["klingprep", "wait", quote(taskID)]
            if let output { parts += ["-o", quote(output)] }
            if let journal { parts += ["--journal", quote(journal.url.path)] }
            return "Resume with: " + parts.joined(separator: " ")
        case .submitAgain:
            return rerun.map {
                "Safe to re-run (the same body looks its task up before anything is sent again): "
                    + $0.joined(separator: " ")
            }
        case nil:
            return nil
        }
    }

    /// Videos are deleted this long after the task ends (api.md, "Follow a task": 30 days [K]).
    static let videoLifetimeDays = 30.0

    /// A warning when `task` succeeded, its videos are not recorded as downloaded, and their 30
    /// days run out (measured from `updated_at`, else `created_at`); `nil` otherwise.
    static func expiryWarning(task: KlingTask, downloaded: Bool, now: Date = Date()) -> String? {
        guard task.status == .succeed, !downloaded, !task.videos.isEmpty,
            let stamp = task.updatedAtMilliseconds ?? task.createdAtMilliseconds
        else { return nil }
        let ended = Date(timeIntervalSince1970: Double(stamp) / 1000)
        let left = videoLifetimeDays - now.timeIntervalSince(ended) / 86_400
        let days =
            left <= 0 ? "its videos may already be deleted" : "about \(Int(left.rounded())) of 30 days are left"
        return
            "warning: task \(task.taskID) succeeded but its videos are not recorded as downloaded; \(days). Run `klingprep download \(task.taskID) -o DIR`."
    }

    /// `s` as one shell word: as it is when it holds only safe characters, else single-quoted.
    static func quote(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
