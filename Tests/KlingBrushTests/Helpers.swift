import TestSupport
import KlingCheck

@testable import KlingBrush

/// The most points a default trajectory gets in these tests: the API's limit, which the rule
/// book owns and KlingBrush takes as a parameter.
let apiMaximum = 77

/// Draws `text` at `width`×`height` with no resolver.
func mask(_ text: String, _ width: Int, _ height: Int, resolver: MaskResolver? = nil) throws -> GrayMask {
    try Area(parsing: text).rasterize(size: PixelSize(width: width, height: height), resolver: resolver)
}

/// A mask as rows of `#` (inside) and `.` (outside), for readable goldens.
func picture(_ mask: GrayMask) -> [String] {
    (0..<mask.height).map { row in
        String((0..<mask.width).map { mask[$0, row] == 255 ? "#" : (mask[$0, row] == 0 ? "." : "?") })
    }
}

/// Shoelace area of a polygon in pixels.
func shoelace(_ points: [UserPoint]) -> Double {
    var sum = 0.0
    for index in points.indices {
        let a = points[index]
        let b = points[(index + 1) % points.count]
        sum += a.x * b.y - b.x * a.y
    }
    return abs(sum) / 2
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}
