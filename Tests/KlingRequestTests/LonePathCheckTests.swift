import KlingBrush
import KlingCheck
import KlingRequest
import Testing

/// `klingprep path`'s verdict comes from the rule book, as a job group's does.
struct LonePathCheckTests {
    static let size = PixelSize(width: 1000, height: 500)

    static func findings(_ text: String, points: Int? = nil, area: Area? = nil) throws -> [String] {
        let path = try BrushPath(parsing: text)
        let mask = try area?.runs(size: size)
        let trajectory = try path.trajectory(
            size: size, areaCentre: mask?.whiteCentroid, points: points, defaultMaximum: 77)
        return LonePathCheck.findings(trajectory, of: path, area: mask).map { "\($0.severity) \($0.code)" }
    }

    @Test func aPathInsideTheImageHasNoFindings() throws {
        #expect(try Self.findings("line 0.1,0.5 -> 0.9,0.5", points: 10) == [])
    }

    @Test func pointsOffTheImageAreAnError() throws {
        // 1.6 of the shorter side (500) is 800 px to the right of the centre: 500…1300.
        #expect(try Self.findings("move right 1.6", points: 5) == ["error brushes.point_outside"])
    }

    @Test func aStartOutsideItsAreaIsAWarning() throws {
        let area = try Area(parsing: "rect 0.75,0 1,1")
        #expect(
            try Self.findings("line 0.1,0.5 -> 0.9,0.5", area: area) == ["warning brushes.path_starts_outside_area"])
        #expect(try Self.findings("move left 0.5", points: 2, area: area) == [])
    }
}
