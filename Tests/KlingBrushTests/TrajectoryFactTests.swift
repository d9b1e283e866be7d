import KlingCheck
import Testing

@testable import KlingBrush

/// The facts the rule book judges trajectories by: where they start, how finely they sample.
struct TrajectoryFactTests {
    /// A 10×10 mask whose top-left 5×5 quarter is inside.
    let quarter = GrayMask(width: 10, height: 10, pixels: (0..<100).map { $0 % 10 < 5 && $0 / 10 < 5 ? 255 : 0 })

    @Test func startsAreMeasuredInTheAPIsSpace() {
        let size = PixelSize(width: 10, height: 10)
        // API y counts from the bottom: y 9 is the top row.
        let top = TrajectoryStart(point: APIPoint(x: 2, y: 9), mask: quarter, imageSize: size)
        #expect(top.isInside && !top.mirroredIsInside)
        #expect(top.userCentre == UserPoint(x: 2.5, y: 0.5))
        // Row 0 from the bottom is the bottom row: outside, but inside when mirrored (a y that
        // was not flipped).
        let bottom = TrajectoryStart(point: APIPoint(x: 2, y: 0), mask: quarter, imageSize: size)
        #expect(!bottom.isInside && bottom.mirroredIsInside)
        #expect(bottom.maskBounds == PixelBox(minX: 0, minY: 0, maxX: 4, maxY: 4))
        // Off the grid is never inside.
        let off = TrajectoryStart(point: APIPoint(x: -1, y: 9), mask: quarter, imageSize: size)
        #expect(!off.isInside && !off.mirroredIsInside)
    }

    @Test func aMaskOfAnotherSizeIsScaledOntoTheImage() {
        // The image is 100×100, the mask 10×10: API (10, 89) is row 10 from the top → mask (1, 1).
        let size = PixelSize(width: 100, height: 100)
        #expect(TrajectoryStart(point: APIPoint(x: 10, y: 89), mask: quarter, imageSize: size).isInside)
        let unflipped = TrajectoryStart(point: APIPoint(x: 10, y: 10), mask: quarter, imageSize: size)
        #expect(!unflipped.isInside && unflipped.mirroredIsInside)
        #expect(!TrajectoryStart(point: APIPoint(x: 60, y: 89), mask: quarter, imageSize: size).isInside)
    }

    @Test func orbitTurnsPerPoint() throws {
        let orbit = try BrushPath(parsing: "orbit 0.5,0.5 0.2 turns 38")
        let sampling = try #require(orbit.sampling(pointCount: 77))
        #expect(sampling.unit == .turns && sampling.periods == 38 && sampling.pointCount == 77)
        #expect(abs(sampling.largestStep - 0.5) < 1e-12)  // 38 turns over 76 steps
        #expect(abs(sampling.mostPeriods(stepAtMost: 0.25) - 19) < 1e-9)  // (77 − 1) / 4
        let fine = try #require(try BrushPath(parsing: "orbit 0.5,0.5 0.2 turns 19").sampling(pointCount: 77))
        #expect(abs(fine.largestStep - 0.25) < 1e-12)
    }

    @Test func waveCyclesPerPoint() throws {
        let wave = try BrushPath(parsing: "wave 0.1,0.5 -> 0.9,0.5 amplitude 0.1 cycles 60")
        let sampling = try #require(wave.sampling(pointCount: 77))
        #expect(sampling.unit == .cycles)
        #expect(abs(sampling.largestStep - 60.0 / 76) < 1e-12)
    }

    @Test func anEasingCrowdsSomePointsAndSpreadsOthers() throws {
        // ease in: shares s², the last step 1 − (75/76)² is the largest.
        let orbit = try BrushPath(parsing: "orbit 0.5,0.5 0.2 turns 4 ease in")
        let sampling = try #require(orbit.sampling(pointCount: 77))
        let last = 1 - (75.0 / 76) * (75.0 / 76)
        #expect(abs(sampling.largestStepShare - last) < 1e-12)
        #expect(sampling.mostPeriods(stepAtMost: 0.25) < 19)
        // An explicit easing replaces the path's own.
        let linear = try #require(orbit.sampling(pointCount: 77, ease: .linear))
        #expect(abs(linear.largestStepShare - 1.0 / 76) < 1e-12)
    }

    @Test func formsThatDoNotRepeatHaveNoSampling() throws {
        for text in ["line 0,0 -> 1,1", "arc 0.2,0.7 -> 0.8,0.7 bend 0.3", "move up 10%", "still"] {
            #expect(try BrushPath(parsing: text).sampling(pointCount: 77) == nil, "\(text)")
        }
    }
}
