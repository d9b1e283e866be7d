/// Reads the area language: `SHAPE (; SHAPE | ; -SHAPE | -SHAPE)*`.
struct AreaParser {
    static let keywords = ["rect", "ellipse", "circle", "polygon", "stroke", "all", "image"]
    static let areaExample = "an area (rect, ellipse, circle, polygon, stroke, all or image)"

    private var scanner: DescriptionScanner
    /// Points of `polygon` and `stroke` terms read so far.
    private var vertices = 0

    init(_ text: String) throws(BrushError) {
        scanner = try DescriptionScanner(text)
    }

    mutating func parse() throws(BrushError) -> Area {
        var terms: [AreaTerm] = []
        while true {
            scanner.skipSpaces()
            scanner.formStart = scanner.position
            guard terms.count < DescriptionLimits.maximumTerms else {
                throw .tooLarge(.areaTerms, found: terms.count + 1, column: scanner.column)
            }
            var subtracted = false
            if scanner.peek() == "-" {
                scanner.position += 1
                scanner.lastEnd = scanner.position
                subtracted = true
            }
            terms.append(AreaTerm(try shape(), isSubtracted: subtracted))
            if scanner.isAtEnd() { break }
            if scanner.consume(";") { continue }
            if scanner.peek() == "-" { continue }
            throw scanner.expected("';', '-' or the end")
        }
        return Area(terms: terms)
    }

    private mutating func shape() throws(BrushError) -> AreaShape {
        scanner.skipSpaces()
        let start = scanner.position
        guard let keyword = scanner.readKeyword() else { throw scanner.expected(Self.areaExample) }
        switch keyword {
        case "rect":
            let a = try scanner.point("a corner like 0.1,0.2")
            let b = try scanner.point("a second corner like 0.6,0.8")
            return .rect(a, b)
        case "ellipse":
            let centre = try scanner.point("a centre like 0.5,0.5")
            scanner.skipSpaces()
            let radiiStart = scanner.position
            let radii = try scanner.point("radii like 0.2,0.1")
            guard radii.x.value > 0, radii.y.value > 0 else {
                throw .notPositive(
                    what: "each radius", found: radii.description, column: radiiStart + 1)
            }
            return .ellipse(centre: centre, radii: radii)
        case "circle":
            let centre = try scanner.point("a centre like 0.5,0.5")
            let radius = try scanner.length("a radius like 0.1, 5% or 40px", name: "the radius")
            return .circle(centre: centre, radius: radius)
        case "polygon":
            let points = try pointList()
            guard points.count >= 3 else {
                if points.isEmpty { throw scanner.expected(DescriptionScanner.pointExample) }
                throw .tooFewPoints(form: "polygon", minimum: 3, found: points.count, column: start + 1)
            }
            return .polygon(points)
        case "stroke":
            let width = try scanner.length("a width like 0.02, 4% or 30px", name: "the width")
            let points = try pointList()
            guard !points.isEmpty else { throw scanner.expected(DescriptionScanner.pointExample) }
            return .stroke(width: width, points: points)
        case "all":
            return .all
        case "image":
            return .image(try filePath())
        default:
            throw .unknownWord(
                kind: "area", found: keyword, accepted: Self.keywords,
                suggestion: Suggestion.closest(to: keyword, in: Self.keywords), column: start + 1)
        }
    }

    /// Points for as long as the next word starts like a number.
    private mutating func pointList() throws(BrushError) -> [PointSpec] {
        var points: [PointSpec] = []
        while scanner.isLookingAtNumber() {
            guard vertices < DescriptionLimits.maximumAreaVertices else {
                throw .tooLarge(.areaVertices, found: vertices + 1, column: scanner.column)
            }
            points.append(try scanner.point())
            vertices += 1
        }
        return points
    }

    /// `"any path"` or a bare word ending at a space or `;`.
    private mutating func filePath() throws(BrushError) -> String {
        scanner.skipSpaces()
        let start = scanner.position
        if scanner.peek() == "\"" {
            var end = start + 1
            while end < scanner.text.count, scanner.text[end] != "\"" { end += 1 }
            guard end < scanner.text.count else {
                scanner.position = scanner.text.count
                scanner.lastEnd = scanner.position
                throw scanner.expected("a closing '\"' for the file path that opens at column \(start + 1)")
            }
            scanner.position = end + 1
            scanner.lastEnd = scanner.position
            return String(scanner.text[(start + 1)..<end])
        }
        var end = start
        while end < scanner.text.count, !scanner.text[end].isWhitespace, scanner.text[end] != ";" {
            end += 1
        }
        guard end > start else { throw scanner.expected("a file path like masks/sky.png") }
        scanner.position = end
        scanner.lastEnd = end
        return String(scanner.text[start..<end])
    }
}
