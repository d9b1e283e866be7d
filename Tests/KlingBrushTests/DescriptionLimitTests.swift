import KlingCheck
import Testing

@testable import KlingBrush

/// The size limits of the description language (``DescriptionLimits``): each accepted just
/// under, refused just over with the limit and the count seen, and huge descriptions refused
/// while reading. No timings here: those are in `Benchmarks/BrushBenchmark`.
struct DescriptionLimitTests {
    static let size = PixelSize(width: 400, height: 300)

    /// `n` distinct points of a zigzag, `x,y` fractions separated by spaces.
    static func points(_ n: Int) -> String {
        (0..<n).map { i in "\(Double(i % 1000) / 1000),\(i % 2)" }.joined(separator: " ")
    }

    /// An area of `n` small rect terms joined by `;`.
    static func rects(_ n: Int) -> String {
        Array(repeating: "rect 0,0 0.1,0.1", count: n).joined(separator: "; ")
    }

    static func tooLarge(_ body: () throws(BrushError) -> Void) -> (DescriptionLimit, Int, Int?)? {
        do {
            try body()
            return nil
        } catch {
            guard case .tooLarge(let limit, let found, let column) = error else { return nil }
            return (limit, found, column)
        }
    }

    // MARK: Characters

    @Test func aDescriptionOfTheMostCharactersParsesAndOneMoreIsRefused() throws {
        let padding = String(repeating: " ", count: DescriptionLimits.maximumCharacters - "all".count)
        #expect(try Area(parsing: "all" + padding).terms.count == 1)
        #expect(try BrushPath(parsing: "still" + padding.dropLast(2)).form == .still)
        let over = Self.tooLarge { () throws(BrushError) in _ = try Area(parsing: "all " + padding) }
        #expect(over?.0 == .characters)
        #expect(over?.1 == 10_001)
        #expect(over?.2 == nil)
        let path = Self.tooLarge { () throws(BrushError) in _ = try BrushPath(parsing: "still  " + padding) }
        #expect(path?.0 == .characters)
        #expect(path?.1 == 10_004)
    }

    @Test func charactersAreCountedNotBytes() throws {
        // 5,000 two-byte characters inside a quoted path: 10,000 bytes, far fewer characters.
        let name = String(repeating: "é", count: 5_000)
        let area = try Area(parsing: "image \"\(name)\"")
        #expect(area.terms.first?.shape == .image(name))
    }

    @Test func theCharacterMessageNamesTheLimitAndTheCount() {
        let error = BrushError.tooLarge(.characters, found: 24_000_000, column: nil)
        #expect(
            error.description
                == "the description has 24,000,000 characters; a description may have at most 10,000 characters")
    }

    // MARK: Terms and vertices of an area

    @Test func anAreaOfTheMostTermsParsesAndOneMoreIsRefusedWhereItStarts() throws {
        #expect(try Area(parsing: Self.rects(50)).terms.count == 50)
        let text = Self.rects(51)
        let over = Self.tooLarge { () throws(BrushError) in _ = try Area(parsing: text) }
        #expect(over?.0 == .areaTerms)
        #expect(over?.1 == 51)
        // The 51st term starts after 50 terms of 16 characters and 50 "; ".
        #expect(over?.2 == 50 * 18 + 1)
        let error = BrushError.tooLarge(.areaTerms, found: 51, column: 901)
        #expect(
            error.description
                == "the area has more than 50 terms (51 when reading stopped); an area may have at most 50 terms (column 901)"
        )
    }

    @Test func subtractedTermsCountToo() {
        let text = "all" + String(repeating: " -rect 0,0 0.1,0.1", count: 50)
        let over = Self.tooLarge { () throws(BrushError) in _ = try Area(parsing: text) }
        #expect(over?.0 == .areaTerms)
        #expect(over?.1 == 51)
    }

    @Test func aPolygonOfTheMostVerticesParsesAndOneMoreIsRefused() throws {
        let area = try Area(parsing: "polygon " + Self.points(1_000))
        #expect(area.vertexCount == 1_000)
        let over = Self.tooLarge { () throws(BrushError) in _ = try Area(parsing: "polygon " + Self.points(1_001)) }
        #expect(over?.0 == .areaVertices)
        #expect(over?.1 == 1_001)
    }

    @Test func verticesAddUpOverPolygonsAndStrokes() throws {
        let half = Self.points(500)
        let area = try Area(parsing: "polygon \(half); stroke 2% \(half)")
        #expect(area.vertexCount == 1_000)
        let over = Self.tooLarge { () throws(BrushError) in
            _ = try Area(parsing: "polygon \(half); stroke 2% \(half); -polygon 0,0 1,0 1,1")
        }
        #expect(over?.0 == .areaVertices)
        #expect(over?.1 == 1_001)
    }

    // MARK: Paths

    @Test func aPathOfTheMostPointsParsesAndOneMoreIsRefused() throws {
        func path(_ n: Int) -> String {
            "path " + (0..<n).map { "\($0 % 2),0" }.joined(separator: " -> ")
        }
        let most = try BrushPath(parsing: path(1_000))
        guard case .polyline(_, let through) = most.form else { Issue.record("not a polyline"); return }
        #expect(through.count == 999)
        let over = Self.tooLarge { () throws(BrushError) in _ = try BrushPath(parsing: path(1_001)) }
        #expect(over?.0 == .pathPoints)
        #expect(over?.1 == 1_001)
        // Without a written start, the area's centre is the first point.
        let fromCentre = "path -> " + (0..<1_000).map { _ in "1,1" }.joined(separator: " -> ")
        let centre = Self.tooLarge { () throws(BrushError) in _ = try BrushPath(parsing: fromCentre) }
        #expect(centre?.0 == .pathPoints)
        #expect(centre?.1 == 1_001)
    }

    @Test func aCurveOfTheMostPointsExpandsWithinTheVertexLimit() throws {
        let text = "curve " + (0..<1_000).map { "\(Double($0 % 10) / 10),\($0 % 2)" }.joined(separator: " -> ")
        let curve = try BrushPath(parsing: text)
        #expect(curve.form.vertexBound == 999 * 32 + 1)
        let trajectory = try curve.trajectory(size: Self.size, points: 77, defaultMaximum: 77)
        #expect(trajectory.api.count == 77)
    }

    @Test func anOrbitExpandsToAtMostTheMostVertices() throws {
        // 360 vertices per turn, plus the end: 277 turns are 99,721; 278 are 100,081.
        let most = try BrushPath(parsing: "orbit 0.5,0.5 0.2 turns 277")
        #expect(most.form.vertexBound == 99_721)
        #expect(try most.trajectory(size: Self.size, defaultMaximum: 77).api.count == 77)
        let over = Self.tooLarge { () throws(BrushError) in
            _ = try BrushPath(parsing: "orbit 0.5,0.5 0.2 turns 278 points 30")
        }
        #expect(over?.0 == .pathVertices)
        #expect(over?.1 == 100_081)
        #expect(over?.2 == 1)
        #expect(
            BrushError.tooLarge(.pathVertices, found: 100_081, column: 1).description
                == "the path, expanded before resampling, has 100,081 vertices; an expanded path may have at most 100,000 vertices (column 1)"
        )
    }

    @Test func aBuiltPathIsBoundedToo() {
        let path = BrushPath(
            .orbit(centre: PointSpec(0.5, 0.5), radius: Quantity(0.2), turns: 500, fromDegrees: 0, clockwise: false))
        let over = Self.tooLarge { () throws(BrushError) in
            _ = try path.trajectory(size: Self.size, defaultMaximum: 77)
        }
        #expect(over?.0 == .pathVertices)
        #expect(over?.1 == 180_001)
    }

    // MARK: Huge descriptions

    @Test func aPolygonOfTwoMillionVerticesIsRefusedByItsLength() {
        let text = "polygon " + Array(repeating: "0.1,0.2 0.3,0.4", count: 1_000_000).joined(separator: " ")
        let over = Self.tooLarge { () throws(BrushError) in _ = try Area(parsing: text) }
        #expect(over?.0 == .characters)
        #expect(over?.1 == text.count)
    }

    @Test func twoMillionVerticesWithinTheCharacterLimitCannotBeWritten() {
        // The shortest vertex, `0,0 `, is 4 characters: 10,000 characters hold at most 2,500.
        let text = "polygon " + Array(repeating: "0,0", count: 2_498).joined(separator: " ")
        #expect(text.count <= DescriptionLimits.maximumCharacters)
        let over = Self.tooLarge { () throws(BrushError) in _ = try Area(parsing: text) }
        #expect(over?.0 == .areaVertices)
        #expect(over?.1 == 1_001)
    }

    // MARK: A brush set

    @Test func aSetOfTheMostTermsIsDrawnAndOneMoreIsRefusedBeforeDrawing() {
        // 4 static lines of 50 terms: 200 terms.
        let most = BrushSet(staticAreas: Array(repeating: Self.rects(50), count: 4))
        let built = most.build(size: Self.size, defaultMaximumPoints: 77)
        #expect(built.sizeError == nil)
        #expect(built.staticMask != nil)
        let over = BrushSet(
            staticAreas: Array(repeating: Self.rects(50), count: 4),
            dynamic: [BrushGroup(area: "all", path: "still")])
        let refused = over.build(size: Self.size, defaultMaximumPoints: 77)
        #expect(refused.sizeError == .tooLarge(.jobTerms, found: 201, column: nil))
        #expect(refused.staticMask == nil && refused.groups.isEmpty && refused.staticErrors.isEmpty)
    }

    @Test func manyStaticLinesStopTheReadingAtTheLimit() {
        // 2,000,000 lines: reading stops at the 201st.
        let set = BrushSet(staticAreas: Array(repeating: "all", count: 2_000_000))
        let built = set.build(size: Self.size, defaultMaximumPoints: 77)
        #expect(built.sizeError == .tooLarge(.jobTerms, found: 201, column: nil))
        // Lines that do not parse count as one term each.
        let broken = BrushSet(staticAreas: Array(repeating: "", count: 201))
        #expect(broken.build(size: Self.size, defaultMaximumPoints: 77).sizeError?.description.contains("201") == true)
    }

    @Test func aSetOfTheMostVerticesIsDrawnAndOneMoreIsRefused() {
        let polygon = "polygon " + Self.points(1_000)
        let most = BrushSet(staticAreas: [polygon], dynamic: [BrushGroup(area: polygon, path: "still")])
        #expect(most.build(size: Self.size, defaultMaximumPoints: 77).sizeError == nil)
        let over = BrushSet(
            staticAreas: [polygon, "polygon 0,0 1,0 1,1"], dynamic: [BrushGroup(area: polygon, path: "still")])
        let refused = over.build(size: Self.size, defaultMaximumPoints: 77)
        #expect(refused.sizeError == .tooLarge(.jobVertices, found: 2_003, column: nil))
        #expect(
            refused.sizeError?.description
                == "the job's areas together have more than 2,000 vertices (2,003 when reading stopped); the areas of one job may have at most 2,000 vertices"
        )
    }
}
