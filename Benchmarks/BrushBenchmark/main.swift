// Issue 3's benchmark: 7 masks at 3840×2160 — one static mask of three shapes and six dynamic
// masks of one shape each — drawn (KlingBrush) and PNG-encoded (KlingImage). Issue 12's cases
// follow: the largest brush sets the description limits accept, and huge ones refused.
//
//   swift run -c release BrushBenchmark
import KlingBrush
import KlingCheck
import KlingImage
import KlingPreview

let size = PixelSize(width: 3840, height: 2160)
let staticText = "rect 0,0.8 1,1; ellipse 0.15,0.3 0.1,0.15; polygon 0.6,0.05 0.95,0.15 0.85,0.45 0.55,0.35"
let dynamicTexts = [
    "ellipse 0.35,0.55 0.08,0.2",
    "circle 0.7,0.6 0.1",
    "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2 0.5,0.3",
    "polygon 0.45,0.1 0.55,0.1 0.6,0.3 0.4,0.3",
    "rect 0.05,0.55 0.2,0.75",
    "ellipse 0.85,0.7 0.06,0.08",
]

func milliseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
}

func measure(_ label: String, runs: Int, _ body: () throws -> Int) rethrows {
    var times: [Double] = []
    var check = 0
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let start = clock.now
        check &+= try body()
        times.append(milliseconds(clock.now - start))
    }
    times.sort()
    let median = times[times.count / 2]
    let best = times[0]
    print("\(label): median \(format(median)) ms, best \(format(best)) ms over \(runs) runs (check \(check / runs))")
}

func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

do {
    let staticArea = try Area(parsing: staticText)
    let dynamicAreas = try dynamicTexts.map { text throws(BrushError) in try Area(parsing: text) }
    print("7 masks at \(size) (1 static of 3 shapes, 6 dynamic of 1 shape each)")
    try measure("draw 7 masks", runs: 30) {
        var white = try staticArea.rasterize(size: size).pixels.count
        for area in dynamicAreas { white &+= try area.rasterize(size: size).pixels.count }
        return white
    }
    try measure("draw 7 masks + count white pixels", runs: 30) {
        var white = try staticArea.rasterize(size: size).whiteCount
        for area in dynamicAreas { white &+= try area.rasterize(size: size).whiteCount }
        return white
    }
    try measure("draw 7 masks as runs + count white pixels", runs: 30) {
        var white = try staticArea.runs(size: size).whiteCount
        for area in dynamicAreas { white &+= try area.runs(size: size).whiteCount }
        return white
    }
    try measure("draw 7 masks as runs + PNG-encode from runs (MaskPNGEncoder)", runs: 30) {
        var bytes = 0
        for area in [staticArea] + dynamicAreas {
            let mask = try area.runs(size: size)
            bytes += try MaskPNGEncoder.encode(rows: mask.rows, width: mask.width).count
        }
        return bytes
    }
    for (name, options) in [
        ("mask options: level 1, RLE, no filter", PNGEncodeOptions.mask),
        ("libpng defaults: level 6, all filters", PNGEncodeOptions.standard),
        ("1-bit gray, level 6, RLE, up filter", PNGEncodeOptions(strategy: .rle, filters: .up, bitDepth: 1)),
    ] {
        try measure("draw + PNG-encode 7 masks (\(name))", runs: 10) {
            var bytes = 0
            for area in [staticArea] + dynamicAreas {
                let mask = try area.rasterize(size: size)
                bytes += try PNGEncoder.encode(
                    pixels: mask.pixels, width: mask.width, height: mask.height, channels: 1, options: options
                ).count
            }
            return bytes
        }
    }
    let set = BrushSet(
        staticAreas: [staticText],
        dynamic: dynamicTexts.map { BrushGroup(area: $0, path: "move right 10%") })
    // The most points a default trajectory gets: the API's 77 (the rule book's number).
    let maximumPoints = 77
    measure("BrushSet.build (parse, draw, trajectories, overlaps and other facts)", runs: 20) {
        let built = set.build(size: size, defaultMaximumPoints: maximumPoints)
        return built.overlaps.count
    }
    let built = set.build(size: size, defaultMaximumPoints: maximumPoints)
    let previewSize = PixelSize(width: 1600, height: 900)
    measure("preview: scale 7 masks to \(previewSize), tint + outline, draw 6 trajectories into RGB", runs: 10) {
        var image = RGBImage(size: previewSize, colour: RGBColour(red: 90, green: 90, blue: 90))
        if let mask = built.staticMask?.scaled(to: previewSize) {
            image.tint(mask, colour: .staticArea)
            image.outline(mask, colour: .staticArea)
        }
        for group in built.groups {
            let colour = RGBColour.groupPalette[(group.number - 1) % RGBColour.groupPalette.count]
            if let mask = group.mask?.scaled(to: previewSize) {
                image.tint(mask, colour: colour)
                image.outline(mask, colour: colour)
            }
            if let trajectory = group.trajectory {
                let scale = Double(previewSize.width) / Double(size.width)
                let points = trajectory.user.map { UserPoint(x: $0.x * scale, y: $0.y * scale) }
                image.trajectory(
                    Trajectory(user: points, size: previewSize), colour: colour, label: "\(group.number)")
            }
        }
        return image.pixels.count
    }
    try worstCases()
} catch {
    print("error: \(error)")
}

/// Issue 12: the largest brush sets the description limits accept (``DescriptionLimits``),
/// built as a job builds them, and the huge descriptions they refuse, timed from the text.
func worstCases() throws {
    let maximumPoints = 77
    // A zigzag of 1,000 vertices, every edge crossing every row: 1,000 crossings per row.
    let zigzag = (0..<DescriptionLimits.maximumAreaVertices).map { "\(Double($0) / 1000),\($0 % 2)" }
    let polygon = "polygon " + zigzag.joined(separator: " ")
    // 999 capsules, each wider than the picture.
    let stroke = "stroke 1000000px " + zigzag.joined(separator: " ")
    let terms = Array(repeating: "all", count: DescriptionLimits.maximumTerms).joined(separator: "; ")
    let widePath =
        "curve "
        + (0..<DescriptionLimits.maximumPathPoints).map { "\($0 % 10 / 10),\($0 % 2)" }
        .joined(separator: " -> ")
    let orbit = "orbit 0.5,0.5 0.4 turns 277 points 77"
    let cases: [(String, BrushSet)] = [
        (
            "2 zigzag polygons of 1,000 vertices (static + group)",
            BrushSet(staticAreas: [polygon], dynamic: [BrushGroup(area: polygon, path: widePath)])
        ),
        (
            "2 strokes of 1,000 vertices, 1,000,000 px wide (static + group)",
            BrushSet(staticAreas: [stroke], dynamic: [BrushGroup(area: stroke, path: orbit)])
        ),
        (
            "200 terms of `all` (3 static lines + 1 group of 50)",
            BrushSet(
                staticAreas: Array(repeating: terms, count: 3), dynamic: [BrushGroup(area: terms, path: orbit)])
        ),
    ]
    for (label, set) in cases {
        measure("largest accepted: \(label)", runs: 3) {
            let built = set.build(size: size, defaultMaximumPoints: maximumPoints)
            precondition(built.sizeError == nil && built.staticErrors.allSatisfy { $0 == nil })
            return built.groups.count
        }
    }
    let huge = "polygon " + Array(repeating: "0.1,0.2 0.3,0.4", count: 1_000_000).joined(separator: " ")
    measure("refused: a polygon of 2,000,000 vertices (16 MB of text)", runs: 5) {
        let built = BrushSet(dynamic: [BrushGroup(area: huge, path: "still")])
            .build(size: size, defaultMaximumPoints: maximumPoints)
        return built.groups.first?.areaError == nil ? 0 : 1
    }
    let compact = "polygon " + Array(repeating: "0,0", count: 2_498).joined(separator: " ")
    measure("refused: a polygon of 2,498 vertices within 10,000 characters", runs: 5) {
        (try? Area(parsing: compact)) == nil ? 1 : 0
    }
    let lines = BrushSet(staticAreas: Array(repeating: "all", count: 2_000_000))
    measure("refused: 2,000,000 static lines", runs: 5) {
        lines.build(size: size, defaultMaximumPoints: maximumPoints).sizeError == nil ? 0 : 1
    }
}
