import Testing

@testable import KlingBrush

/// Input text → canonical text; parsing the canonical text gives the same value again.
struct ParserRoundTripTests {
    static let areas: [(String, String)] = [
        ("rect 0.1,0.2 0.5,0.6", "rect 0.1,0.2 0.5,0.6"),
        ("  rect   10%,20%    50%,60%  ", "rect 10%,20% 50%,60%"),
        ("rect 0,0 1920px,1080px", "rect 0,0 1920px,1080px"),
        ("rect 0.0,1.0 .5,0.50", "rect 0,1 0.5,0.5"),
        ("ellipse 0.5,0.5 0.2,0.1", "ellipse 0.5,0.5 0.2,0.1"),
        ("circle 0.5,0.5 40px", "circle 0.5,0.5 40px"),
        ("circle 0.5, 0.5 5%", "circle 0.5,0.5 5%"),
        ("polygon 0,0 1,0 0.5,1", "polygon 0,0 1,0 0.5,1"),
        ("polygon -0.1,0 1.2,0 0.5,1 0.2,0.4", "polygon -0.1,0 1.2,0 0.5,1 0.2,0.4"),
        ("stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2", "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2"),
        ("stroke 0.01 0.5,0.5", "stroke 0.01 0.5,0.5"),
        ("all", "all"),
        ("image masks/sky.png", "image masks/sky.png"),
        ("image \"my masks/sky.png\"", "image \"my masks/sky.png\""),
        ("all; -circle 0.5,0.5 0.1", "all; -circle 0.5,0.5 0.1"),
        ("all - circle 0.5,0.5 0.1", "all; -circle 0.5,0.5 0.1"),
        ("rect 0,0 1,1;circle 0.5,0.5 0.1;-rect 0,0 0.1,0.1", "rect 0,0 1,1; circle 0.5,0.5 0.1; -rect 0,0 0.1,0.1"),
        ("-all; rect 0,0 1e-05,2.5e3px", "-all; rect 0,0 1e-05,2500px"),
    ]

    static let paths: [(String, String)] = [
        ("line 0.2,0.7 -> 0.8,0.7", "line 0.2,0.7 -> 0.8,0.7"),
        ("line->0.7,0.5", "line -> 0.7,0.5"),
        ("line -> 0.7,0.5 points 30 ease in-out", "line -> 0.7,0.5 points 30 ease in-out"),
        ("line -> 0.7,0.5 ease out points 30", "line -> 0.7,0.5 points 30 ease out"),
        ("path 0,0 -> 0.5,0.5 -> 1,0", "path 0,0 -> 0.5,0.5 -> 1,0"),
        ("path -> 50%,50% -> 100px,20px", "path -> 50%,50% -> 100px,20px"),
        ("curve 0.1,0.5 -> 0.5,0.2 -> 0.9,0.5", "curve 0.1,0.5 -> 0.5,0.2 -> 0.9,0.5"),
        ("arc 0.2,0.7 -> 0.8,0.7 bend 0.3", "arc 0.2,0.7 -> 0.8,0.7 bend 0.3"),
        ("arc 0.2,0.7 -> 0.8,0.7 bend -25%", "arc 0.2,0.7 -> 0.8,0.7 bend -0.25"),
        ("orbit 0.5,0.5 0.2", "orbit 0.5,0.5 0.2"),
        ("orbit 0.5,0.5 0.2 turns 1 from 0 ccw", "orbit 0.5,0.5 0.2"),
        ("orbit 0.5,0.5 20% cw from 90deg turns 0.5", "orbit 0.5,0.5 20% turns 0.5 from 90 cw"),
        ("wave 0.1,0.5 -> 0.9,0.5 amplitude 0.05 cycles 3", "wave 0.1,0.5 -> 0.9,0.5 amplitude 0.05 cycles 3"),
        ("move up 15%", "move up 15%"),
        ("move down-left 0.1 points 2", "move down-left 0.1 points 2"),
        ("move 30deg 100px", "move 30deg 100px"),
        ("move -45deg 0.2", "move -45deg 0.2"),
        ("still", "still"),
        ("still points 77 ease linear", "still points 77 ease linear"),
    ]

    @Test(arguments: areas)
    func areaRoundTrip(input: String, canonical: String) throws {
        let area = try Area(parsing: input)
        #expect(area.description == canonical)
        #expect(try Area(parsing: canonical) == area)
    }

    @Test(arguments: paths)
    func pathRoundTrip(input: String, canonical: String) throws {
        let path = try BrushPath(parsing: input)
        #expect(path.description == canonical)
        #expect(try BrushPath(parsing: canonical) == path)
    }

    @Test func parsedValues() throws {
        #expect(
            try Area(parsing: "all; -circle 50%,0.5 40px")
                == Area(terms: [
                    AreaTerm(.all),
                    AreaTerm(
                        .circle(
                            centre: PointSpec(Quantity(50, .percent), Quantity(0.5)),
                            radius: Quantity(40, .pixels)), isSubtracted: true),
                ]))
        #expect(
            try BrushPath(parsing: "move up-left 10% points 5 ease in")
                == BrushPath(.move(.upLeft, distance: Quantity(10, .percent)), points: 5, ease: .in))
        #expect(
            try BrushPath(parsing: "orbit 0.5,0.5 0.2 turns 2 from 45 cw")
                == BrushPath(
                    .orbit(
                        centre: PointSpec(0.5, 0.5), radius: Quantity(0.2), turns: 2, fromDegrees: 45, clockwise: true))
        )
        #expect(try BrushPath(parsing: "line -> 1,1").form.startsAtAreaCentre)
        #expect(!(try BrushPath(parsing: "line 0,0 -> 1,1").form.startsAtAreaCentre))
    }

    @Test func everyNumberPrintsBackExactly() throws {
        for value in [0.1, 0.2, 1.0 / 3.0, 123.456, 1e-7, 0.30000000000000004] {
            let area = Area(terms: [AreaTerm(.rect(PointSpec(value, value), PointSpec(1, 1)))])
            #expect(try Area(parsing: area.description) == area)
        }
    }
}
