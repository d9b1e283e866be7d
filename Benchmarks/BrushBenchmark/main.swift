// Issue 3's benchmark: 7 masks at 3840×2160 — one static mask of three shapes and six dynamic
// masks of one shape each — drawn (KlingBrush) and PNG-encoded (KlingImage).
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
    measure("preview: tint + outline 7 masks, draw 6 trajectories into RGB", runs: 10) {
        var image = RGBImage(size: size, colour: RGBColour(red: 90, green: 90, blue: 90))
        if let mask = built.staticMask {
            image.tint(mask, colour: .staticArea)
            image.outline(mask, colour: .staticArea)
        }
        for group in built.groups {
            let colour = RGBColour.groupPalette[(group.number - 1) % RGBColour.groupPalette.count]
            if let mask = group.mask {
                image.tint(mask, colour: colour)
                image.outline(mask, colour: colour)
            }
            if let trajectory = group.trajectory {
                image.trajectory(trajectory, colour: colour, label: "\(group.number)")
            }
        }
        return image.pixels.count
    }
} catch {
    print("error: \(error)")
}
