/// One job of a batch: a job file (or a raw request body) found in the inputs, or one line of
/// a JSON-lines manifest.
public struct BatchJob: Sendable, Hashable {
    /// Where the job comes from.
    public enum Source: Sendable, Hashable {
        /// A job file or a request body file.
        case file(path: String)
        /// Line `line` (1-based) of the manifest at `manifest`: one job in the job file's schema,
        /// its relative paths relative to the manifest's folder.
        case manifestLine(manifest: String, line: Int, text: String)
    }

    /// Where the job comes from.
    public var source: Source
    /// How reports name the job: the file's path as found (`jobs/shot-1.yaml`), or
    /// `manifest.jsonl:12`.
    public var input: String
    /// What ``Shard`` hashes: the file's path relative to its INPUT argument (a file argument:
    /// its path as given), or the manifest line's text. Stable across machines and runs.
    public var shardKey: String
    /// The job's folder under the batch's `jobs/` folder (its build outputs and videos), unique
    /// within the batch: the relative path without its extension, plus `.klingprep`.
    public var folder: String

    /// A job.
    public init(source: Source, input: String, shardKey: String, folder: String) {
        self.source = source
        self.input = input
        self.shardKey = shardKey
        self.folder = folder
    }

    /// The file a finding's line and column point into: the job file, or the manifest.
    public var file: String {
        switch source {
        case .file(let path): path
        case .manifestLine(let manifest, _, _): manifest
        }
    }
}
