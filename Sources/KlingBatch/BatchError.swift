/// Why a batch cannot start: its inputs or its switches, before any job is judged. Problems
/// *in* a job are findings of that job, never a `BatchError`.
public enum BatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An INPUT argument names nothing.
    case inputNotFound(path: String)
    /// An INPUT argument cannot be read (a folder that cannot be listed, a manifest that cannot be read).
    case inputUnreadable(path: String, reason: String)
    /// `--shard` is not `K/N` with 1 ≤ K ≤ N.
    case shardMalformed(String)
    /// No job file was found in the inputs.
    case noJobs(inputs: [String])

    public var description: String {
        switch self {
        case .inputNotFound(let path):
            "\(path): no such file or folder (give job files, folders of job files, or a .jsonl manifest)"
        case .inputUnreadable(let path, let reason):
            "\(path): cannot be read: \(reason)"
        case .shardMalformed(let text):
            "--shard '\(text)': expected K/N with whole numbers 1 ≤ K ≤ N (e.g. 2/4 for the second of four shards)"
        case .noJobs(let inputs):
            "no job files (*.yaml, *.yml, *.json, or lines of a .jsonl manifest) in \(inputs.joined(separator: ", "))"
        }
    }
}
