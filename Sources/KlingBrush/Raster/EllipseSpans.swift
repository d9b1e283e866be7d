extension SpanTarget {
    /// An axis-aligned ellipse, centre and radii in pixels, one span per row.
    mutating func ellipse(centre: UserPoint, rx: Double, ry: Double, value: UInt8) {
        guard rx > 0, ry > 0 else { return }
        for row in rows(from: centre.y - ry, to: centre.y + ry) {
            let dy = (Double(row) + 0.5 - centre.y) / ry
            let t = 1 - dy * dy
            guard t > 0 else { continue }
            let half = rx * t.squareRoot()
            span(row: row, from: centre.x - half, to: centre.x + half, value: value)
        }
    }

    /// The rectangle between two corners, in pixels.
    mutating func rect(_ a: UserPoint, _ b: UserPoint, value: UInt8) {
        let x0 = min(a.x, b.x)
        let x1 = max(a.x, b.x)
        for row in rows(from: min(a.y, b.y), to: max(a.y, b.y)) {
            span(row: row, from: x0, to: x1, value: value)
        }
    }
}
