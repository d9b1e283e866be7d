public import KlingCheck

/// How a number in a description is measured.
public enum Unit: String, Sendable, Hashable, Codable {
    /// A plain number: a fraction of the image's width (x), height (y) or shorter side (lengths).
    case fraction
    /// `25%`: a percentage of the same extent as ``fraction``.
    case percent
    /// `480px`: pixels of the reference image.
    case pixels
}

/// A number with its unit as written in a description, e.g. `0.25`, `25%` or `480px`.
///
/// It becomes pixels only against an extent: the image's width for x, its height for y, and
/// its shorter side for a length (radius, width, distance).
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The number as written (`25` for `25%`).
    public var value: Double
    /// The unit it was written in.
    public var unit: Unit

    /// `value` in `unit`.
    public init(_ value: Double, _ unit: Unit = .fraction) {
        self.value = value
        self.unit = unit
    }

    /// Pixels, given the extent (in pixels) that a fraction of 1 stands for.
    public func pixels(relativeTo extent: Double) -> Double {
        switch unit {
        case .fraction: value * extent
        case .percent: value / 100 * extent
        case .pixels: value
        }
    }

    /// As a length: pixels relative to the shorter side of `size`.
    public func lengthPixels(in size: PixelSize) -> Double {
        pixels(relativeTo: Double(size.shorterSide))
    }

    /// Canonical text: `0.25`, `25%`, `480px`.
    public var description: String {
        switch unit {
        case .fraction: NumberText.canonical(value)
        case .percent: NumberText.canonical(value) + "%"
        case .pixels: NumberText.canonical(value) + "px"
        }
    }
}

/// A point as written in a description, `X,Y`: x relative to the width, y to the height,
/// user space (top-left origin, y down).
public struct PointSpec: Sendable, Hashable, CustomStringConvertible {
    /// Horizontal position, from the left edge.
    public var x: Quantity
    /// Vertical position, from the top edge.
    public var y: Quantity

    /// The point (`x`, `y`).
    public init(_ x: Quantity, _ y: Quantity) {
        self.x = x
        self.y = y
    }

    /// Fractions of width and height, e.g. `PointSpec(0.4, 0.6)`.
    public init(_ x: Double, _ y: Double) {
        self.init(Quantity(x), Quantity(y))
    }

    /// The point in user-space pixels on a grid of `size`.
    public func resolve(in size: PixelSize) -> UserPoint {
        UserPoint(
            x: x.pixels(relativeTo: Double(size.width)), y: y.pixels(relativeTo: Double(size.height)))
    }

    /// Canonical text, `x,y`.
    public var description: String { "\(x),\(y)" }
}
