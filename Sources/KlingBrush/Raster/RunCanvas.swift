import KlingCheck

/// Inserting and removing a run in one row's sorted, disjoint, non-touching runs.
enum RowRuns {
    /// Adds `run` to `runs`, merging every run it overlaps or touches.
    @inline(__always)
    static func insert(_ run: Range<Int>, into runs: inout [Range<Int>]) {
        guard !run.isEmpty else { return }
        // Fast path: the common case of a run after every other (spans drawn left to right).
        if runs.isEmpty || runs[runs.count - 1].upperBound < run.lowerBound {
            runs.append(run)
            return
        }
        // First run that ends at or after the new one's start (it overlaps or touches)…
        let first = firstIndex(in: runs) { $0.upperBound >= run.lowerBound }
        // …and the first that starts after its end (neither overlaps nor touches).
        let end = firstIndex(in: runs, from: first) { $0.lowerBound > run.upperBound }
        guard first < end else {
            runs.insert(run, at: first)
            return
        }
        let merged =
            min(run.lowerBound, runs[first].lowerBound)..<max(run.upperBound, runs[end - 1].upperBound)
        runs.replaceSubrange(first..<end, with: CollectionOfOne(merged))
    }

    /// Takes `run` out of `runs`, cutting the runs it overlaps.
    @inline(__always)
    static func remove(_ run: Range<Int>, from runs: inout [Range<Int>]) {
        guard !run.isEmpty, !runs.isEmpty else { return }
        let first = firstIndex(in: runs) { $0.upperBound > run.lowerBound }
        let end = firstIndex(in: runs, from: first) { $0.lowerBound >= run.upperBound }
        guard first < end else { return }
        var pieces: [Range<Int>] = []
        if runs[first].lowerBound < run.lowerBound { pieces.append(runs[first].lowerBound..<run.lowerBound) }
        if runs[end - 1].upperBound > run.upperBound { pieces.append(run.upperBound..<runs[end - 1].upperBound) }
        runs.replaceSubrange(first..<end, with: pieces)
    }

    /// The first index from `start` where `predicate` holds (it holds for every later index).
    @inline(__always)
    private static func firstIndex(
        in runs: [Range<Int>], from start: Int = 0, where predicate: (Range<Int>) -> Bool
    ) -> Int {
        var low = start
        var high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(runs[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// A mask being drawn as runs: every rasteriser draws into it as into ``SpanCanvas``; value 255
/// inserts a run, 0 removes it.
struct RunCanvas: SpanTarget {
    let width: Int
    let height: Int
    var rows: [[Range<Int>]]

    init(size: PixelSize) {
        width = size.width
        height = size.height
        rows = [[Range<Int>]](repeating: [], count: size.height)
    }

    @inline(__always)
    mutating func fill(row: Int, columns: Range<Int>, value: UInt8) {
        if value >= 128 {
            RowRuns.insert(columns, into: &rows[row])
        } else {
            RowRuns.remove(columns, from: &rows[row])
        }
    }

    /// Sets (or clears) every pixel.
    mutating func fillAll(value: UInt8) {
        let full: [Range<Int>] = value >= 128 && width > 0 ? [0..<width] : []
        rows = [[Range<Int>]](repeating: full, count: height)
    }

    var mask: MaskRuns {
        MaskRuns(size: PixelSize(width: width, height: height), canonicalRows: rows)
    }
}
