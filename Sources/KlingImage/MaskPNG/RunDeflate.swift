/// A zlib stream (RFC 1950) of an 8-bit gray PNG's filtered rows, written from runs in one
/// dynamic-Huffman deflate block (RFC 1951, 3.2.7) whose codes fit the tokens of
/// ``RunTokens``: a first pass counts the symbols (the literals 0 and 255, a few length
/// symbols, distance 1 and the row copies' distances, end-of-block), a second writes them.
enum RunDeflate {
    /// The zlib stream of `rows` (each sorted, disjoint runs within `0..<width`).
    static func stream(rows: [[Range<Int>]], width: Int) -> [UInt8] {
        let tokens = RunTokens(rows: rows, width: width)
        var counter = SymbolCounter(distances: tokens.distances)
        tokens.emit(into: &counter)
        counter.literals[256] += 1
        let literals = HuffmanCode(counts: counter.literals, limit: 15)
        let distances = HuffmanCode(counts: counter.distances, limit: 15)
        var writer = TokenWriter(
            bits: DeflateBits(reserving: 256 + counter.bitCount(literals, distances) / 8),
            literals: literals, distances: distances, distanceSymbols: counter.symbols)
        // CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (check bits; no dictionary, level 0).
        writer.bits.write(0x0178, bits: 16)
        DynamicHeader.write(literals: literals, distances: distances, to: &writer.bits)
        tokens.emit(into: &writer)
        writer.bits.write(literals.codes[256])
        var bytes = writer.bits.finish()
        withUnsafeBytes(of: tokens.adler32().bigEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }
}

/// Counts the literal/length symbols (0…285) and distance symbols (0…29) of the tokens.
private struct SymbolCounter: RunTokenSink {
    var literals = [Int](repeating: 0, count: 286)
    var distances = [Int](repeating: 0, count: 30)
    /// The symbol and extra bits of each of ``RunTokens/distances``.
    let symbols: [DeflateSymbols.Symbol]
    /// Extra bits of lengths and distances counted so far.
    private var extraBits = 0

    init(distances: [Int]) {
        symbols = distances.map(DeflateSymbols.distance)
    }

    mutating func literal(_ value: UInt8) {
        literals[Int(value)] += 1
    }

    mutating func matches(length: Int, count: Int, distance: Int) {
        let symbol = DeflateSymbols.lengths[length]
        literals[symbol.symbol] += count
        distances[symbols[distance].symbol] += count
        extraBits += count * (symbol.extra.width + symbols[distance].extra.width)
    }

    /// How many bits the counted tokens take in these codes.
    func bitCount(_ literalCode: HuffmanCode, _ distanceCode: HuffmanCode) -> Int {
        zip(literals, literalCode.lengths).reduce(extraBits) { $0 + $1.0 * $1.1 }
            + zip(distances, distanceCode.lengths).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// Writes the tokens in the block's codes.
private struct TokenWriter: RunTokenSink {
    var bits: DeflateBits
    let literals: HuffmanCode
    let distances: HuffmanCode
    /// The code and extra bits of each of ``RunTokens/distances``.
    private let distanceCodes: [DeflateCode]

    init(bits: DeflateBits, literals: HuffmanCode, distances: HuffmanCode, distanceSymbols: [DeflateSymbols.Symbol]) {
        self.bits = bits
        self.literals = literals
        self.distances = distances
        distanceCodes = distanceSymbols.map { distances.codes[$0.symbol].then($0.extra) }
    }

    @inline(__always)
    mutating func literal(_ value: UInt8) {
        bits.write(literals.codes[Int(value)])
    }

    @inline(__always)
    mutating func matches(length: Int, count: Int, distance: Int) {
        let symbol = DeflateSymbols.lengths[length]
        let lengthCode = literals.codes[symbol.symbol].then(symbol.extra)
        let distanceCode = distanceCodes[distance]
        if lengthCode.width + distanceCode.width <= 32 {
            let both = lengthCode.then(distanceCode)
            for _ in 0..<count { bits.write(both) }
        } else {
            for _ in 0..<count {
                bits.write(lengthCode)
                bits.write(distanceCode)
            }
        }
    }
}
