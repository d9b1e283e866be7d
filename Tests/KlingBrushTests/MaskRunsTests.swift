import TestSupport
import KlingCheck
import Testing

@testable import KlingBrush

/// ``MaskRuns`` against the byte masks it replaces: the same pixels, facts, overlaps, starts,
/// preview scaling and fix mapping, on seeded random areas of every shape.
struct MaskRunsTests {
    /// Random areas with a grid each; sizes include 1-pixel sides.
    static func cases(seed: UInt64, count: Int, maxSide: Int = 80) -> [(text: String, size: PixelSize)] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let text = PropertyTests.area(&g)
            let size = PixelSize(
                width: Int.random(in: 1...maxSide, using: &g), height: Int.random(in: 1...maxSide, using: &g))
            return (text, size)
        }
    }

    @Test func runsHoldTheRasterisersPixels() throws {
        for (text, size) in Self.cases(seed: 0x5255_4E53, count: 600) {
            let area = try Area(parsing: text)
            let bytes = try area.rasterize(size: size)
            let runs = try area.runs(size: size)
            #expect(runs.grayMask() == bytes, "\(text) at \(size)")
            #expect(MaskRuns(bytes) == runs, "\(text) at \(size)")
            for row in runs.rows {
                for (a, b) in zip(row, row.dropFirst()) { #expect(a.upperBound < b.lowerBound, "\(text)") }
                #expect(row.allSatisfy { !$0.isEmpty && $0.lowerBound >= 0 && $0.upperBound <= size.width })
            }
        }
    }

    @Test func factsEqualTheByteMasksFactsExactly() throws {
        for (text, size) in Self.cases(seed: 0x4641_4354, count: 400, maxSide: 300) {
            let area = try Area(parsing: text)
            let bytes = try area.rasterize(size: size)
            let runs = try area.runs(size: size)
            // Exact equality, centroid included: the sums run in the same order.
            #expect(runs.facts == MaskFacts(bytes), "\(text) at \(size)")
            #expect(runs.whiteCount == bytes.whiteCount && runs.whiteShare == bytes.whiteShare)
            #expect(runs.whiteBounds == bytes.whiteBounds && runs.whiteCentroid == bytes.whiteCentroid)
        }
    }

    @Test func isInsideAgreesEverywhere() throws {
        for (text, size) in Self.cases(seed: 0x494E_5349, count: 120, maxSide: 40) {
            let runs = try Area(parsing: text).runs(size: size)
            let bytes = runs.grayMask()
            for y in -1...size.height {
                for x in -1...size.width { #expect(runs.isInside(x: x, y: y) == bytes.isInside(x: x, y: y)) }
            }
        }
    }

    @Test func imageTermsAreReadAtTheThreshold() throws {
        var g = SeededGenerator(seed: 0x494D_4147)
        for _ in 0..<60 {
            let size = PixelSize(width: Int.random(in: 1...50, using: &g), height: Int.random(in: 1...50, using: &g))
            let picture = GrayMask(
                width: size.width, height: size.height,
                pixels: (0..<size.pixelCount).map { _ in UInt8.random(in: 0...255, using: &g) })
            let resolver: MaskResolver = { _ in picture }
            for text in ["image a.png", "all; -image a.png", "rect 0.2,0.2 0.8,0.8; image a.png; -circle 0.5,0.5 0.2"] {
                let area = try Area(parsing: text)
                #expect(
                    try area.runs(size: size, resolver: resolver).grayMask()
                        == area.rasterize(size: size, resolver: resolver), "\(text)")
            }
            #expect(MaskRuns(picture).grayMask() == MaskRuns(picture).grayMask())
            #expect(MaskRuns(picture).whiteCount == picture.whiteCount)
        }
    }

    @Test func insertAndRemoveFollowAByteModel() {
        var g = SeededGenerator(seed: 0x524F_5753)
        for _ in 0..<300 {
            let width = Int.random(in: 1...40, using: &g)
            var runs: [Range<Int>] = []
            var model = [Bool](repeating: false, count: width)
            for _ in 0..<Int.random(in: 1...25, using: &g) {
                let a = Int.random(in: 0...width, using: &g)
                let b = Int.random(in: 0...width, using: &g)
                let run = min(a, b)..<max(a, b)
                let set = Bool.random(using: &g)
                if set { RowRuns.insert(run, into: &runs) } else { RowRuns.remove(run, from: &runs) }
                for column in run { model[column] = set }
                var expected: [Range<Int>] = []
                var column = 0
                while column < width {
                    guard model[column] else {
                        column += 1
                        continue
                    }
                    let start = column
                    while column < width, model[column] { column += 1 }
                    expected.append(start..<column)
                }
                #expect(runs == expected)
            }
        }
    }

    @Test func unionEqualsTheByteUnion() throws {
        let cases = Self.cases(seed: 0x554E_494F, count: 200, maxSide: 60)
        for (first, second) in zip(cases, cases.dropFirst()) {
            let size = first.size
            var bytes = try Area(parsing: first.text).rasterize(size: size)
            var runs = try Area(parsing: first.text).runs(size: size)
            bytes.formUnion(try Area(parsing: second.text).rasterize(size: size))
            runs.formUnion(try Area(parsing: second.text).runs(size: size))
            #expect(runs.grayMask() == bytes)
        }
    }

    /// Today's preview resampling of a full byte mask (nearest neighbour), the reference.
    static func resample(_ mask: GrayMask, to size: PixelSize) -> GrayMask {
        var pixels = [UInt8](repeating: 0, count: size.width * size.height)
        for y in 0..<size.height {
            let sourceRow = min(mask.height - 1, (y * mask.height + mask.height / 2) / size.height)
            for x in 0..<size.width {
                let column = min(mask.width - 1, (x * mask.width + mask.width / 2) / size.width)
                pixels[y * size.width + x] = mask[column, sourceRow]
            }
        }
        return GrayMask(width: size.width, height: size.height, pixels: pixels)
    }

    @Test func scalingPicksTheSamePixelsAsNearestNeighbour() throws {
        var g = SeededGenerator(seed: 0x5343_414C)
        for (text, size) in Self.cases(seed: 0x5343_4131, count: 250, maxSide: 120) {
            let runs = try Area(parsing: text).runs(size: size)
            let bytes = runs.grayMask()
            for _ in 0..<3 {
                let target = PixelSize(
                    width: Int.random(in: 1...160, using: &g), height: Int.random(in: 1...160, using: &g))
                let scaled = runs.scaled(to: target)
                #expect(scaled.grayMask() == Self.resample(bytes, to: target), "\(text) \(size) → \(target)")
                #expect(MaskRuns(scaled.grayMask()) == scaled, "canonical: \(text) \(size) → \(target)")
            }
        }
        let big = try Area(parsing: "ellipse 0.35,0.55 0.08,0.2; rect 0,0.8 1,1").runs(
            size: PixelSize(width: 3840, height: 2160))
        let preview = PixelSize(width: 1600, height: 900)
        #expect(big.scaled(to: preview).grayMask() == Self.resample(big.grayMask(), to: preview))
    }

    @Test func startsEqualTheByteMasksStarts() throws {
        var g = SeededGenerator(seed: 0x5354_4152)
        for (text, size) in Self.cases(seed: 0x5354_4131, count: 200, maxSide: 50) {
            let runs = try Area(parsing: text).runs(size: size)
            let bytes = runs.grayMask()
            for _ in 0..<10 {
                let point = APIPoint(
                    x: Int.random(in: -2...size.width + 1, using: &g),
                    y: Int.random(in: -2...size.height + 1, using: &g))
                #expect(
                    TrajectoryStart(point: point, mask: runs, imageSize: size)
                        == TrajectoryStart(point: point, mask: bytes, imageSize: size))
                let other = PixelSize(width: size.width * 2 + 1, height: size.height + 3)
                #expect(
                    TrajectoryStart(point: point, mask: runs, imageSize: other)
                        == TrajectoryStart(point: point, mask: bytes, imageSize: other))
            }
        }
    }

    /// Today's overlap search on bytes, the reference.
    static func overlap(_ a: GrayMask, _ b: GrayMask) -> (count: Int, box: PixelBox?) {
        var count = 0
        var box: PixelBox?
        for y in 0..<a.height {
            for x in 0..<a.width where a.isInside(x: x, y: y) && b.isInside(x: x, y: y) {
                count += 1
                let pixel = PixelBox(minX: x, minY: y, maxX: x, maxY: y)
                box = box.map { $0.union(pixel) } ?? pixel
            }
        }
        return (count, box)
    }

    @Test func overlapsEqualTheByteOverlaps() throws {
        var g = SeededGenerator(seed: 0x4F56_4552)
        for _ in 0..<80 {
            let size = PixelSize(width: Int.random(in: 1...90, using: &g), height: Int.random(in: 1...90, using: &g))
            let set = BrushSet(
                staticAreas: [PropertyTests.area(&g)],
                dynamic: (0..<3).map { _ in BrushGroup(area: PropertyTests.area(&g), path: "still") })
            let built = set.build(size: size, defaultMaximumPoints: 77)
            var expected: [AreaOverlap] = []
            for (index, group) in built.groups.enumerated() {
                guard let mask = group.mask?.grayMask() else { continue }
                for other in built.groups[..<index] {
                    guard let otherMask = other.mask?.grayMask() else { continue }
                    let found = Self.overlap(mask, otherMask)
                    if let box = found.box {
                        expected.append(
                            AreaOverlap(
                                group: group.number, other: .group(other.number), pixelCount: found.count, box: box))
                    }
                }
                if let staticMask = built.staticMask?.grayMask(), let box = Self.overlap(mask, staticMask).box {
                    expected.append(
                        AreaOverlap(
                            group: group.number, other: .staticArea, pixelCount: Self.overlap(mask, staticMask).count,
                            box: box))
                }
            }
            #expect(built.overlaps == expected, "\(set)")
        }
    }

    /// Today's fix mapping of a byte mask: every fixed pixel takes its upright pixel's value.
    static func move(_ mask: GrayMask, _ geometry: FixGeometry) -> GrayMask {
        let output = geometry.outputSize
        var pixels = [UInt8](repeating: 0, count: output.width * output.height)
        for row in 0..<output.height {
            for column in 0..<output.width {
                let point = geometry.upright(fromFixed: PixelPoint(x: Double(column) + 0.5, y: Double(row) + 0.5))
                let x = point.x.rounded(.down)
                let y = point.y.rounded(.down)
                guard x >= 0, y >= 0, x < Double(mask.width), y < Double(mask.height) else { continue }
                pixels[row * output.width + column] = mask[Int(x), Int(y)]
            }
        }
        return GrayMask(width: output.width, height: output.height, pixels: pixels)
    }

    @Test(arguments: [
        // Pad left and right, pad top, crop, crop and scale down, pad and scale up.
        (PixelRect(x: -7, y: 0, width: 74, height: 40), PixelSize(width: 74, height: 40)),
        (PixelRect(x: 0, y: -5, width: 60, height: 50), PixelSize(width: 60, height: 50)),
        (PixelRect(x: 10, y: 4, width: 30, height: 20), PixelSize(width: 30, height: 20)),
        (PixelRect(x: 3, y: 2, width: 50, height: 35), PixelSize(width: 23, height: 17)),
        (PixelRect(x: -4, y: -3, width: 68, height: 46), PixelSize(width: 131, height: 97)),
    ])
    func fixMappingEqualsTheByteMapping(frame: PixelRect, output: PixelSize) throws {
        let upright = PixelSize(width: 60, height: 40)
        let geometry = FixGeometry(storedSize: upright, orientation: 1, frame: frame, outputSize: output)
        var g = SeededGenerator(seed: UInt64(frame.width * 1000 + output.width))
        for _ in 0..<30 {
            let set = BrushSet(
                staticAreas: [PropertyTests.area(&g)],
                dynamic: [BrushGroup(area: PropertyTests.area(&g), path: "move right 10%")])
            let built = set.build(size: upright, defaultMaximumPoints: 77)
            let moved = built.mapped(through: geometry)
            #expect(moved.staticMask?.grayMask() == built.staticMask.map { Self.move($0.grayMask(), geometry) })
            #expect(moved.groups[0].mask?.grayMask() == built.groups[0].mask.map { Self.move($0.grayMask(), geometry) })
            #expect(moved.staticFacts == moved.staticMask.map { MaskFacts($0.grayMask()) })
        }
    }
}
