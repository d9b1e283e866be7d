extension MaskRuns {
    /// Count, bounds and centroid of the inside pixels, from the runs: the same values as
    /// ``MaskFacts/init(_:)`` on ``grayMask()`` (the centroid's sums are taken in the same
    /// order, row by row), in time proportional to the rows and runs.
    public var facts: MaskFacts {
        var sumX = 0.0
        var sumY = 0.0
        var total = 0
        var box: PixelBox?
        for (row, runs) in rows.enumerated() {
            guard let first = runs.first, let last = runs.last else { continue }
            var rowCount = 0
            var rowSum = 0
            for run in runs {
                let length = run.count
                rowCount &+= length
                // lowerBound + … + (upperBound − 1), exactly.
                rowSum &+= (run.lowerBound + run.upperBound - 1) * length / 2
            }
            total += rowCount
            sumX += Double(rowSum) + 0.5 * Double(rowCount)
            sumY += (Double(row) + 0.5) * Double(rowCount)
            let rowBox = PixelBox(minX: first.lowerBound, minY: row, maxX: last.upperBound - 1, maxY: row)
            box = box.map { $0.union(rowBox) } ?? rowBox
        }
        return MaskFacts(
            count: total, gridPixels: width * height, bounds: box,
            centroid: total > 0 ? UserPoint(x: sumX / Double(total), y: sumY / Double(total)) : nil)
    }

    /// Number of inside pixels.
    public var whiteCount: Int { rows.reduce(0) { total, runs in runs.reduce(total) { $0 + $1.count } } }

    /// Fraction of the pixels that are inside, 0…1.
    public var whiteShare: Double {
        width * height == 0 ? 0 : Double(whiteCount) / Double(width * height)
    }

    /// The smallest box holding every inside pixel (user pixels, top-left origin), or `nil`
    /// when the mask is empty.
    public var whiteBounds: PixelBox? {
        var box: PixelBox?
        for (row, runs) in rows.enumerated() {
            guard let first = runs.first, let last = runs.last else { continue }
            let rowBox = PixelBox(minX: first.lowerBound, minY: row, maxX: last.upperBound - 1, maxY: row)
            box = box.map { $0.union(rowBox) } ?? rowBox
        }
        return box
    }

    /// The centroid of the inside pixels' centres (user pixels, top-left origin), as
    /// ``GrayMask/whiteCentroid``: the **area centre** paths without a start begin at. `nil`
    /// when the mask is empty.
    public var whiteCentroid: UserPoint? { facts.centroid }
}
