/// Centripetal Catmull–Rom interpolation (α = ½) through a list of points.
enum CatmullRom {
    /// A dense polyline through `points` (pixels), `samplesPerSegment` pieces per span, passing
    /// exactly through every given point. The ends are extended by mirroring their neighbours.
    /// Pieces per span between two given points.
    static let samplesPerSegment = 32

    static func sample(_ input: [UserPoint], samplesPerSegment: Int = Self.samplesPerSegment) -> [UserPoint] {
        var points: [UserPoint] = []
        for point in input where points.last != point { points.append(point) }
        guard points.count >= 3 else { return points }
        let first = points[0]
        let second = points[1]
        let last = points[points.count - 1]
        let beforeLast = points[points.count - 2]
        let extended =
            [UserPoint(x: 2 * first.x - second.x, y: 2 * first.y - second.y)] + points
            + [UserPoint(x: 2 * last.x - beforeLast.x, y: 2 * last.y - beforeLast.y)]
        var out: [UserPoint] = [first]
        for index in 1..<(extended.count - 2) {
            let p0 = extended[index - 1]
            let p1 = extended[index]
            let p2 = extended[index + 1]
            let p3 = extended[index + 2]
            let t0 = 0.0
            let t1 = t0 + knot(p0, p1)
            let t2 = t1 + knot(p1, p2)
            let t3 = t2 + knot(p2, p3)
            for step in 1...samplesPerSegment {
                if step == samplesPerSegment {
                    out.append(p2)
                    continue
                }
                let t = t1 + (t2 - t1) * Double(step) / Double(samplesPerSegment)
                out.append(barryGoldman(p0, p1, p2, p3, t0, t1, t2, t3, t))
            }
        }
        return out
    }

    /// Knot spacing |PQ|^½, never zero (mirrored end points can coincide with nothing here,
    /// but keep the division safe).
    private static func knot(_ p: UserPoint, _ q: UserPoint) -> Double {
        let dx = q.x - p.x
        let dy = q.y - p.y
        return max((dx * dx + dy * dy).squareRoot().squareRoot(), 1e-9)
    }

    private static func lerp(_ a: UserPoint, _ b: UserPoint, _ ta: Double, _ tb: Double, _ t: Double) -> UserPoint {
        let wa = (tb - t) / (tb - ta)
        let wb = (t - ta) / (tb - ta)
        return UserPoint(x: wa * a.x + wb * b.x, y: wa * a.y + wb * b.y)
    }

    private static func barryGoldman(
        _ p0: UserPoint, _ p1: UserPoint, _ p2: UserPoint, _ p3: UserPoint,
        _ t0: Double, _ t1: Double, _ t2: Double, _ t3: Double, _ t: Double
    ) -> UserPoint {
        let a1 = lerp(p0, p1, t0, t1, t)
        let a2 = lerp(p1, p2, t1, t2, t)
        let a3 = lerp(p2, p3, t2, t3, t)
        let b1 = lerp(a1, a2, t0, t2, t)
        let b2 = lerp(a2, a3, t1, t3, t)
        return lerp(b1, b2, t1, t2, t)
    }
}
