/// The header of a dynamic-Huffman deflate block (RFC 1951, 3.2.7): BFINAL, BTYPE = 10, then
/// HLIT (5 bits, literal/length codes − 257), HDIST (5 bits, distance codes − 1), HCLEN
/// (4 bits, code-length codes − 4), the 3-bit lengths of the code-length code in the order
/// 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15, and the literal/length and
/// distance code lengths as one sequence in that code: 0…15 a length, 16 the previous length
/// 3…6 times (2 extra bits), 17 a zero 3…10 times (3 extra bits), 18 a zero 11…138 times
/// (7 extra bits). Repeats may run on from the literal/length lengths into the distance ones.
enum DynamicHeader {
    private static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Writes the header of the last block (BFINAL = 1) for the two codes: `literals` of 286
    /// symbols or fewer (257 or more are described), `distances` of 30 or fewer (1 or more).
    static func write(literals: HuffmanCode, distances: HuffmanCode, to bits: inout DeflateBits) {
        let literalCount = max(257, (literals.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let distanceCount = max(1, (distances.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        let sequence = repeats(Array(literals.lengths.prefix(literalCount) + distances.lengths.prefix(distanceCount)))
        var counts = [Int](repeating: 0, count: 19)
        for item in sequence { counts[item.symbol] += 1 }
        let lengthCode = HuffmanCode(counts: counts, limit: 7)
        let described = max(4, (order.lastIndex { lengthCode.lengths[$0] > 0 } ?? 0) + 1)
        bits.write(0b101, bits: 3)
        bits.write(UInt32(literalCount - 257), bits: 5)
        bits.write(UInt32(distanceCount - 1), bits: 5)
        bits.write(UInt32(described - 4), bits: 4)
        for symbol in order.prefix(described) { bits.write(UInt32(lengthCode.lengths[symbol]), bits: 3) }
        for item in sequence { bits.write(lengthCode.codes[item.symbol].then(item.extra)) }
    }

    /// `lengths` in code-length symbols with their extra bits.
    static func repeats(_ lengths: [Int]) -> [DeflateSymbols.Symbol] {
        var items: [DeflateSymbols.Symbol] = []
        var start = 0
        while start < lengths.count {
            let value = lengths[start]
            var end = start + 1
            while end < lengths.count && lengths[end] == value { end += 1 }
            var left = end - start
            if value == 0 {
                while left >= 11 {
                    let count = min(left, 138)
                    items.append(.init(symbol: 18, extra: DeflateCode(bits: UInt32(count - 11), width: 7)))
                    left -= count
                }
                if left >= 3 {
                    items.append(.init(symbol: 17, extra: DeflateCode(bits: UInt32(left - 3), width: 3)))
                    left = 0
                }
            } else {
                items.append(.init(symbol: value, extra: DeflateCode(bits: 0, width: 0)))
                left -= 1
                while left >= 3 {
                    let count = min(left, 6)
                    items.append(.init(symbol: 16, extra: DeflateCode(bits: UInt32(count - 3), width: 2)))
                    left -= count
                }
            }
            items += repeatElement(.init(symbol: value, extra: DeflateCode(bits: 0, width: 0)), count: left)
            start = end
        }
        return items
    }
}
