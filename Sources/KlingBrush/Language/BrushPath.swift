/// A direction for `move`: a named compass direction as seen on screen, or an angle.
public enum Direction: Sendable, Hashable, CustomStringConvertible {
    case right, upRight, up, upLeft, left, downLeft, down, downRight
    /// `30deg`: degrees counter-clockwise from "right" as seen on screen (90deg = up).
    case degrees(Double)

    /// Named directions with their words, in the order of their angles.
    static let named: [(word: String, direction: Direction)] = [
        ("right", .right), ("up-right", .upRight), ("up", .up), ("up-left", .upLeft),
        ("left", .left), ("down-left", .downLeft), ("down", .down), ("down-right", .downRight),
    ]

    /// The angle in degrees, counter-clockwise from "right" as seen on screen.
    public var angleDegrees: Double {
        switch self {
        case .right: 0
        case .upRight: 45
        case .up: 90
        case .upLeft: 135
        case .left: 180
        case .downLeft: 225
        case .down: 270
        case .downRight: 315
        case .degrees(let value): value
        }
    }

    /// `up-left` or `30deg`.
    public var description: String {
        if case .degrees(let value) = self { return NumberText.canonical(value) + "deg" }
        return Self.named.first { $0.direction == self }?.word ?? ""
    }
}

/// How the points of a trajectory are spaced along the path (`ease …`).
public enum Easing: String, Sendable, Hashable, Codable, CaseIterable {
    /// Even spacing.
    case linear
    /// Slow start: position = s².
    case `in` = "in"
    /// Slow end: position = 1 − (1 − s)².
    case out
    /// Slow start and end: position = s²(3 − 2s).
    case inOut = "in-out"

    /// The share of the path's length reached at time share `s` (0…1).
    public func apply(_ s: Double) -> Double {
        switch self {
        case .linear: s
        case .in: s * s
        case .out: 1 - (1 - s) * (1 - s)
        case .inOut: s * s * (3 - 2 * s)
        }
    }
}

/// The shape of a path (design.md, "Description language", paths). Positions are user space.
public enum PathForm: Sendable, Hashable, CustomStringConvertible {
    /// `line A -> B`, or `line -> B` starting at the area's centre (`from` is `nil`).
    case line(from: PointSpec?, to: PointSpec)
    /// `path A -> B -> C …`: a polyline; without A it starts at the area's centre.
    case polyline(from: PointSpec?, through: [PointSpec])
    /// `curve A -> B -> C …`: a centripetal Catmull–Rom curve through the points; without A
    /// it starts at the area's centre.
    case curve(from: PointSpec?, through: [PointSpec])
    /// `arc A -> B bend K`: a circular arc whose sagitta is K × the chord; positive K bulges to
    /// the left of the direction of travel as seen on screen.
    case arc(from: PointSpec, to: PointSpec, bend: Double)
    /// `orbit C R [turns T] [from DEG] [cw|ccw]`: around C at radius R (a length), T turns
    /// (default 1) starting at DEG degrees (default 0 = right of C, 90 = above C),
    /// counter-clockwise as seen on screen unless `cw`.
    case orbit(centre: PointSpec, radius: Quantity, turns: Double, fromDegrees: Double, clockwise: Bool)
    /// `wave A -> B amplitude K cycles N`: a sine wave along AB; the amplitude is a length,
    /// positive first swings to the left of the direction of travel.
    case wave(from: PointSpec, to: PointSpec, amplitude: Quantity, cycles: Double)
    /// `move DIR DIST`: from the area's centre, DIST (a length) towards DIR.
    case move(Direction, distance: Quantity)
    /// `still`: stays at the area's centre.
    case still

    /// The keyword that starts this form.
    public var keyword: String {
        switch self {
        case .line: "line"
        case .polyline: "path"
        case .curve: "curve"
        case .arc: "arc"
        case .orbit: "orbit"
        case .wave: "wave"
        case .move: "move"
        case .still: "still"
        }
    }

    /// True when the path begins at the area's centre rather than at a written point.
    public var startsAtAreaCentre: Bool {
        switch self {
        case .line(let from, _), .polyline(let from, _), .curve(let from, _): from == nil
        case .move, .still: true
        case .arc, .orbit, .wave: false
        }
    }

    /// The most vertices ``polyline(size:start:)`` makes of this form, whatever the grid:
    /// the count ``DescriptionLimits/maximumPathVertices`` bounds, known without expanding.
    public var vertexBound: Int {
        switch self {
        case .line: 2
        case .polyline(_, let through): through.count + 1
        case .curve(_, let through):
            through.count + 1 < 3 ? through.count + 1 : through.count * CatmullRom.samplesPerSegment + 1
        case .arc: PathForm.arcStepsBound + 1
        case .orbit(_, _, let turns, _, _): PathForm.orbitSteps(turns: turns) + 1
        case .wave(_, _, _, let cycles): PathForm.waveSteps(cycles: cycles) + 1
        case .move: 2
        case .still: 1
        }
    }

    /// Canonical text, e.g. `arc 0.2,0.7 -> 0.8,0.7 bend 0.3`.
    public var description: String {
        switch self {
        case .line(let from, let to):
            return "line " + (from.map { "\($0) " } ?? "") + "-> \(to)"
        case .polyline(let from, let through), .curve(let from, let through):
            return keyword + (from.map { " \($0)" } ?? "") + through.map { " -> \($0)" }.joined()
        case .arc(let from, let to, let bend):
            return "arc \(from) -> \(to) bend \(NumberText.canonical(bend))"
        case .orbit(let centre, let radius, let turns, let fromDegrees, let clockwise):
            var text = "orbit \(centre) \(radius)"
            if turns != 1 { text += " turns \(NumberText.canonical(turns))" }
            if fromDegrees != 0 { text += " from \(NumberText.canonical(fromDegrees))" }
            if clockwise { text += " cw" }
            return text
        case .wave(let from, let to, let amplitude, let cycles):
            return "wave \(from) -> \(to) amplitude \(amplitude) cycles \(NumberText.canonical(cycles))"
        case .move(let direction, let distance):
            return "move \(direction) \(distance)"
        case .still:
            return "still"
        }
    }
}

/// A parsed path description: its form plus the options `points N` and `ease …`.
public struct BrushPath: Sendable, Hashable, CustomStringConvertible {
    /// The shape of the path.
    public var form: PathForm
    /// `points N`: how many trajectory points to send; `nil` chooses from the length.
    public var points: Int?
    /// `ease …`: spacing of the points along the path; `nil` is even spacing.
    public var ease: Easing?

    /// A path of `form` with optional point count and easing.
    public init(_ form: PathForm, points: Int? = nil, ease: Easing? = nil) {
        self.form = form
        self.points = points
        self.ease = ease
    }

    /// Parses a path description; the error names the column (1-based) where it went wrong.
    ///
    /// - Throws: a ``BrushError`` naming what was expected; above one of the size limits of
    ///   ``DescriptionLimits`` (characters, written points, vertices once expanded),
    ///   ``BrushError/tooLarge(_:found:column:)``, found before anything is expanded.
    public init(parsing text: String) throws(BrushError) {
        var parser = try PathParser(text)
        self = try parser.parse()
    }

    /// Canonical text: the form, then ` points N`, then ` ease …`. Parsing it gives back an
    /// equal `BrushPath`.
    public var description: String {
        form.description + (points.map { " points \($0)" } ?? "")
            + (ease.map { " ease \($0.rawValue)" } ?? "")
    }
}
