public import KlingCheck

extension MaskRuns {
    /// The mask resampled to `target` by nearest neighbour, from the runs: target pixel (x, y)
    /// takes source pixel (`(x·W + ⌊W/2⌋) / w`, `(y·H + ⌊H/2⌋) / h`), integer division, where
    /// W×H is ``size`` and w×h `target` — the pixel whose span holds the target pixel's centre,
    /// ties to the right. A source run `a..<b` becomes the target columns whose source column
    /// lies in it, so the cost is one step per target row and run, never per pixel.
    ///
    /// - Precondition: `target` is drawable (both sides positive) and ``size`` is not empty.
    public func scaled(to target: PixelSize) -> MaskRuns {
        precondition(target.isDrawable && size.isDrawable, "cannot scale a \(size) mask to \(target)")
        if target == size { return self }
        let (sourceWidth, sourceHeight) = (width, height)
        /// The first target column whose source column is at or after `column`.
        func firstTarget(atOrAfter column: Int) -> Int {
            let numerator = column * target.width - sourceWidth / 2
            let value = numerator <= 0 ? 0 : (numerator + sourceWidth - 1) / sourceWidth
            return min(value, target.width)
        }
        var scaledRows: [[Range<Int>]] = []
        scaledRows.reserveCapacity(target.height)
        var lastSource = -1
        var lastRuns: [Range<Int>] = []
        for y in 0..<target.height {
            let source = min(sourceHeight - 1, (y * sourceHeight + sourceHeight / 2) / target.height)
            if source != lastSource {
                lastSource = source
                lastRuns = []
                for run in rows[source] {
                    let mapped = firstTarget(atOrAfter: run.lowerBound)..<firstTarget(atOrAfter: run.upperBound)
                    if mapped.isEmpty { continue }
                    if let previous = lastRuns.last, previous.upperBound == mapped.lowerBound {
                        lastRuns[lastRuns.count - 1] = previous.lowerBound..<mapped.upperBound
                    } else {
                        lastRuns.append(mapped)
                    }
                }
            }
            scaledRows.append(lastRuns)
        }
        return MaskRuns(size: target, canonicalRows: scaledRows)
    }
}

extension MaskRuns {
    /// The mask resampled to `target` so that no area vanishes: target pixel (x, y) is inside
    /// when any source pixel its footprint covers is — columns `⌊x·W/w⌋ ..< ⌈(x+1)·W/w⌉`, rows
    /// likewise, W×H being ``size`` and w×h `target`. A 1-pixel line of an 8000×8000 grid stays a
    /// line at 1024×1024, where ``scaled(to:)`` would drop it (previews show every area). From
    /// the runs: a source run `a..<b` covers target columns `⌊a·w/W⌋ ..< ⌈b·w/W⌉`, merged into
    /// each target row its source row falls in; no per-pixel work.
    ///
    /// - Precondition: `target` is drawable (both sides positive) and ``size`` is not empty.
    public func covering(_ target: PixelSize) -> MaskRuns {
        precondition(target.isDrawable && size.isDrawable, "cannot scale a \(size) mask to \(target)")
        if target == size { return self }
        let (sourceWidth, sourceHeight) = (width, height)
        var scaledRows = [[Range<Int>]](repeating: [], count: target.height)
        for (row, runs) in rows.enumerated() where !runs.isEmpty {
            // The target rows whose footprint holds source row `row`.
            let first = row * target.height / sourceHeight
            let end = min(target.height, ((row + 1) * target.height + sourceHeight - 1) / sourceHeight)
            for run in runs {
                let low = run.lowerBound * target.width / sourceWidth
                let high = min(target.width, (run.upperBound * target.width + sourceWidth - 1) / sourceWidth)
                let columns = low..<high
                for targetRow in first..<max(first + 1, end) where targetRow < target.height {
                    RowRuns.insert(columns, into: &scaledRows[targetRow])
                }
            }
        }
        return MaskRuns(size: target, canonicalRows: scaledRows)
    }
}
