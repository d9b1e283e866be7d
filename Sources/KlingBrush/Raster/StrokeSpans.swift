extension SpanTarget {
    /// A round-capped, round-joined polyline of `width` pixels: the union of one capsule per
    /// segment. Each capsule is convex, so on every row it covers one span, computed directly;
    /// spans of neighbouring capsules may overlap, which setting or clearing tolerates.
    mutating func stroke(_ points: [UserPoint], width: Double, value: UInt8) {
        let h = width / 2
        guard h > 0, let first = points.first else { return }
        guard points.count > 1 else {
            ellipse(centre: first, rx: h, ry: h, value: value)
            return
        }
        for index in 1..<points.count {
            capsule(points[index - 1], points[index], radius: h, value: value)
        }
    }

    /// The set of points within `radius` of segment PQ.
    mutating func capsule(_ p: UserPoint, _ q: UserPoint, radius h: Double, value: UInt8) {
        let dx = q.x - p.x
        let dy = q.y - p.y
        let length = (dx * dx + dy * dy).squareRoot()
        let ux = length > 0 ? dx / length : 0
        let uy = length > 0 ? dy / length : 0
        for row in rows(from: min(p.y, q.y) - h, to: max(p.y, q.y) + h) {
            let y = Double(row) + 0.5
            var lo = Double.infinity
            var hi = -Double.infinity
            for end in [p, q] {
                let ey = y - end.y
                let t = h * h - ey * ey
                if t > 0 {
                    let w = t.squareRoot()
                    lo = min(lo, end.x - w)
                    hi = max(hi, end.x + w)
                }
            }
            if length > 0 {
                // Points (x, y) with 0 ≤ (x−p)·u ≤ length and |(x−p)·n| ≤ h, n = (−uy, ux).
                var band = Interval.everything
                band.constrain(a: ux, c: (y - p.y) * uy - p.x * ux, lo: 0, hi: length)
                band.constrain(a: -uy, c: (y - p.y) * ux + p.x * uy, lo: -h, hi: h)
                if band.lo < band.hi {
                    lo = min(lo, band.lo)
                    hi = max(hi, band.hi)
                }
            }
            if lo < hi { span(row: row, from: lo, to: hi, value: value) }
        }
    }
}

/// An interval of x, narrowed by linear constraints lo ≤ a·x + c ≤ hi.
private struct Interval {
    var lo: Double
    var hi: Double

    static let everything = Interval(lo: -.infinity, hi: .infinity)

    mutating func constrain(a: Double, c: Double, lo bandLo: Double, hi bandHi: Double) {
        if abs(a) < 1e-12 {
            if c < bandLo || c > bandHi {
                lo = .infinity
                hi = -.infinity
            }
            return
        }
        let x0 = (bandLo - c) / a
        let x1 = (bandHi - c) / a
        lo = max(lo, min(x0, x1))
        hi = min(hi, max(x0, x1))
    }
}
