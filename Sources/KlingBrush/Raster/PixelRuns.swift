public import KlingCheck

/// A run of whole pixels on one row: the unit the shape rasterisers produce.
public struct PixelRun: Sendable, Hashable {
    /// The row, from the top (user space).
    public let row: Int
    /// The columns, from the left; within `0..<width` of the grid.
    public let columns: Range<Int>
}

/// The pixels a shape covers on a grid, as rows of runs, by the same pixel-centre rule as the
/// masks (a pixel is covered when its centre is). For drawing shapes into pictures other than
/// masks (KlingPreview paints them in colour); runs of one shape may overlap.
public enum PixelRuns {
    /// A round-capped, round-joined polyline of `width` pixels through user-space points.
    public static func stroke(_ points: [UserPoint], width: Double, on size: PixelSize) -> [PixelRun] {
        collect(size) { $0.stroke(points, width: width, value: 255) }
    }

    /// A filled disc of `radius` pixels around a user-space point.
    public static func disc(centre: UserPoint, radius: Double, on size: PixelSize) -> [PixelRun] {
        collect(size) { $0.ellipse(centre: centre, rx: radius, ry: radius, value: 255) }
    }

    /// A filled polygon (non-zero winding) through user-space points.
    public static func polygon(_ points: [UserPoint], on size: PixelSize) -> [PixelRun] {
        collect(size) { $0.polygon(points, value: 255) }
    }

    private static func collect(_ size: PixelSize, _ draw: (inout RunCollector) -> Void) -> [PixelRun] {
        var collector = RunCollector(width: max(size.width, 0), height: max(size.height, 0))
        draw(&collector)
        return collector.runs
    }
}

/// A span target that keeps the runs instead of filling bytes.
private struct RunCollector: SpanTarget {
    let width: Int
    let height: Int
    var runs: [PixelRun] = []

    mutating func fill(row: Int, columns: Range<Int>, value: UInt8) {
        runs.append(PixelRun(row: row, columns: columns))
    }
}
