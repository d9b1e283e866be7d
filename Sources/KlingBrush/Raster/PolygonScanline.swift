/// One non-horizontal polygon edge, oriented top to bottom.
private struct Edge {
    var yTop: Double
    var yBottom: Double
    var xAtTop: Double
    /// dx/dy.
    var slope: Double
    /// +1 when the original edge pointed down, −1 when up.
    var winding: Int
}

private struct Crossing {
    var x: Double
    var winding: Int
}

extension SpanTarget {
    /// Fills a polygon (pixels, user space) with the non-zero winding rule, by scanline over
    /// an edge list: each row costs the edges crossing it plus the pixels it fills.
    mutating func polygon(_ points: [UserPoint], value: UInt8) {
        guard points.count >= 3 else { return }
        var edges: [Edge] = []
        edges.reserveCapacity(points.count)
        for index in points.indices {
            let a = points[index]
            let b = points[(index + 1) % points.count]
            guard a.y != b.y else { continue }
            let (top, bottom, winding) = a.y < b.y ? (a, b, 1) : (b, a, -1)
            edges.append(
                Edge(
                    yTop: top.y, yBottom: bottom.y, xAtTop: top.x,
                    slope: (bottom.x - top.x) / (bottom.y - top.y), winding: winding))
        }
        guard !edges.isEmpty else { return }
        edges.sort { $0.yTop < $1.yTop }
        let minY = edges[0].yTop
        let maxY = edges.reduce(-Double.infinity) { max($0, $1.yBottom) }
        var next = 0
        var active: [Edge] = []
        var crossings: [Crossing] = []
        for row in rows(from: minY, to: maxY) {
            let y = Double(row) + 0.5
            while next < edges.count, edges[next].yTop <= y {
                active.append(edges[next])
                next += 1
            }
            active.removeAll { $0.yBottom <= y }
            crossings.removeAll(keepingCapacity: true)
            for edge in active where edge.yTop <= y {
                crossings.append(
                    Crossing(x: edge.xAtTop + (y - edge.yTop) * edge.slope, winding: edge.winding))
            }
            crossings.sort { $0.x < $1.x }
            var sum = 0
            var spanStart = 0.0
            for crossing in crossings {
                let before = sum
                sum += crossing.winding
                if before == 0, sum != 0 {
                    spanStart = crossing.x
                } else if before != 0, sum == 0 {
                    span(row: row, from: spanStart, to: crossing.x, value: value)
                }
            }
        }
    }
}
