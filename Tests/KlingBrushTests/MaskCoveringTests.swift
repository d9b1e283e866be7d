import KlingCheck
import TestSupport
import Testing

@testable import KlingBrush

/// ``MaskRuns/covering(_:)``, the previews' scaling: a target pixel is inside when any source
/// pixel of its footprint is, so no area vanishes.
struct MaskCoveringTests {
    /// The brute-force answer: every target pixel against every source pixel of its footprint.
    static func covering(_ mask: MaskRuns, to target: PixelSize) -> [[Bool]] {
        (0..<target.height).map { y in
            let rows = footprint(y, of: target.height, over: mask.height)
            return (0..<target.width).map { x in
                let columns = footprint(x, of: target.width, over: mask.width)
                return rows.contains { row in columns.contains { mask.isInside(x: $0, y: row) } }
            }
        }
    }

    /// Source indices `⌊i·S/t⌋ ..< ⌈(i+1)·S/t⌉` (at least one) of target index `i`.
    static func footprint(_ index: Int, of target: Int, over source: Int) -> Range<Int> {
        let low = index * source / target
        return low..<max(low + 1, ((index + 1) * source + target - 1) / target)
    }

    @Test func coveringEqualsTheFootprintsOrOnRandomAreas() throws {
        var g = SeededGenerator(seed: 0x434F_5645)
        for (text, size) in MaskRunsTests.cases(seed: 0x434F_5646, count: 300, maxSide: 90) {
            let mask = try Area(parsing: text).runs(size: size)
            let target = PixelSize(width: Int.random(in: 1...60, using: &g), height: Int.random(in: 1...60, using: &g))
            let fast = mask.covering(target)
            let slow = Self.covering(mask, to: target)
            for y in 0..<target.height {
                for x in 0..<target.width where fast.isInside(x: x, y: y) != slow[y][x] {
                    Issue.record("\(text) at \(size) to \(target): pixel \(x),\(y)")
                }
            }
            // Never less than nearest-neighbour scaling shows.
            let nearest = mask.scaled(to: target)
            for y in 0..<target.height {
                for x in 0..<target.width where nearest.isInside(x: x, y: y) && !fast.isInside(x: x, y: y) {
                    Issue.record("\(text) at \(size) to \(target): nearest has \(x),\(y)")
                }
            }
        }
    }

    @Test func aOnePixelLineStaysVisibleInAPreview() throws {
        let size = PixelSize(width: 8000, height: 8000)
        let lines = try Area(parsing: "rect 0.3,0 0.3001,1; rect 0,0.7 1,0.7001").runs(size: size)
        #expect(lines.facts.count > 0)
        let preview = PixelSize(width: 1024, height: 1024)
        #expect(lines.scaled(to: preview).facts.count < 1024)  // nearest drops most of it
        let shown = lines.covering(preview)
        // A full column and a full row of the preview.
        #expect(shown.rows.allSatisfy { !$0.isEmpty })
        #expect(shown.rows.contains { $0 == [0..<1024] })
    }
}
