import TestSupport
import KlingCheck
import Testing

@testable import KlingBrush

/// Random descriptions from a seeded generator: whatever parses rasterises inside the grid,
/// with only 0 and 255, and prints back to the same value; nothing crashes.
struct PropertyTests {
    static func number(_ g: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return NumberText.canonical((Double.random(in: -0.5...1.5, using: &g) * 1000).rounded() / 1000)
        case 1: return "\(Int.random(in: -50...150, using: &g))%"
        case 2: return "\(Int.random(in: -100...400, using: &g))px"
        default: return NumberText.canonical(Double.random(in: -1e6...1e6, using: &g).rounded())
        }
    }

    static func length(_ g: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<3, using: &g) {
        case 0: return NumberText.canonical((Double.random(in: 0.001...0.8, using: &g) * 1000).rounded(.up) / 1000)
        case 1: return "\(Int.random(in: 1...90, using: &g))%"
        default: return "\(Int.random(in: 1...300, using: &g))px"
        }
    }

    static func point(_ g: inout SeededGenerator) -> String { "\(number(&g)),\(number(&g))" }

    static func points(_ g: inout SeededGenerator, _ range: ClosedRange<Int>) -> String {
        (0..<Int.random(in: range, using: &g)).map { _ in point(&g) }.joined(separator: " ")
    }

    static func shape(_ g: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<6, using: &g) {
        case 0: return "rect \(point(&g)) \(point(&g))"
        case 1: return "ellipse \(point(&g)) \(length(&g)),\(length(&g))"
        case 2: return "circle \(point(&g)) \(length(&g))"
        case 3: return "polygon \(points(&g, 3...9))"
        case 4: return "stroke \(length(&g)) \(points(&g, 1...6))"
        default: return "all"
        }
    }

    static func area(_ g: inout SeededGenerator) -> String {
        (0..<Int.random(in: 1...4, using: &g)).map { i in
            (i > 0 && Bool.random(using: &g) ? "-" : "") + shape(&g)
        }.joined(separator: "; ")
    }

    @Test func randomAreasRasteriseInsideTheGrid() throws {
        var g = SeededGenerator(seed: 0x4B4C_494E_47)
        for _ in 0..<400 {
            let text = Self.area(&g)
            let size = PixelSize(width: Int.random(in: 1...64, using: &g), height: Int.random(in: 1...64, using: &g))
            let area = try Area(parsing: text)
            let m = try area.rasterize(size: size)
            #expect(m.width == size.width && m.height == size.height)
            #expect(m.pixels.count == size.pixelCount)
            #expect(m.pixels.allSatisfy { $0 == 0 || $0 == 255 }, "\(text)")
            #expect(try Area(parsing: area.description) == area, "\(text)")
            if let bounds = m.whiteBounds {
                #expect(bounds.minX >= 0 && bounds.minY >= 0 && bounds.maxX < size.width && bounds.maxY < size.height)
            }
        }
    }

    @Test func randomTrajectoriesKeepTheirEnds() throws {
        var g = SeededGenerator(seed: 77)
        let forms = [
            { (g: inout SeededGenerator) in "line \(Self.point(&g)) -> \(Self.point(&g))" },
            { (g: inout SeededGenerator) in "curve \(Self.point(&g)) -> \(Self.point(&g)) -> \(Self.point(&g))" },
            { (g: inout SeededGenerator) in
                "arc \(Self.point(&g)) -> \(Self.point(&g)) bend \(Int.random(in: -200...200, using: &g))%"
            },
            { (g: inout SeededGenerator) in
                "orbit \(Self.point(&g)) \(Self.length(&g)) turns \(Int.random(in: 1...5, using: &g))"
            },
            { (g: inout SeededGenerator) in
                "wave \(Self.point(&g)) -> \(Self.point(&g)) amplitude \(Self.length(&g)) cycles \(Int.random(in: 1...9, using: &g))"
            },
            { (g: inout SeededGenerator) in "move \(Int.random(in: -720...720, using: &g))deg \(Self.length(&g))" },
        ]
        for _ in 0..<300 {
            let form = forms[Int.random(in: 0..<forms.count, using: &g)]
            let text = form(&g) + " points \(Int.random(in: 2...77, using: &g))"
            let size = PixelSize(
                width: Int.random(in: 1...4000, using: &g), height: Int.random(in: 1...4000, using: &g))
            let path = try BrushPath(parsing: text)
            let t = try path.trajectory(size: size, defaultMaximum: apiMaximum)
            #expect(t.user.count == path.points && t.api.count == path.points)
            #expect(t.api.allSatisfy { $0.x >= 0 && $0.x < size.width && $0.y >= 0 && $0.y < size.height })
            #expect(t.user.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "\(text)")
            #expect(try BrushPath(parsing: path.description) == path)
        }
    }

    @Test func randomTextNeverCrashesTheParsers() {
        var g = SeededGenerator(seed: 3)
        let alphabet = Array("rectllipsoyguawvm0123456789.,;-> %pxdeg\"")
        for _ in 0..<3000 {
            let text = String(
                (0..<Int.random(in: 0...30, using: &g)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &g)]
                })
            if let area = try? Area(parsing: text) {
                _ = try? area.rasterize(size: PixelSize(width: 7, height: 5))
            }
            if let path = try? BrushPath(parsing: text) {
                _ = try? path.trajectory(size: PixelSize(width: 7, height: 5), defaultMaximum: apiMaximum)
            }
        }
    }
}
