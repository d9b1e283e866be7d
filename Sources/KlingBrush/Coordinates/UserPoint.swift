/// A point in **user space**, in pixels of the reference image: origin at the top-left corner
/// of the top-left pixel, x to the right, y **down** — the image as people see it in an editor.
///
/// Pixel (c, r) covers x in c…c+1 and y in r…r+1; its centre is (c + 0.5, r + 0.5).
public struct UserPoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Pixels from the left edge.
    public var x: Double
    /// Pixels from the top edge (y grows downwards).
    public var y: Double

    /// The point `x` pixels from the left and `y` pixels from the top.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// `x,y` in pixels with one decimal, e.g. `120.5,33.0`.
    public var description: String { "\(NumberText.oneDecimal(x)),\(NumberText.oneDecimal(y))" }
}
