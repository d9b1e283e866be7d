import KlingCheck
import Testing

@testable import KlingBrush

/// Trajectory goldens for every path form on a non-square 200×100 image (shorter side 100).
struct TrajectoryTests {
    let size = PixelSize(width: 200, height: 100)

    func api(_ text: String, centre: UserPoint? = nil) throws -> [APIPoint] {
        try BrushPath(parsing: text).trajectory(size: size, areaCentre: centre, defaultMaximum: apiMaximum).api
    }

    func user(_ text: String, centre: UserPoint? = nil) throws -> [UserPoint] {
        try BrushPath(parsing: text).trajectory(size: size, areaCentre: centre, defaultMaximum: apiMaximum).user
    }

    func points(_ pairs: [(Int, Int)]) -> [APIPoint] { pairs.map { APIPoint(x: $0.0, y: $0.1) } }

    @Test func line() throws {
        #expect(
            try user("line 0.1,0.2 -> 0.6,0.2 points 6")
                == [20, 40, 60, 80, 100, 120].map { UserPoint(x: Double($0), y: 20) })
        #expect(
            try api("line 0.1,0.2 -> 0.6,0.2 points 6")
                == points([(20, 79), (40, 79), (60, 79), (80, 79), (100, 79), (120, 79)]))
    }

    @Test func lineFromAreaCentre() throws {
        #expect(
            try api("line -> 150.5px,50.5px points 3", centre: UserPoint(x: 50.5, y: 50.5))
                == points([(50, 49), (100, 49), (150, 49)]))
        // Without an area the image centre (100, 50) is the start.
        #expect(try api("line -> 0.5,0.1 points 2") == points([(100, 49), (100, 89)]))
    }

    @Test func polyline() throws {
        #expect(
            try api("path 10.5px,10.5px -> 110.5px,10.5px -> 110.5px,60.5px points 4")
                == points([(10, 89), (60, 89), (110, 89), (110, 39)]))
    }

    @Test func curve() throws {
        let t = try user("curve 20.5px,70.5px -> 100.5px,30.5px -> 180.5px,70.5px points 5")
        #expect(t.first == UserPoint(x: 20.5, y: 70.5))
        #expect(t.last == UserPoint(x: 180.5, y: 70.5))
        // Symmetric, so the middle sample is the middle control point.
        #expect(abs(t[2].x - 100.5) < 1e-9 && abs(t[2].y - 30.5) < 1e-9)
        #expect(
            try api("curve 20.5px,70.5px -> 100.5px,30.5px -> 180.5px,70.5px points 5")
                == points([(20, 29), (58, 53), (100, 69), (142, 53), (180, 29)]))
        // Catmull–Rom with two points is the straight line.
        #expect(try api("curve 0.1,0.5 -> 0.9,0.5 points 3") == points([(20, 49), (100, 49), (180, 49)]))
    }

    @Test func arc() throws {
        // Chord 160 px to the right, sagitta 40 px bulging left of travel = up on screen.
        #expect(
            try api("arc 20.5px,50.5px -> 180.5px,50.5px bend 0.25 points 3")
                == points([(20, 49), (100, 89), (180, 49)]))
        // Negative bend bulges the other way.
        #expect(
            try api("arc 20.5px,50.5px -> 180.5px,50.5px bend -0.25 points 3")
                == points([(20, 49), (100, 9), (180, 49)]))
        // Every point lies on the circle of radius (80² + 40²) / 80 = 100 around (100.5, 110.5).
        for p in try user("arc 20.5px,50.5px -> 180.5px,50.5px bend 0.25 points 9") {
            let r = ((p.x - 100.5) * (p.x - 100.5) + (p.y - 110.5) * (p.y - 110.5)).squareRoot()
            #expect(abs(r - 100) < 0.01)
        }
        #expect(
            try api("arc 20.5px,50.5px -> 180.5px,50.5px bend 0.25 points 9")
                == points([
                    (20, 49), (36, 66), (55, 78), (77, 86), (100, 89), (123, 86), (145, 78), (164, 66), (180, 49),
                ]))
        #expect(try api("arc 0.1,0.5 -> 0.9,0.5 bend 0 points 3") == points([(20, 49), (100, 49), (180, 49)]))
    }

    @Test func orbit() throws {
        // Counter-clockwise on screen from "right": right, top, left, bottom, right.
        #expect(
            try api("orbit 100.5px,50.5px 20px points 5")
                == points([(120, 49), (100, 69), (80, 49), (100, 29), (120, 49)]))
        #expect(
            try api("orbit 100.5px,50.5px 20px cw points 5")
                == points([(120, 49), (100, 29), (80, 49), (100, 69), (120, 49)]))
        #expect(
            try api("orbit 100.5px,50.5px 0.2 turns 0.5 from 90 points 3")
                == points([(100, 69), (80, 49), (100, 29)]))
    }

    @Test func wave() throws {
        let t = try user("wave 20.5px,50.5px -> 180.5px,50.5px amplitude 10px cycles 1 points 5")
        #expect(t.first == UserPoint(x: 20.5, y: 50.5))
        #expect(t.last == UserPoint(x: 180.5, y: 50.5))
        #expect(abs(t[2].x - 100.5) < 1e-6 && abs(t[2].y - 50.5) < 1e-6)
        // Each quarter wave has the same arc length, so the samples fall on the crests; the
        // first swing goes to the left of travel = up on screen.
        #expect(abs(t[1].x - 60.5) < 1e-6 && abs(t[1].y - 40.5) < 1e-6)
        #expect(abs(t[3].x - 140.5) < 1e-6 && abs(t[3].y - 60.5) < 1e-6)
        #expect(
            try api("wave 20.5px,50.5px -> 180.5px,50.5px amplitude 10px cycles 1 points 5")
                == points([(20, 49), (60, 59), (100, 49), (140, 39), (180, 49)]))
    }

    @Test func move() throws {
        let centre = UserPoint(x: 100.5, y: 50.5)
        #expect(try api("move up 10% points 3", centre: centre) == points([(100, 49), (100, 54), (100, 59)]))
        #expect(try api("move right 0.2 points 2", centre: centre) == points([(100, 49), (120, 49)]))
        #expect(try api("move down-left 20px points 2", centre: centre) == points([(100, 49), (86, 35)]))
        #expect(try api("move 90deg 20px points 2", centre: centre) == points([(100, 49), (100, 69)]))
        #expect(try api("move 30deg 20px points 2", centre: centre) == points([(100, 49), (117, 59)]))
    }

    @Test func still() throws {
        #expect(try api("still", centre: UserPoint(x: 10.5, y: 20.5)) == points([(10, 79), (10, 79)]))
        #expect(try api("still points 4", centre: UserPoint(x: 10.5, y: 20.5)).count == 4)
    }

    @Test func easing() throws {
        let line = "line 0.5px,0.5px -> 100.5px,0.5px points 5"
        #expect(try user(line + " ease in").map(\.x) == [0.5, 6.75, 25.5, 56.75, 100.5])
        #expect(try user(line + " ease out").map(\.x) == [0.5, 44.25, 75.5, 94.25, 100.5])
        #expect(try user(line + " ease in-out").map(\.x) == [0.5, 16.125, 50.5, 84.875, 100.5])
        #expect(try user(line + " ease linear").map(\.x) == [0.5, 25.5, 50.5, 75.5, 100.5])
    }

    @Test func pointCounts() throws {
        let path = try BrushPath(parsing: "curve 0.1,0.9 -> 0.5,0.1 -> 0.9,0.9")
        for count in [2, 3, 77] {
            let t = try path.trajectory(size: size, points: count, defaultMaximum: apiMaximum)
            #expect(t.user.count == count && t.api.count == count)
            #expect(t.user.first == UserPoint(x: 20, y: 90))
            #expect(t.user.last == UserPoint(x: 180, y: 90))
        }
        // Defaults: one point per 2 px (2 % of 100) of length, at least 2, at most 77.
        #expect(try path.trajectory(size: size, defaultMaximum: apiMaximum).user.count == 77)
        #expect(
            try BrushPath(parsing: "move up 10%").trajectory(size: size, defaultMaximum: apiMaximum).user.count == 6)
        #expect(try BrushPath(parsing: "still").trajectory(size: size, defaultMaximum: apiMaximum).user.count == 2)
        #expect(TrajectoryDefaults.pointCount(length: 1e300, size: size, maximum: apiMaximum) == 77)
        #expect(TrajectoryDefaults.pointCount(length: .nan, size: size, maximum: apiMaximum) == 2)
        #expect(throws: BrushError.pointCount(requested: 1)) {
            try path.trajectory(size: size, points: 1, defaultMaximum: apiMaximum)
        }
        #expect(try path.trajectory(size: size, points: 100, defaultMaximum: apiMaximum).user.count == 100)
    }

    @Test func evenSpacingByArcLength() throws {
        let t = try user("orbit 0.5,0.5 0.3 points 13")
        var gaps: [Double] = []
        for i in 1..<t.count {
            gaps.append(
                ((t[i].x - t[i - 1].x) * (t[i].x - t[i - 1].x) + (t[i].y - t[i - 1].y) * (t[i].y - t[i - 1].y))
                    .squareRoot())
        }
        let lowest = gaps.min() ?? 0
        let highest = gaps.max() ?? 0
        #expect(highest - lowest < 0.01)
    }

    @Test func jsonIsTheAPIsShape() throws {
        let t = try BrushPath(parsing: "line 0,0 -> 1,1 points 2").trajectory(size: size, defaultMaximum: apiMaximum)
        #expect(t.apiJSON == #"[{"x":0,"y":99},{"x":199,"y":0}]"#)
    }
}
