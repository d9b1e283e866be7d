/// A point on a pixel grid in continuous pixel units: `x` pixels from the left edge and `y`
/// pixels from the top edge; pixel (i, j) covers `i…i+1` × `j…j+1`, its centre is at
/// `(i + 0.5, j + 0.5)`.
public struct PixelPoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Pixels from the left edge.
    public var x: Double
    /// Pixels from the top edge (y grows downwards).
    public var y: Double

    /// The point `x` pixels from the left and `y` pixels from the top.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// `x,y` with two decimals, e.g. `12.50,3.00`.
    public var description: String {
        "\((x * 100).rounded() / 100),\((y * 100).rounded() / 100)"
    }
}

/// A rectangle of whole pixels on a grid: origin (`x`, `y`) at its top-left corner, from the
/// grid's top-left. The origin may be negative and the size larger than the grid: that is a
/// pad (the rectangle reaches outside the picture).
public struct PixelRect: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Column of the left edge, in pixels (negative: padding on the left).
    public var x: Int
    /// Row of the top edge, in pixels (negative: padding on the top).
    public var y: Int
    /// Width in pixels (> 0).
    public var width: Int
    /// Height in pixels (> 0).
    public var height: Int

    /// The rectangle at (`x`, `y`) of `width`×`height` pixels.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The whole grid of `size`.
    public init(_ size: PixelSize) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The rectangle's size.
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// `WxH+X+Y`, as ImageMagick's geometry, e.g. `750x300+-10+0`.
    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}

/// How the pixels of an image moved when ``KlingRequest``'s fixer made a compliant copy of it:
/// the EXIF orientation applied, then a crop or pad rectangle, then a scale to ``outputSize``.
///
/// Three grids are involved: the **stored** grid (the file's pixels as decoded, ``storedSize``),
/// the **upright** grid (the picture as people see it, after ``orientation``: ``uprightSize``)
/// and the **fixed** grid (the output, ``outputSize``). All points are ``PixelPoint``s
/// (continuous pixels, top-left origin) of their grid. A brush described on the picture as the
/// user sees it maps with ``map(_:)``; one drawn on the stored grid (a job built without `fix`)
/// maps with ``mapStored(_:)``.
public struct FixGeometry: Sendable, Hashable, Codable {
    /// The stored grid's size, in pixels.
    public var storedSize: PixelSize
    /// The EXIF orientation that was applied (1–8; 1 = none), EXIF 2.32 tag 0x0112.
    public var orientation: Int
    /// The part of the upright picture that becomes the output, in upright pixels: inside the
    /// picture for a crop, reaching outside it (negative origin, larger size) for a pad.
    public var frame: PixelRect
    /// The fixed image's size, in pixels: ``frame`` scaled.
    public var outputSize: PixelSize

    /// The geometry of the steps above; `orientation` outside 1…8 is taken as 1.
    public init(storedSize: PixelSize, orientation: Int, frame: PixelRect, outputSize: PixelSize) {
        self.storedSize = storedSize
        self.orientation = (1...8).contains(orientation) ? orientation : 1
        self.frame = frame
        self.outputSize = outputSize
    }

    /// Nothing moved: the fixed grid is the stored grid of `size`.
    public static func identity(_ size: PixelSize) -> FixGeometry {
        FixGeometry(storedSize: size, orientation: 1, frame: PixelRect(size), outputSize: size)
    }

    /// True when every point maps to itself (no rotation, crop, pad or scale).
    public var isIdentity: Bool { self == .identity(storedSize) }

    /// The upright picture's size: the stored size, sides swapped for orientations 5–8.
    public var uprightSize: PixelSize {
        orientation >= 5 ? PixelSize(width: storedSize.height, height: storedSize.width) : storedSize
    }

    /// The point of the fixed image where the upright picture's `point` lands.
    public func map(_ point: PixelPoint) -> PixelPoint {
        let scaleX = Double(outputSize.width) / Double(max(1, frame.width))
        let scaleY = Double(outputSize.height) / Double(max(1, frame.height))
        return PixelPoint(x: (point.x - Double(frame.x)) * scaleX, y: (point.y - Double(frame.y)) * scaleY)
    }

    /// The upright picture's point that lands on the fixed image's `point` (the inverse of
    /// ``map(_:)``); outside the upright picture for a point in a pad band.
    public func upright(fromFixed point: PixelPoint) -> PixelPoint {
        let scaleX = Double(max(1, frame.width)) / Double(max(1, outputSize.width))
        let scaleY = Double(max(1, frame.height)) / Double(max(1, outputSize.height))
        return PixelPoint(x: point.x * scaleX + Double(frame.x), y: point.y * scaleY + Double(frame.y))
    }

    /// The point of the fixed image where the stored grid's `point` lands.
    public func mapStored(_ point: PixelPoint) -> PixelPoint {
        map(upright(fromStored: point))
    }

    /// The upright picture's point showing the stored grid's `point` (the EXIF rotation or
    /// mirror of ``orientation``).
    public func upright(fromStored point: PixelPoint) -> PixelPoint {
        let width = Double(storedSize.width)
        let height = Double(storedSize.height)
        let (x, y) = (point.x, point.y)
        switch orientation {
        case 2: return PixelPoint(x: width - x, y: y)
        case 3: return PixelPoint(x: width - x, y: height - y)
        case 4: return PixelPoint(x: x, y: height - y)
        case 5: return PixelPoint(x: y, y: x)
        case 6: return PixelPoint(x: height - y, y: x)
        case 7: return PixelPoint(x: height - y, y: width - x)
        case 8: return PixelPoint(x: y, y: width - x)
        default: return point
        }
    }
}
