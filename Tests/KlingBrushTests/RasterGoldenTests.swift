import KlingCheck
import Testing

@testable import KlingBrush

/// The pixel-centre rule on tiny grids, byte for byte.
struct RasterGoldenTests {
    @Test func rectCoversCentresInside() throws {
        let m = try mask("rect 0.25,0.25 0.75,0.75", 4, 4)
        #expect(
            m.pixels == [
                0, 0, 0, 0,
                0, 255, 255, 0,
                0, 255, 255, 0,
                0, 0, 0, 0,
            ])
    }

    @Test func rectEdgeThroughCentreIsHalfOpen() throws {
        // x from 0.5 px to 2.5 px: centres 0.5 and 1.5 are in, 2.5 is out.
        let m = try mask("rect 0.5px,0 2.5px,1", 4, 1)
        #expect(m.pixels == [255, 255, 0, 0])
    }

    @Test func circleOfRadiusTwoAndAQuarter() throws {
        let m = try mask("circle 0.5,0.5 0.45", 5, 5)
        #expect(
            picture(m) == [
                ".###.",
                "#####",
                "#####",
                "#####",
                ".###.",
            ])
    }

    @Test func ellipse() throws {
        let m = try mask("ellipse 0.5,0.5 0.5,0.25", 8, 4)
        #expect(
            picture(m) == [
                "........",
                ".######.",
                ".######.",
                "........",
            ])
    }

    @Test func triangleDiagonalFollowsTopLeftRule() throws {
        let m = try mask("polygon 0,0 1,0 0,1", 4, 4)
        #expect(
            m.pixels == [
                255, 255, 255, 0,
                255, 255, 0, 0,
                255, 0, 0, 0,
                0, 0, 0, 0,
            ])
    }

    @Test func selfIntersectingPolygonUsesNonZeroRule() throws {
        // A pentagram: the centre has winding number 2, filled under non-zero (even-odd would
        // leave it empty).
        let star = "polygon 0.5,0 0.8,1 0,0.35 1,0.35 0.2,1"
        let m = try mask(star, 21, 21)
        #expect(m[10, 10] == 255)
        #expect(m[10, 0] == 255)
        #expect(m[0, 20] == 0)
    }

    @Test func subtraction() throws {
        let m = try mask("all; -rect 0.25,0.25 0.75,0.75", 4, 4)
        #expect(picture(m) == ["####", "#..#", "#..#", "####"])
        let n = try mask("all - rect 0.25,0.25 0.75,0.75; rect 0.5,0.5 0.75,0.75", 4, 4)
        #expect(picture(n) == ["####", "#..#", "#.##", "####"])
    }

    @Test func strokeHasRoundCaps() throws {
        let m = try mask("stroke 2px 1px,2px 7px,2px", 9, 4)
        #expect(
            picture(m) == [
                ".........",
                "########.",
                "########.",
                ".........",
            ])
        let wide = try mask("stroke 6px 5px,5px 11px,5px", 17, 10)
        #expect(
            picture(wide) == [
                ".................",
                ".................",
                "...##########....",
                "..############...",
                "..############...",
                "..############...",
                "..############...",
                "...##########....",
                ".................",
                ".................",
            ])
    }

    @Test func strokeJoinIsRound() throws {
        // An L-shaped stroke: the outer corner of the join is rounded, the inner one filled.
        let m = try mask("stroke 4px 2px,2px 10px,2px 10px,10px", 13, 13)
        #expect(m[11, 0] == 0)  // outer corner, 2.1 px from the joint: cut off
        #expect(m[11, 1] == 255)
        #expect(m[7, 5] == 0)  // inside the L, more than 2 px from both arms
        #expect(m[10, 11] == 255)  // round cap below the end
        #expect(m[10, 12] == 0)
    }

    @Test func allAndOutsideShapes() throws {
        #expect(try mask("all", 3, 2).pixels == [UInt8](repeating: 255, count: 6))
        #expect(try mask("circle 5,5 0.1", 3, 2).whiteCount == 0)
        #expect(try mask("rect -1,-1 2,2", 3, 2).whiteCount == 6)
    }

    @Test func imageTerms() throws {
        let picture = GrayMask(width: 2, height: 2, pixels: [0, 200, 127, 255])
        let resolver: MaskResolver = { path in
            guard path == "m.png" else { throw TestFailure(description: "no file \(path)") }
            return picture
        }
        #expect(try mask("image m.png", 2, 2, resolver: resolver).pixels == [0, 255, 0, 255])
        #expect(try mask("all; -image m.png", 2, 2, resolver: resolver).pixels == [255, 0, 255, 0])
        #expect(
            throws: BrushError.imageSize(
                path: "m.png", found: PixelSize(width: 2, height: 2), expected: PixelSize(width: 3, height: 2))
        ) {
            try mask("image m.png", 3, 2, resolver: resolver)
        }
        #expect(throws: BrushError.imageUnavailable(path: "x.png", reason: "no file x.png")) {
            try mask("image x.png", 2, 2, resolver: resolver)
        }
        #expect(throws: BrushError.imageUnavailable(path: "m.png", reason: "no way to read mask images was supplied")) {
            try mask("image m.png", 2, 2)
        }
    }

    @Test func statistics() throws {
        let m = try mask("rect 0.25,0.5 0.75,1", 8, 4)
        #expect(m.whiteCount == 8)
        #expect(m.whiteBounds == PixelBox(minX: 2, minY: 2, maxX: 5, maxY: 3))
        #expect(m.whiteCentroid == UserPoint(x: 4, y: 3))
        #expect(m.whiteShare == 0.25)
        let empty = GrayMask(size: PixelSize(width: 20, height: 3))
        #expect(empty.whiteCount == 0 && empty.whiteBounds == nil && empty.whiteCentroid == nil)
        // Bounds found by the eight-byte skip must match a plain scan, at every offset.
        for column in 0..<20 {
            var single = GrayMask(size: PixelSize(width: 20, height: 3))
            single[column, 1] = 255
            #expect(single.whiteBounds == PixelBox(minX: column, minY: 1, maxX: column, maxY: 1))
        }
    }
}
