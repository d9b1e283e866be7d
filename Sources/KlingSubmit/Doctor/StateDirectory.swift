public import Foundation

/// Where the tool keeps its small state files (doctor's findings, the hook's secret):
/// `$KLINGPREP_STATE_DIR`, else `$XDG_STATE_HOME/klingprep`, else `~/.local/state/klingprep`
/// (absolute paths only; a relative variable is ignored).
public enum StateDirectory {
    /// The environment variable that moves every state file of the tool.
    public static let variable = "KLINGPREP_STATE_DIR"

    /// The state directory for `environment`.
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment[variable], dir.hasPrefix("/") { return URL(fileURLWithPath: dir) }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("klingprep")
        }
        let home =
            environment["HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/klingprep")
    }
}
