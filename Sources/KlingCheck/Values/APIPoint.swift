/// A trajectory point in the **API's space**: integer pixel column and row of the reference
/// image, origin (0,0) at the **bottom-left** pixel, x to the right, y **up**.
///
/// Encodes as exactly `{"x":…,"y":…}` — the element of `dynamic_masks[].trajectories`.
/// Make one from a ``UserPoint`` with ``Coordinates/api(from:in:)``, the only conversion.
public struct APIPoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Column, 0 = leftmost.
    public var x: Int
    /// Row counted from the bottom, 0 = bottom row.
    public var y: Int

    /// The pixel in column `x` and row `y` counted from the bottom.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// `{"x":12,"y":34}`, the API's JSON for this point.
    public var json: String { "{\"x\":\(x),\"y\":\(y)}" }

    /// `x,y`, e.g. `12,34`.
    public var description: String { "\(x),\(y)" }
}
