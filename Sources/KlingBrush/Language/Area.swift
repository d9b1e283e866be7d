/// One shape of the area language (design.md, "Description language"). All positions are
/// user space: top-left origin, y down.
public enum AreaShape: Sendable, Hashable, CustomStringConvertible {
    /// `rect X1,Y1 X2,Y2`: the rectangle between two opposite corners.
    case rect(PointSpec, PointSpec)
    /// `ellipse CX,CY RX,RY`: axis-aligned; RX relative to the width, RY to the height.
    case ellipse(centre: PointSpec, radii: PointSpec)
    /// `circle CX,CY R`: R is a length (relative to the shorter side).
    case circle(centre: PointSpec, radius: Quantity)
    /// `polygon P1 P2 P3 …`: at least 3 points, filled with the non-zero winding rule.
    case polygon([PointSpec])
    /// `stroke W P1 P2 …`: a polyline of width W (a length) with round caps and joins.
    case stroke(width: Quantity, points: [PointSpec])
    /// `all`: the whole image.
    case all
    /// `image PATH`: an existing mask picture, read through the caller's resolver.
    case image(String)

    /// The keyword that starts this shape.
    public var keyword: String {
        switch self {
        case .rect: "rect"
        case .ellipse: "ellipse"
        case .circle: "circle"
        case .polygon: "polygon"
        case .stroke: "stroke"
        case .all: "all"
        case .image: "image"
        }
    }

    /// Canonical text, e.g. `circle 0.5,0.5 0.1`.
    public var description: String {
        switch self {
        case .rect(let a, let b): "rect \(a) \(b)"
        case .ellipse(let centre, let radii): "ellipse \(centre) \(radii)"
        case .circle(let centre, let radius): "circle \(centre) \(radius)"
        case .polygon(let points): "polygon " + points.map(\.description).joined(separator: " ")
        case .stroke(let width, let points):
            "stroke \(width) " + points.map(\.description).joined(separator: " ")
        case .all: "all"
        case .image(let path): "image " + Self.quoted(path)
        }
    }

    private static func quoted(_ path: String) -> String {
        // A quoted path cannot hold a '"': one that has one was read bare, and is written bare.
        let needsQuotes =
            !path.contains("\"")
            && (path.isEmpty || path.first == "-" || path.contains { $0.isWhitespace || $0 == ";" })
        return needsQuotes ? "\"\(path)\"" : path
    }
}

/// One term of an area: a shape that is added (union) or, after `-`, taken away.
public struct AreaTerm: Sendable, Hashable, CustomStringConvertible {
    /// The shape.
    public var shape: AreaShape
    /// True for `-SHAPE`: its pixels are cleared instead of set.
    public var isSubtracted: Bool

    /// A term adding (or, with `isSubtracted`, removing) `shape`.
    public init(_ shape: AreaShape, isSubtracted: Bool = false) {
        self.shape = shape
        self.isSubtracted = isSubtracted
    }

    /// `circle 0.5,0.5 0.1` or `-circle 0.5,0.5 0.1`.
    public var description: String { (isSubtracted ? "-" : "") + shape.description }
}

/// A parsed area description such as `rect 0,0 1,1; -circle 0.5,0.5 0.1`.
///
/// Terms apply from left to right onto an empty mask: `A; B; -C; D` is ((A ∪ B) − C) ∪ D.
public struct Area: Sendable, Hashable, CustomStringConvertible {
    /// The terms in the order written.
    public var terms: [AreaTerm]

    /// An area made of `terms`.
    public init(terms: [AreaTerm]) {
        self.terms = terms
    }

    /// Parses an area description; the error names the column (1-based) where it went wrong.
    ///
    /// - Throws: a ``BrushError`` naming what was expected; above one of the size limits of
    ///   ``DescriptionLimits`` (characters, terms, vertices),
    ///   ``BrushError/tooLarge(_:found:column:)``, found before the rest is read.
    public init(parsing text: String) throws(BrushError) {
        var parser = try AreaParser(text)
        self = try parser.parse()
    }

    /// The vertices of the area: the points of its `polygon` and `stroke` terms, the count
    /// ``DescriptionLimits/maximumAreaVertices`` bounds.
    public var vertexCount: Int {
        terms.reduce(0) { total, term in
            switch term.shape {
            case .polygon(let points), .stroke(_, let points): total + points.count
            default: total
            }
        }
    }

    /// Canonical text: terms joined by `; `, subtracted ones prefixed with `-`. Parsing it
    /// gives back an equal `Area`.
    public var description: String {
        terms.map(\.description).joined(separator: "; ")
    }
}
