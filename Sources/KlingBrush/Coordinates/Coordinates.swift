public import KlingCheck

/// The result of placing a user-space point on the API's pixel grid.
public struct APIConversion: Sendable, Hashable {
    /// The API point (bottom-left origin, integer pixels).
    public var point: APIPoint
    /// True when the column or row had to be clamped onto the grid (this includes a point
    /// lying exactly on the right or bottom edge, which belongs to no pixel).
    public var wasClamped: Bool
    /// True when the point lies outside the image rectangle 0…W × 0…H (edges included as
    /// inside), or is not a finite number. Such a point is an error in a trajectory.
    public var isOutsideImage: Bool
}

/// The conversion between user space and the API's space, in one place (design.md,
/// "Description language").
public enum Coordinates {
    /// Places user point (x, y) — pixels, top-left origin, y down — on the API grid of `size`:
    /// column `c = clamp(floor(x), 0, W−1)`, row `r = clamp(floor(y), 0, H−1)`, sent as
    /// `x_api = c`, `y_api = H − 1 − r`.
    public static func api(from point: UserPoint, in size: PixelSize) -> APIConversion {
        precondition(size.isDrawable, "cannot place points on a \(size) grid")
        let column = clampedFloor(point.x, upperBound: size.width - 1)
        let row = clampedFloor(point.y, upperBound: size.height - 1)
        let outside =
            !(point.x >= 0 && point.x <= Double(size.width) && point.y >= 0
            && point.y <= Double(size.height))
        return APIConversion(
            point: APIPoint(x: column.value, y: size.height - 1 - row.value),
            wasClamped: column.clamped || row.clamped,
            isOutsideImage: outside)
    }

    /// The user-space centre of the pixel an API point names (inverse of ``api(from:in:)`` up
    /// to the pixel grid).
    public static func userCentre(of point: APIPoint, in size: PixelSize) -> UserPoint {
        UserPoint(x: Double(point.x) + 0.5, y: Double(size.height - 1 - point.y) + 0.5)
    }

    private struct Clamped {
        var value: Int
        var clamped: Bool
    }

    /// `clamp(floor(v), 0, upperBound)`, safe for NaN and infinities (NaN goes to 0).
    private static func clampedFloor(_ value: Double, upperBound: Int) -> Clamped {
        let floored = value.rounded(.down)
        if !(floored >= 0) { return Clamped(value: 0, clamped: true) }
        if floored > Double(upperBound) { return Clamped(value: upperBound, clamped: true) }
        return Clamped(value: Int(floored), clamped: false)
    }
}
