import KlingCheck
import TestSupport
import Testing

@testable import KlingImage

/// Masks written from runs, decoded back with libpng and compared pixel for pixel.
struct MaskPNGEncoderTests {
    /// The 0/255 bytes of `rows`, row-major from the top-left.
    static func bytes(_ rows: [[Range<Int>]], width: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * rows.count)
        for (row, runs) in rows.enumerated() {
            for run in runs {
                for column in run { pixels[row * width + column] = 255 }
            }
        }
        return pixels
    }

    /// Random sorted, disjoint runs (touching allowed) on `height` rows of `width`.
    static func randomRows(width: Int, height: Int, _ g: inout SeededGenerator) -> [[Range<Int>]] {
        (0..<height).map { _ in
            var runs: [Range<Int>] = []
            var column = Int.random(in: 0...width, using: &g)
            while column < width {
                let end = min(width, column + Int.random(in: 1...max(1, width / 3 + 1), using: &g))
                runs.append(column..<end)
                column = end + Int.random(in: 0...max(1, width / 4), using: &g)
            }
            return runs
        }
    }

    /// Encodes, checks libpng reads the file without a warning, and compares every pixel.
    static func roundTrip(_ rows: [[Range<Int>]], width: Int, _ comment: Comment) throws -> [UInt8] {
        let png = try MaskPNGEncoder.encode(rows: rows, width: width)
        let report = try ImageDecoder.verify(bytes: png)
        #expect(report.width == width && report.height == rows.count, comment)
        #expect(report.warningCount == 0, "\(report.warnings) \(comment)")
        let info = try ImageProbe.probe(bytes: png)
        #expect(
            info.format == .png && info.png?.colorType == 0 && info.png?.bitDepth == 8 && info.png?.interlaced == false,
            comment)
        let picture = try MaskPicture(bytes: png)
        #expect(!picture.hasAlpha, comment)
        #expect(picture.white == bytes(rows, width: width), comment)
        #expect(picture.counts.white + picture.counts.black == width * rows.count, comment)
        return png
    }

    @Test(arguments: [1, 2, 3, 257, 258, 259, 3840, 8192])
    func randomRowsDecodeToTheSamePixels(width: Int) throws {
        var g = SeededGenerator(seed: UInt64(width) &* 0x9E37)
        for height in [1, 2, 3, 7, 40] {
            let rows = Self.randomRows(width: width, height: height, &g)
            _ = try Self.roundTrip(rows, width: width, "\(width)x\(height)")
        }
    }

    @Test(arguments: [1, 2, 257, 258, 259, 3840])
    func emptyFullAndAlternatingMasks(width: Int) throws {
        let height = 9
        let empty = [[Range<Int>]](repeating: [], count: height)
        let full = [[Range<Int>]](repeating: [0..<width], count: height)
        // Single pixels every other column; shifted by one on odd rows, then the same on every row.
        let shifted = (0..<height).map { row in stride(from: row % 2, to: width, by: 2).map { $0..<($0 + 1) } }
        let same = [[Range<Int>]](repeating: stride(from: 0, to: width, by: 2).map { $0..<($0 + 1) }, count: height)
        // Full, empty and alternating rows mixed.
        let mixed = (0..<height).map { row in row % 3 == 0 ? [0..<width] : row % 3 == 1 ? [] : same[0] }
        for (name, rows) in [("empty", empty), ("full", full), ("shifted", shifted), ("same", same), ("mixed", mixed)] {
            _ = try Self.roundTrip(rows, width: width, "\(name) \(width)")
        }
    }

    @Test func largeMasksKeepTheAdlerSumModulo65521() throws {
        // 8192 × 40 fully inside: far more than 65521 inside pixels; 16384 × 16 of random runs.
        _ = try Self.roundTrip([[Range<Int>]](repeating: [0..<8192], count: 40), width: 8192, "full 8192x40")
        var g = SeededGenerator(seed: 16384)
        _ = try Self.roundTrip(Self.randomRows(width: 16384, height: 16, &g), width: 16384, "16384x16")
        let band = (0..<64).map { row in row >= 20 && row < 44 ? [0..<3840] : [] }
        _ = try Self.roundTrip(band, width: 3840, "band")
    }

    @Test func touchingRunsAreAccepted() throws {
        _ = try Self.roundTrip([[0..<3, 3..<5, 7..<9], [], [0..<1, 1..<9]], width: 9, "touching")
    }

    @Test func badRunsAreRefused() {
        #expect(throws: ImageError.invalidMaskRun(row: 1, run: 5..<11, width: 10)) {
            try MaskPNGEncoder.encode(rows: [[], [0..<2, 5..<11]], width: 10)
        }
        #expect(throws: ImageError.invalidMaskRun(row: 0, run: 2..<4, width: 10)) {
            try MaskPNGEncoder.encode(rows: [[1..<3, 2..<4]], width: 10)
        }
        #expect(throws: ImageError.invalidMaskRun(row: 0, run: 3..<3, width: 10)) {
            try MaskPNGEncoder.encode(rows: [[3..<3]], width: 10)
        }
        #expect(throws: ImageError.self) { try MaskPNGEncoder.encode(rows: [], width: 10) }
        #expect(throws: ImageError.self) { try MaskPNGEncoder.encode(rows: [[]], width: 0) }
    }

    @Test func adlerOfRunsEqualsTheByteSum() {
        var g = SeededGenerator(seed: 0xADE1)
        for _ in 0..<200 {
            var adler = RunAdler32()
            var s1: UInt32 = 1
            var s2: UInt32 = 0
            for _ in 0..<Int.random(in: 1...8, using: &g) {
                let value = UInt8.random(in: 0...255, using: &g)
                let count = Int.random(in: 0...200_000, using: &g)
                adler.add(value, count: count)
                for _ in 0..<count {
                    s1 = (s1 + UInt32(value)) % 65521
                    s2 = (s2 + s1) % 65521
                }
            }
            #expect(adler.value == s2 << 16 | s1)
        }
    }

    @Test func alphabetsOfOneOrTwoSymbolsAreValid() throws {
        // Only literal 0 (and end-of-block): empty masks; literal 0 and 255 without matches: 1×1.
        for (width, height) in [(1, 1), (1, 2), (2, 1), (3, 1), (1, 5000), (3840, 2160), (16384, 2)] {
            let empty = [[Range<Int>]](repeating: [], count: height)
            let full = [[Range<Int>]](repeating: [0..<width], count: height)
            _ = try Self.roundTrip(empty, width: width, "empty \(width)x\(height)")
            _ = try Self.roundTrip(full, width: width, "full \(width)x\(height)")
        }
        // Width 1, tall: every other row, every third row, a band.
        for period in [2, 3, 7] {
            let rows = (0..<3000).map { row in row % period == 0 ? [0..<1] : [] }
            _ = try Self.roundTrip(rows, width: 1, "width 1, period \(period)")
        }
        _ = try Self.roundTrip((0..<3000).map { $0 >= 1000 && $0 < 2000 ? [0..<1] : [] }, width: 1, "1 band")
    }

    @Test(arguments: [3840, 16384])
    func rowsOfTheMostRunsDecode(width: Int) throws {
        // Every other pixel: width / 2 runs a row, the same on every row (copied) or shifted.
        let same = [[Range<Int>]](repeating: stride(from: 0, to: width, by: 2).map { $0..<($0 + 1) }, count: 6)
        let shifted = (0..<6).map { row in stride(from: row % 2, to: width, by: 2).map { $0..<($0 + 1) } }
        // Every third row different: copies two rows back, then spelled-out rows.
        let third = (0..<9).map { row in row % 3 == 2 ? [] : shifted[row % 2] }
        for (name, rows) in [("same", same), ("shifted", shifted), ("third", third)] {
            _ = try Self.roundTrip(rows, width: width, "\(name) \(width)")
        }
    }

    @Test func huffmanLengthsAreLimitedAndComplete() {
        var g = SeededGenerator(seed: 0x4855_4646)
        // Fibonacci counts would want codes of 30 bits and more; random and sparse alphabets.
        var fibonacci = [1, 1]
        while fibonacci.count < 40 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        var alphabets: [(counts: [Int], limit: Int)] = [(fibonacci, 15), (Array(fibonacci.prefix(19)), 7)]
        for _ in 0..<200 {
            let size = [2, 3, 19, 30, 286][Int.random(in: 0..<5, using: &g)]
            let counts = (0..<size).map { _ in
                Bool.random(using: &g) ? 0 : Int.random(in: 1...(Bool.random(using: &g) ? 5 : 10_000_000), using: &g)
            }
            alphabets.append((counts, size == 19 ? 7 : 15))
        }
        for (counts, limit) in alphabets {
            let code = HuffmanCode(counts: counts, limit: limit)
            #expect(code.lengths.allSatisfy { $0 <= limit }, "\(counts)")
            #expect(zip(counts, code.lengths).allSatisfy { $0 == 0 || $1 > 0 }, "\(counts)")
            // Kraft sum exactly 1: neither over-subscribed nor incomplete.
            let kraft = code.lengths.reduce(0) { $0 + ($1 > 0 ? 1 << (limit - $1) : 0) }
            #expect(kraft == 1 << limit, "\(counts) → \(code.lengths)")
        }
        // Fewer than two counted symbols: two codes of one bit.
        #expect(HuffmanCode(counts: [0, 0, 0], limit: 15).lengths == [1, 1, 0])
        #expect(HuffmanCode(counts: [0, 0, 9], limit: 15).lengths == [1, 0, 1])
        #expect(HuffmanCode(counts: [4, 0, 0], limit: 15).lengths == [1, 1, 0])
        // Canonical codes (RFC 1951, 3.2.2's example): lengths 3 3 3 3 3 2 4 4.
        let codes = HuffmanCode.canonicalCodes(lengths: [3, 3, 3, 3, 3, 2, 4, 4])
        let expected = [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111]
        #expect(codes.map(\.width) == [3, 3, 3, 3, 3, 2, 4, 4])
        #expect(zip(codes, expected).allSatisfy { $0.bits == DeflateCode.reversed($1, width: $0.width) })
    }

    /// A mask of `width` × `height` where `inside(x, y)` holds, as runs (cost per pixel: tests only).
    static func drawn(width: Int, height: Int, _ inside: (Double, Double) -> Bool) -> [[Range<Int>]] {
        (0..<height).map { y in
            var runs: [Range<Int>] = []
            var start: Int?
            for x in 0...width {
                let isIn = x < width && inside(Double(x) + 0.5, Double(y) + 0.5)
                if isIn, start == nil { start = x }
                if !isIn, let first = start {
                    runs.append(first..<x)
                    start = nil
                }
            }
            return runs
        }
    }

    @Test func sizesAgainstZlib() throws {
        // 3840×2160 masks like a job's: an ellipse and a box (as ImageBenchmark draws), a
        // triangle, a thick diagonal stroke, a rectangle, and an empty one.
        let width = 3840
        let height = 2160
        let ellipseAndBox: [[Range<Int>]] = (0..<height).map { y in
            var runs: [Range<Int>] = []
            let dy = Double(y - 1000) / 300
            if dy * dy <= 1 {
                let half = 500 * (1 - dy * dy).squareRoot()
                let first = Int((1400 - half + 0.5).rounded(.up))
                let last = Int((1400 + half).rounded(.down))
                if first <= last { runs.append(first..<(last + 1)) }
            }
            if y > 1500 && y < 2000 { runs.append(2601..<3400) }
            return runs
        }
        let triangle = Self.drawn(width: width, height: height) { x, y in
            y > 300 && y < 1900 && abs(x - 1900) < (y - 300) * 0.8
        }
        let stroke = Self.drawn(width: width, height: height) { x, y in abs((x - 400) * 0.5 - (y - 100)) < 120 }
        let rect = (0..<height).map { y in y >= 432 && y < 1944 ? [384..<2688] : [] }
        let empty = [[Range<Int>]](repeating: [], count: height)
        var lines = ["mask          runs B   zlib B   ratio"]
        for (name, rows) in [
            ("ellipse+box", ellipseAndBox), ("triangle", triangle), ("stroke", stroke), ("rect", rect),
            ("empty", empty),
        ] {
            let png = try Self.roundTrip(rows, width: width, "\(name) mask")
            let zlib = try PNGEncoder.encode(
                pixels: Self.bytes(rows, width: width), width: width, height: height, channels: 1, options: .mask)
            let ratio = Double(png.count) / Double(zlib.count)
            let label = name + String(repeating: " ", count: max(0, 12 - name.count))
            lines.append("\(label)  \(png.count)  \(zlib.count)  \(ratio)")
            // One dynamic-Huffman block with codes fitted to the tokens, against zlib's level 1
            // RLE blocks.
            #expect(ratio <= 1.2, "\(name): runs \(png.count) B, zlib \(zlib.count) B")
        }
        print(lines.joined(separator: "\n"))
    }
}
