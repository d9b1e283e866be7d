/// A zlib stream (RFC 1950) of an 8-bit gray PNG's filtered rows, written from runs: each row is
/// filter byte 0 followed by the row's pixels, 255 inside its runs and 0 elsewhere, all in one
/// fixed-Huffman deflate block (RFC 1951, 3.2.6).
///
/// Every stretch of equal bytes (they run on across rows: a row's trailing zeros, the next
/// filter byte and its leading zeros are one stretch) is one literal and distance-1 matches of
/// up to 258 bytes. A row equal to the one before it (or the one before that) may instead be
/// copied at distance width + 1 (or twice that), when that is estimated to be shorter (rows of
/// many runs). The work is per run and
/// per 258 bytes of output; no byte of the picture is ever made.
struct RunDeflate {
    private var bits: DeflateBits
    private var adler = RunAdler32()
    private var pendingValue: UInt8 = 0
    private var pendingCount = 0

    /// The zlib stream of `rows` (each sorted, disjoint runs within `0..<width`).
    static func stream(rows: [[Range<Int>]], width: Int) -> [UInt8] {
        var deflate = RunDeflate(bits: DeflateBits(reserving: 64 + rows.count * (width / 1600 + 8)))
        // CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (check bits; no dictionary, level 0).
        deflate.bits.write(0x0178, bits: 16)
        // BFINAL = 1, BTYPE = 01 (fixed Huffman).
        deflate.bits.write(0b011, bits: 3)
        let rowBytes = width + 1
        // Copies of the row above and of the one above that (a checkerboard), within the window.
        let copies: [(rowsBack: Int, code: FixedHuffman.Code)] = (1...2).compactMap { back in
            rowBytes >= 3 && back * rowBytes <= 32768 ? (back, FixedHuffman.distance(back * rowBytes)) : nil
        }
        for (index, runs) in rows.enumerated() {
            let copy = copies.first { back, code in
                index >= back && runs.count >= 2 && copyCost(rowBytes, code) < runCost(runs, width: width)
                    && runs == rows[index - back]
            }
            if let copy {
                deflate.copyRow(runs, width: width, distance: copy.code)
            } else {
                deflate.appendRow(runs, width: width)
            }
        }
        deflate.flush()
        deflate.bits.write(FixedHuffman.endOfBlock)
        var bytes = deflate.bits.finish()
        withUnsafeBytes(of: deflate.adler.value.bigEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// About how many bits a row's runs take as literals and distance-1 matches: a literal and a
    /// short match at each of its edges, and a 13-bit match per 258 bytes.
    private static func runCost(_ runs: [Range<Int>], width: Int) -> Int {
        2 * runs.count * (9 + 13) + (width / 258) * 13
    }

    /// How many bits a copy of a whole row at `distance` takes.
    private static func copyCost(_ rowBytes: Int, _ distance: FixedHuffman.Code) -> Int {
        (rowBytes + 257) / 258 * (13 + distance.width)
    }

    /// The row's bytes, in order: filter byte 0, then gaps of 0 and runs of 255.
    @inline(__always)
    private static func forEachStretch(_ runs: [Range<Int>], width: Int, _ body: (UInt8, Int) -> Void) {
        body(0, 1)
        var column = 0
        for run in runs {
            body(0, run.lowerBound - column)
            body(255, run.count)
            column = run.upperBound
        }
        body(0, width - column)
    }

    private mutating func appendRow(_ runs: [Range<Int>], width: Int) {
        Self.forEachStretch(runs, width: width) { value, count in append(value, count: count) }
    }

    /// The row as matches of the row before it.
    private mutating func copyRow(_ runs: [Range<Int>], width: Int, distance: FixedHuffman.Code) {
        flush()
        Self.forEachStretch(runs, width: width) { value, count in adler.add(value, count: count) }
        var remaining = width + 1
        while remaining > 0 {
            let length = Self.matchLength(remaining)
            bits.write(FixedHuffman.lengths[length])
            bits.write(distance)
            remaining -= length
        }
    }

    /// Adds `count` bytes of `value` to the pending stretch, writing the stretch before it when
    /// the value changes.
    @inline(__always)
    private mutating func append(_ value: UInt8, count: Int) {
        guard count > 0 else { return }
        adler.add(value, count: count)
        if pendingCount > 0, value == pendingValue {
            pendingCount += count
            return
        }
        flush()
        pendingValue = value
        pendingCount = count
    }

    /// Writes the pending stretch: one literal, then distance-1 matches, then at most two
    /// literals.
    private mutating func flush() {
        guard pendingCount > 0 else { return }
        let literal = FixedHuffman.literals[Int(pendingValue)]
        bits.write(literal)
        var remaining = pendingCount - 1
        while remaining >= 3 {
            let length = Self.matchLength(remaining)
            bits.write(FixedHuffman.distanceOneMatches[length])
            remaining -= length
        }
        for _ in 0..<remaining { bits.write(literal) }
        pendingCount = 0
    }

    /// The next match length for `remaining` (≥ 3) bytes: 258 at most, leaving either nothing
    /// or at least 3 for the next match.
    @inline(__always)
    private static func matchLength(_ remaining: Int) -> Int {
        if remaining <= 258 { return remaining }
        let rest = remaining - 258
        return rest < 3 ? remaining - 3 : 258
    }
}
