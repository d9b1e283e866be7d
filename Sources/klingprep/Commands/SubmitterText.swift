import Foundation
import KlingBrush
import FoundationEssentials
import KlingSubmit

/// The submitter's outcomes and advice as people read them.
enum SubmitterText {
    /// Text for a finished outcome.
    static func describe(_ outcome: SubmitOutcome) -> String {
        var lines: [String] = []
        let origin = outcome.origin.map { " (\($0.rawValue))" } ?? ""
        lines.append("Task \(outcome.taskID)\(origin): \(outcome.status.rawValue)")
        if let id = outcome.externalTaskID { lines.append("external_task_id: \(id)") }
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
            return rerun.map { "Safe to re-run (the journal prevents a second task): " + $0.joined(separator: " ") }
        case nil:
            return nil
        }
    }

    /// `s` as one shell word: as it is when it holds only safe characters, else single-quoted.
    static func quote(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
