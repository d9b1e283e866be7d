/// Reads the path language: a form (`line`, `path`, `curve`, `arc`, `orbit`, `wave`, `move`,
/// `still`) followed by the options `points N` and `ease in|out|in-out|linear`.
struct PathParser {
    static let keywords = ["line", "path", "curve", "arc", "orbit", "wave", "move", "still"]
    static let pathExample = "a path (line, path, curve, arc, orbit, wave, move or still)"
    static let easings = Easing.allCases.map(\.rawValue)

    private var scanner: DescriptionScanner

    init(_ text: String) throws(BrushError) {
        scanner = try DescriptionScanner(text)
    }

    mutating func parse() throws(BrushError) -> BrushPath {
        scanner.skipSpaces()
        scanner.formStart = scanner.position
        let formColumn = scanner.column
        var path = BrushPath(try form())
        let vertices = path.form.vertexBound
        guard vertices <= DescriptionLimits.maximumPathVertices else {
            throw .tooLarge(.pathVertices, found: vertices, column: formColumn)
        }
        try options(into: &path)
        return path
    }

    private mutating func form() throws(BrushError) -> PathForm {
        let start = scanner.position
        guard let keyword = scanner.readKeyword() else { throw scanner.expected(Self.pathExample) }
        switch keyword {
        case "line":
            let from = scanner.isLooking(at: "->") ? nil : try scanner.point()
            try arrow()
            return .line(from: from, to: try scanner.point())
        case "path", "curve":
            let from = scanner.isLooking(at: "->") ? nil : try scanner.point()
            var through: [PointSpec] = []
            try arrow()
            through.append(try scanner.point())
            while scanner.consume("->") {
                // The start, written or not, is a point of the path too.
                scanner.skipSpaces()
                guard through.count + 1 < DescriptionLimits.maximumPathPoints else {
                    throw .tooLarge(.pathPoints, found: through.count + 2, column: scanner.column)
                }
                through.append(try scanner.point())
            }
            return keyword == "path" ? .polyline(from: from, through: through) : .curve(from: from, through: through)
        case "arc":
            let from = try scanner.point()
            try arrow()
            let to = try scanner.point()
            try word("bend")
            let bend = try scanner.plainNumber("a bend like 0.3 (sagitta ÷ chord)", allowPercent: true)
            return .arc(from: from, to: to, bend: bend)
        case "orbit":
            return try orbit()
        case "wave":
            let from = try scanner.point()
            try arrow()
            let to = try scanner.point()
            try word("amplitude")
            let amplitude = try scanner.length(
                "an amplitude like 0.05, 5% or 40px", name: "the amplitude", positive: false)
            try word("cycles")
            scanner.skipSpaces()
            let cyclesStart = scanner.position
            let cycles = try scanner.plainNumber("a number of cycles like 3")
            guard cycles > 0 else {
                throw .notPositive(
                    what: "the number of cycles", found: NumberText.canonical(cycles),
                    column: cyclesStart + 1)
            }
            return .wave(from: from, to: to, amplitude: amplitude, cycles: cycles)
        case "move":
            let direction = try direction()
            let distance = try scanner.length(
                "a distance like 0.2, 15% or 100px", name: "the distance")
            return .move(direction, distance: distance)
        case "still":
            return .still
        default:
            throw .unknownWord(
                kind: "path", found: keyword, accepted: Self.keywords,
                suggestion: Suggestion.closest(to: keyword, in: Self.keywords), column: start + 1)
        }
    }

    private mutating func arrow() throws(BrushError) {
        guard scanner.consume("->") else { throw scanner.expected("'->'") }
    }

    private mutating func word(_ expected: String) throws(BrushError) {
        guard scanner.peekKeyword() == expected, scanner.readKeyword() != nil else {
            throw scanner.expected("'\(expected)'")
        }
    }

    private mutating func orbit() throws(BrushError) -> PathForm {
        let centre = try scanner.point("a centre like 0.5,0.5")
        let radius = try scanner.length("a radius like 0.2, 10% or 80px", name: "the radius")
        var turns: Double?
        var from: Double?
        var clockwise: Bool?
        while let keyword = scanner.peekKeyword() {
            let column = scanner.column
            switch keyword {
            case "turns":
                guard turns == nil else { throw .repeatedOption("turns", column: column) }
                _ = scanner.readKeyword()
                scanner.skipSpaces()
                let valueStart = scanner.position
                let value = try scanner.plainNumber("a number of turns like 1.5")
                guard value > 0 else {
                    throw .notPositive(
                        what: "the number of turns", found: NumberText.canonical(value),
                        column: valueStart + 1)
                }
                turns = value
            case "from":
                guard from == nil else { throw .repeatedOption("from", column: column) }
                _ = scanner.readKeyword()
                from = try scanner.plainNumber("an angle like 90 or 90deg", allowDegrees: true)
            case "cw", "ccw":
                guard clockwise == nil else { throw .repeatedOption("cw/ccw", column: column) }
                _ = scanner.readKeyword()
                clockwise = keyword == "cw"
            default:
                return .orbit(
                    centre: centre, radius: radius, turns: turns ?? 1, fromDegrees: from ?? 0,
                    clockwise: clockwise ?? false)
            }
        }
        return .orbit(
            centre: centre, radius: radius, turns: turns ?? 1, fromDegrees: from ?? 0,
            clockwise: clockwise ?? false)
    }

    private mutating func direction() throws(BrushError) -> Direction {
        let what = "a direction like up, down-left or 30deg"
        if scanner.isLookingAtNumber() {
            guard let token = scanner.scanNumber(at: scanner.position), token.suffix == "deg" else {
                throw scanner.expected(what)
            }
            return .degrees(try scanner.plainNumber(what, allowDegrees: true))
        }
        let words = Direction.named.map(\.word)
        let word = try scanner.oneOf(words, kind: "direction", what: what)
        return Direction.named.first { $0.word == word }?.direction ?? .right
    }

    private mutating func options(into path: inout BrushPath) throws(BrushError) {
        var expectation = "'points', 'ease' or the end"
        if case .orbit = path.form { expectation = "'turns', 'from', 'cw', 'ccw', 'points', 'ease' or the end" }
        while !scanner.isAtEnd() {
            let column = scanner.column
            switch scanner.peekKeyword() {
            case "points":
                guard path.points == nil else { throw .repeatedOption("points", column: column) }
                _ = scanner.readKeyword()
                path.points = try count()
            case "ease":
                guard path.ease == nil else { throw .repeatedOption("ease", column: column) }
                _ = scanner.readKeyword()
                let word = try scanner.oneOf(
                    Self.easings, kind: "easing", what: "an easing (in, out, in-out or linear)")
                path.ease = Easing(rawValue: word)
            default:
                throw scanner.expected(expectation)
            }
        }
    }

    private mutating func count() throws(BrushError) -> Int {
        let what = "a whole number of points like 30"
        scanner.skipSpaces()
        guard let token = scanner.scanNumber(at: scanner.position), token.suffix.isEmpty,
            scanner.isTerminator(token.end), token.value >= 0, token.value <= 1_000_000,
            token.value == token.value.rounded()
        else { throw scanner.expected(what) }
        scanner.position = token.end
        scanner.lastEnd = token.end
        return Int(token.value)
    }
}
