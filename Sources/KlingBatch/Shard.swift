import Foundation
import Crypto

/// `--shard K/N`: the K-th (from 1) of N deterministic parts of a batch. A job belongs to the
/// shard `SHA-256(shardKey)` (its first 8 bytes, big-endian) modulo N selects, so N machines
/// share one batch with no coordination and no job in two shards (``BatchJob/shardKey``).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    /// How many shards there are.
    public let count: Int

    /// A shard; `nil` unless 1 ≤ `index` ≤ `count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `K/N`.
    /// - Throws: ``BatchError/shardMalformed(_:)``.
    public init(parsing text: String) throws(BatchError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), let shard = Shard(index: k, count: n)
        else { throw .shardMalformed(text) }
        self = shard
    }

    /// The 0-based part `key` falls in, of `count`.
    public static func part(of key: String, count: Int) -> Int {
        let digest = SHA256.hash(data: Array(key.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Int(value % UInt64(max(count, 1)))
    }

    /// Whether `job` is in this shard.
    public func contains(_ job: BatchJob) -> Bool { Self.part(of: job.shardKey, count: count) == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
