/// Receives deflate tokens (RFC 1951, 3.2.5) in order.
protocol RunTokenSink {
    /// One literal byte.
    mutating func literal(_ value: UInt8)
    /// `count` matches of `length` (3…258) at the distance of ``RunTokens/distances``[`distance`].
    mutating func matches(length: Int, count: Int, distance: Int)
}

/// The literals and matches that spell an 8-bit gray PNG's filtered rows from runs: each row is
/// filter byte 0 followed by the row's pixels, 255 inside its runs and 0 elsewhere.
///
/// Every stretch of equal bytes (they run on across rows: a row's trailing zeros, the next
/// filter byte and its leading zeros are one stretch) is one literal and distance-1 matches of
/// up to 258 bytes. A row equal to the one before it (or the one before that) is instead copied
/// at distance width + 1 (or twice that) when that is estimated to be shorter (rows of many
/// runs). The work is per run and per 258 bytes; no byte of the picture is ever made.
struct RunTokens {
    let rows: [[Range<Int>]]
    let width: Int
    /// Distance 1, then the row copies' distances: one row back, two rows back (those within
    /// the 32 KiB window).
    let distances: [Int]
    /// Per row: 0 to spell the row out, else the index in ``distances`` of the row it copies.
    private let copies: [Int]

    init(rows: [[Range<Int>]], width: Int) {
        self.rows = rows
        self.width = width
        let rowBytes = width + 1
        let backs = (1...2).filter { back in rowBytes >= 3 && back * rowBytes <= 32768 }
        distances = [1] + backs.map { $0 * rowBytes }
        var copies = [Int](repeating: 0, count: rows.count)
        let copyCosts = backs.map { Self.copyCost(rowBytes, distance: $0 * rowBytes) }
        for (index, runs) in rows.enumerated() where runs.count >= 2 {
            let cost = Self.runCost(runs, width: width)
            if let slot = backs.indices.first(where: { slot in
                index >= backs[slot] && copyCosts[slot] < cost && runs == rows[index - backs[slot]]
            }) {
                copies[index] = slot + 1
            }
        }
        self.copies = copies
    }

    /// About how many bits a row's runs take in a code fitted to mask rows: at each edge of a
    /// run a literal and a match of some length (about 14 bits), and 2 bits per 258 bytes.
    private static func runCost(_ runs: [Range<Int>], width: Int) -> Int {
        2 * runs.count * 14 + (width / 258) * 2
    }

    /// About how many bits a copy of a whole row at `distance` takes: per 258 bytes a length
    /// code, a distance code and the distance's extra bits.
    private static func copyCost(_ rowBytes: Int, distance: Int) -> Int {
        (rowBytes + 257) / 258 * (6 + DeflateSymbols.distance(distance).extra.width)
    }

    /// Sends every token of the rows, in order.
    func emit<Sink: RunTokenSink>(into sink: inout Sink) {
        var pendingValue: UInt8 = 0
        var pendingCount = 0
        for (index, runs) in rows.enumerated() {
            if copies[index] > 0 {
                Self.flush(pendingValue, pendingCount, into: &sink)
                pendingCount = 0
                Self.matches(width + 1, distance: copies[index], into: &sink)
                continue
            }
            forEachStretch(runs) { value, count in
                guard count > 0 else { return }
                if pendingCount > 0, value == pendingValue {
                    pendingCount += count
                    return
                }
                Self.flush(pendingValue, pendingCount, into: &sink)
                pendingValue = value
                pendingCount = count
            }
        }
        Self.flush(pendingValue, pendingCount, into: &sink)
    }

    /// The Adler-32 (RFC 1950) of the rows' bytes.
    func adler32() -> UInt32 {
        var adler = RunAdler32()
        for runs in rows { forEachStretch(runs) { value, count in adler.add(value, count: count) } }
        return adler.value
    }

    /// A row's bytes, in order: filter byte 0, then gaps of 0 and runs of 255 (some empty).
    @inline(__always)
    private func forEachStretch(_ runs: [Range<Int>], _ body: (UInt8, Int) -> Void) {
        body(0, 1)
        var column = 0
        for run in runs {
            body(0, run.lowerBound - column)
            body(255, run.count)
            column = run.upperBound
        }
        body(0, width - column)
    }

    /// A stretch of `count` bytes of `value`: one literal, then distance-1 matches, or at most
    /// two more literals when fewer than 3 bytes follow the first.
    @inline(__always)
    private static func flush<Sink: RunTokenSink>(_ value: UInt8, _ count: Int, into sink: inout Sink) {
        guard count > 0 else { return }
        sink.literal(value)
        if count - 1 < 3 {
            for _ in 1..<count { sink.literal(value) }
        } else {
            matches(count - 1, distance: 0, into: &sink)
        }
    }

    /// Matches covering `total` (≥ 3) bytes: 258 bytes each, and a shorter last one, or a last
    /// two of 255 + r and 3 when 258 would leave r = 1 or 2 bytes.
    @inline(__always)
    private static func matches<Sink: RunTokenSink>(_ total: Int, distance: Int, into sink: inout Sink) {
        let (full, rest) = total.quotientAndRemainder(dividingBy: 258)
        if rest == 0 || rest >= 3 {
            if full > 0 { sink.matches(length: 258, count: full, distance: distance) }
            if rest > 0 { sink.matches(length: rest, count: 1, distance: distance) }
        } else {
            if full > 1 { sink.matches(length: 258, count: full - 1, distance: distance) }
            sink.matches(length: 255 + rest, count: 1, distance: distance)
            sink.matches(length: 3, count: 1, distance: distance)
        }
    }
}
