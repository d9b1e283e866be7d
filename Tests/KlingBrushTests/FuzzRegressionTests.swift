import Foundation
import KlingBrush
import KlingCheck
import Testing

/// Every input kept under fixtures/fuzz/FuzzArea and fixtures/fuzz/FuzzPath (the reproducers of
/// the libFuzzer targets, FUZZING.md) goes through the same API as its target: it parses or
/// throws a ``BrushError``; what parses reads back from its canonical text as the same value,
/// and draws (or throws) on a small grid without crashing.
struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/fuzz")

    static func inputs(_ target: String) -> [String] {
        let folder = fixtures.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted().map { "\(target)/\($0)" }
    }

    static func text(_ input: String) throws -> String {
        String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(input)), as: UTF8.self)
    }

    static let grid = PixelSize(width: 48, height: 32)

    @Test(arguments: inputs("FuzzArea"))
    func areaInput(input: String) throws {
        let area: Area
        do {
            area = try Area(parsing: try Self.text(input))
        } catch let error as BrushError {
            #expect(!error.description.isEmpty)
            return
        }
        let again = try Area(parsing: area.description)
        #expect(again == area)
        #expect(again.description == area.description)
        _ = try? area.rasterize(size: Self.grid)
    }

    @Test(arguments: inputs("FuzzPath"))
    func pathInput(input: String) throws {
        let path: BrushPath
        do {
            path = try BrushPath(parsing: try Self.text(input))
        } catch let error as BrushError {
            #expect(!error.description.isEmpty)
            return
        }
        let again = try BrushPath(parsing: path.description)
        #expect(again == path)
        #expect(again.description == path.description)
        _ = try? path.trajectory(size: Self.grid, points: path.points.map { min($0, 2000) }, defaultMaximum: 77)
    }

    /// The first area finding: a bare path that holds a '"' (`image -m"`) was written quoted,
    /// `image "-m""`, which does not parse; it is now written bare.
    @Test func imagePathWithAQuoteReadsBack() throws {
        let area = try Area(parsing: "image -m\"")
        #expect(area.description == "image -m\"")
        #expect(try Area(parsing: area.description) == area)
        #expect(try Area(parsing: "image \"my masks/a.png\"").description == "image \"my masks/a.png\"")
    }
}
