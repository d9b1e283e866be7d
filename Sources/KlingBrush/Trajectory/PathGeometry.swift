import KlingCheck
import RealModule
extension PathForm {
    /// The path as a dense polyline in user-space pixels on a grid of `size`, from its first
    /// point to its last. Straight forms give their vertices; curved forms are sampled finely
    /// enough (≤ 1° per arc step, 32 pieces per curve span) that resampling by arc length
    /// does not see the facets.
    ///
    /// - Parameter start: where paths without a written start begin (the area's centre).
    func polyline(size: PixelSize, start: UserPoint) -> [UserPoint] {
        func p(_ spec: PointSpec) -> UserPoint { spec.resolve(in: size) }
        switch self {
        case .line(let from, let to):
            return [from.map(p) ?? start, p(to)]
        case .polyline(let from, let through):
            return [from.map(p) ?? start] + through.map(p)
        case .curve(let from, let through):
            return CatmullRom.sample([from.map(p) ?? start] + through.map(p))
        case .arc(let from, let to, let bend):
            return Self.arc(p(from), p(to), bend: bend)
        case .orbit(let centre, let radius, let turns, let fromDegrees, let clockwise):
            let c = p(centre)
            let r = radius.lengthPixels(in: size)
            let steps = Self.orbitSteps(turns: turns)
            let startAngle = fromDegrees * ScreenAngles.halfPi / 90
            let sweep = (clockwise ? -4 : 4) * ScreenAngles.halfPi * turns
            return (0...steps).map { i in
                let angle = startAngle + sweep * Double(i) / Double(steps)
                let sc = (sin: Double.sin(angle), cos: Double.cos(angle))
                return UserPoint(x: c.x + r * sc.cos, y: c.y - r * sc.sin)
            }
        case .wave(let from, let to, let amplitude, let cycles):
            let a = p(from)
            let b = p(to)
            let k = amplitude.lengthPixels(in: size)
            let left = Self.leftNormal(a, b)
            let steps = Self.waveSteps(cycles: cycles)
            var points = (0...steps).map { i -> UserPoint in
                let s = Double(i) / Double(steps)
                let offset = k * Double.sin(4 * ScreenAngles.halfPi * cycles * s)
                return UserPoint(
                    x: a.x + s * (b.x - a.x) + offset * left.x, y: a.y + s * (b.y - a.y) + offset * left.y)
            }
            points[0] = a
            if cycles == cycles.rounded() || k == 0 { points[steps] = b }
            return points
        case .move(let direction, let distance):
            let d = distance.lengthPixels(in: size)
            let unit = ScreenAngles.direction(degrees: direction.angleDegrees)
            return [start, UserPoint(x: start.x + d * unit.x, y: start.y + d * unit.y)]
        case .still:
            return [start]
        }
    }

    /// Pieces of an orbit of `turns` turns: one per degree (at most 1,000 turns), at least 8.
    static func orbitSteps(turns: Double) -> Int { max(8, Int((360 * min(turns, 1000)).rounded(.up))) }

    /// Pieces of a wave of `cycles` cycles: 64 per cycle, between 64 and 20,000.
    static func waveSteps(cycles: Double) -> Int { max(64, min(20_000, Int((64 * cycles).rounded(.up)))) }

    /// The most pieces of an arc: one per degree of a sweep below a full turn.
    static let arcStepsBound = 360

    /// Unit vector to the left of travel from `a` to `b` as seen on screen (y down): (dy, −dx).
    static func leftNormal(_ a: UserPoint, _ b: UserPoint) -> UserPoint {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return UserPoint(x: 0, y: 0) }
        return UserPoint(x: dy / length, y: -dx / length)
    }

    /// A circular arc from `a` to `b` with sagitta `bend` × chord, positive to the left.
    static func arc(_ a: UserPoint, _ b: UserPoint, bend: Double) -> [UserPoint] {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let chord = (dx * dx + dy * dy).squareRoot()
        guard chord > 0, bend != 0 else { return [a, b] }
        let n = leftNormal(a, b)
        let s = bend * chord
        let radius = (chord * chord / 4 + s * s) / (2 * abs(s))
        let mid = UserPoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
        let apex = UserPoint(x: mid.x + s * n.x, y: mid.y + s * n.y)
        let toCentre = s > 0 ? s - radius : s + radius
        let centre = UserPoint(x: mid.x + toCentre * n.x, y: mid.y + toCentre * n.y)
        func angle(_ q: UserPoint) -> Double { Double.atan2(y: q.y - centre.y, x: q.x - centre.x) }
        let fullTurn = 4 * ScreenAngles.halfPi
        func positive(_ value: Double) -> Double {
            let r = value.truncatingRemainder(dividingBy: fullTurn)
            return r < 0 ? r + fullTurn : r
        }
        let start = angle(a)
        let forward = positive(angle(b) - start)
        let sweep = positive(angle(apex) - start) < forward ? forward : forward - fullTurn
        let steps = max(16, Int((abs(sweep) * 90 / ScreenAngles.halfPi).rounded(.up)))
        var points = (0...steps).map { i -> UserPoint in
            let angle = start + sweep * Double(i) / Double(steps)
            let sc = (sin: Double.sin(angle), cos: Double.cos(angle))
            return UserPoint(x: centre.x + radius * sc.cos, y: centre.y + radius * sc.sin)
        }
        points[0] = a
        points[steps] = b
        return points
    }
}
