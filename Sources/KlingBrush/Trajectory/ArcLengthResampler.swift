/// Places points along a polyline at given shares of its length.
enum ArcLengthResampler {
    /// `count` points along `polyline` at the length shares `easing(i / (count − 1))`; the
    /// first and last are the polyline's own ends, exactly. A zero-length polyline gives
    /// `count` copies of its first point.
    static func resample(_ polyline: [UserPoint], count: Int, easing: Easing) -> [UserPoint] {
        guard let first = polyline.first, let last = polyline.last, count >= 2 else {
            return Array(polyline.prefix(max(count, 0)))
        }
        var cumulative: [Double] = [0]
        cumulative.reserveCapacity(polyline.count)
        for index in 1..<max(polyline.count, 1) {
            cumulative.append(cumulative[index - 1] + distance(polyline[index - 1], polyline[index]))
        }
        let total = cumulative[cumulative.count - 1]
        guard total > 0 else { return [UserPoint](repeating: first, count: count) }
        var out: [UserPoint] = [first]
        var segment = 1
        for i in 1..<(count - 1) {
            let target = share(easing, index: i, count: count) * total
            while segment < cumulative.count - 1, cumulative[segment] < target { segment += 1 }
            // Eased shares are monotonic, but walk back if a rounding says otherwise.
            while segment > 1, cumulative[segment - 1] > target { segment -= 1 }
            let a = polyline[segment - 1]
            let b = polyline[segment]
            let length = cumulative[segment] - cumulative[segment - 1]
            let t = length > 0 ? (target - cumulative[segment - 1]) / length : 0
            out.append(UserPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
        }
        out.append(last)
        return out
    }

    /// The share of the length (0…1) at which point `index` of `count` lies:
    /// `easing(index / (count − 1))`, clamped; the last point is at 1.
    static func share(_ easing: Easing, index: Int, count: Int) -> Double {
        guard index < count - 1 else { return 1 }
        return min(max(easing.apply(Double(index) / Double(count - 1)), 0), 1)
    }

    static func length(_ polyline: [UserPoint]) -> Double {
        guard polyline.count > 1 else { return 0 }
        var total = 0.0
        for index in 1..<polyline.count { total += distance(polyline[index - 1], polyline[index]) }
        return total
    }

    static func distance(_ a: UserPoint, _ b: UserPoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        return (dx * dx + dy * dy).squareRoot()
    }
}
