/// A canonical Huffman code (RFC 1951, 3.2.2) of limited length, built from symbol counts.
///
/// Lengths come from package-merge, so no code is longer than the limit (15 bits for literals,
/// lengths and distances; 7 for the code-length code, 3.2.7) and the code is complete: its
/// lengths fill the code space exactly, as zlib's inflate demands of every code but the one-code
/// distance case. An alphabet with fewer than two counted symbols gets two codes of one bit (the
/// counted one, if any, and the lowest other symbol), which is complete and costs one bit a use.
struct HuffmanCode {
    /// The code length of each symbol; 0 for a symbol without a code.
    let lengths: [Int]
    /// The code of each symbol, bit-reversed for ``DeflateBits``.
    let codes: [DeflateCode]

    /// A code for an alphabet of `counts.count` (at least 2) symbols where symbol `s` occurs
    /// `counts[s]` times, no code longer than `limit` bits.
    init(counts: [Int], limit: Int) {
        let lengths = Self.lengths(counts: counts, limit: limit)
        self.lengths = lengths
        codes = Self.canonicalCodes(lengths: lengths)
    }

    /// Package-merge (Larmore and Hirschberg): the lightest 2n − 2 items of `limit` rounds of
    /// pairing and merging with the leaves; a symbol's length is how many of them hold it.
    static func lengths(counts: [Int], limit: Int) -> [Int] {
        precondition(counts.count >= 2, "an alphabet of \(counts.count) symbols")
        var used = counts.indices.filter { counts[$0] > 0 }
        var lengths = [Int](repeating: 0, count: counts.count)
        if used.count < 2 {
            while used.count < 2, let other = counts.indices.first(where: { !used.contains($0) }) {
                used.append(other)
            }
            for symbol in used { lengths[symbol] = 1 }
            return lengths
        }
        precondition(used.count <= 1 << limit, "\(used.count) symbols do not fit \(limit)-bit codes")
        let leaves = used.sorted { (counts[$0], $0) < (counts[$1], $1) }
        let n = leaves.count
        // An item: its weight and how many times it holds each leaf.
        typealias Item = (weight: Int, holds: [UInt8])
        let base: [Item] = leaves.indices.map { index in
            var holds = [UInt8](repeating: 0, count: n)
            holds[index] = 1
            return (counts[leaves[index]], holds)
        }
        var list = base
        for _ in 1..<limit {
            var packages: [Item] = []
            packages.reserveCapacity(list.count / 2)
            for pair in stride(from: 0, to: list.count - 1, by: 2) {
                let (a, b) = (list[pair], list[pair + 1])
                packages.append((a.weight + b.weight, zip(a.holds, b.holds).map { $0 + $1 }))
            }
            // Merge, leaves first among equal weights.
            var merged: [Item] = []
            merged.reserveCapacity(base.count + packages.count)
            var (i, j) = (0, 0)
            while i < base.count || j < packages.count {
                if j == packages.count || (i < base.count && base[i].weight <= packages[j].weight) {
                    merged.append(base[i])
                    i += 1
                } else {
                    merged.append(packages[j])
                    j += 1
                }
            }
            list = merged
        }
        for item in list.prefix(2 * n - 2) {
            for index in 0..<n { lengths[leaves[index]] += Int(item.holds[index]) }
        }
        return lengths
    }

    /// Codes of the given lengths, consecutive within a length, shorter codes first (3.2.2).
    static func canonicalCodes(lengths: [Int]) -> [DeflateCode] {
        let longest = lengths.max() ?? 0
        var perLength = [Int](repeating: 0, count: longest + 1)
        for length in lengths where length > 0 { perLength[length] += 1 }
        var next = [Int](repeating: 0, count: longest + 1)
        var code = 0
        for length in stride(from: 1, through: longest, by: 1) {
            code = (code + perLength[length - 1]) << 1
            next[length] = code
        }
        return lengths.map { length in
            guard length > 0 else { return DeflateCode(bits: 0, width: 0) }
            defer { next[length] += 1 }
            return DeflateCode(bits: DeflateCode.reversed(next[length], width: length), width: length)
        }
    }
}
