import Testing

@testable import KlingBatch

@Suite struct ShardTests {
    @Test func parsesKOfN() throws {
        let shard = try Shard(parsing: "2/4")
        #expect(shard.index == 2 && shard.count == 4)
        for bad in ["0/4", "5/4", "2", "a/b", "2/0", "-1/3", "1/2/3", ""] {
            #expect(throws: BatchError.shardMalformed(bad)) { try Shard(parsing: bad) }
        }
    }

    @Test func everyJobIsInExactlyOneShard() throws {
        let jobs = (0..<500).map {
            BatchJob(source: .file(path: "j\($0).yaml"), input: "j\($0).yaml", shardKey: "j\($0).yaml", folder: "")
        }
        for count in [1, 2, 3, 7] {
            let shards = try (1...count).map { try Shard(parsing: "\($0)/\(count)") }
            var sizes: [Int] = []
            for job in jobs {
                #expect(shards.filter { $0.contains(job) }.count == 1)
            }
            for shard in shards { sizes.append(jobs.filter(shard.contains).count) }
            // Balanced within a reasonable spread.
            #expect(sizes.allSatisfy { $0 > jobs.count / count / 2 })
        }
    }

    @Test func theSplitIsStable() {
        // SHA-256("shots/a.yaml") begins 0x…; the part must never change between releases, or
        // shards of one batch run by two versions would overlap.
        let parts = ["shots/a.yaml", "shots/b.yaml", "x.json"].map { Shard.part(of: $0, count: 4) }
        #expect(parts == Self.expectedParts)
    }

    // Computed independently: int.from_bytes(hashlib.sha256(key).digest()[:8], "big") % 4 in Python.
    static let expectedParts = [0, 0, 3]
}
