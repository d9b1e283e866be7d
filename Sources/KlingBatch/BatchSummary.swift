import KlingCheck

/// The `summary` of a batch: counts by status and by finding code, the summed cost, and the
/// exit code they give.
public struct BatchSummary: Sendable, Encodable {
    /// Jobs in this run (this shard's, with `--shard`).
    public var total: Int
    /// Jobs per status; every status is present, 0 when none.
    public var counts: [BatchJobResult.Status: Int]
    /// The sum of the reported costs, `nil` when no task reported one.
    public var cost: Double?
    /// How many findings of each code, over all jobs.
    public var findingsByCode: [String: Int]
    /// Jobs left to the other shards (`--shard`), 0 without.
    public var otherShards: Int
    /// `--shard K/N`, when given.
    public var shard: Shard?

    /// The summary of `results`.
    public init(_ results: [BatchJobResult], shard: Shard? = nil, otherShards: Int = 0) {
        total = results.count
        var counts = Dictionary(uniqueKeysWithValues: BatchJobResult.Status.allCases.map { ($0, 0) })
        var codes: [String: Int] = [:]
        var cost: Double? = nil
        for result in results {
            counts[result.status, default: 0] += 1
            for located in result.findings { codes[located.finding.code, default: 0] += 1 }
            if let spent = result.cost { cost = (cost ?? 0) + spent }
        }
        self.counts = counts
        self.cost = cost
        findingsByCode = codes
        self.shard = shard
        self.otherShards = otherShards
    }

    /// The batch's exit code: 3 when any job met a service error, else 2 when any task failed,
    /// else 4 when any wait timed out, else 1 when any job is invalid, else 0.
    public var exitCode: Int32 {
        if counts[.error, default: 0] > 0 { return 3 }
        if counts[.failed, default: 0] > 0 { return 2 }
        if counts[.timedOut, default: 0] > 0 { return 4 }
        if counts[.invalid, default: 0] > 0 { return 1 }
        return 0
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(total, forKey: Key("total"))
        for status in BatchJobResult.Status.allCases {
            try container.encode(counts[status, default: 0], forKey: Key(status.rawValue))
        }
        try container.encode(cost ?? 0, forKey: Key("cost"))
        try container.encode(findingsByCode, forKey: Key("findings_by_code"))
        // Always present, for a stable shape: `null` and 0 without --shard.
        try container.encode(shard?.description, forKey: Key("shard"))
        try container.encode(otherShards, forKey: Key("other_shards"))
    }
}

/// The whole `batch --json` document (and `summary.json`): `{"jobs": [...], "summary": {...}}`.
public struct BatchDocument: Sendable, Encodable {
    public var jobs: [BatchJobResult]
    public var summary: BatchSummary

    public init(jobs: [BatchJobResult], summary: BatchSummary) {
        self.jobs = jobs
        self.summary = summary
    }
}
