import KlingCheck
import Testing

@testable import KlingBrush

struct CoordinateTests {
    @Test func bottomLeftFlipOnNonSquareImage() throws {
        let size = PixelSize(width: 300, height: 200)
        let nearTopLeft = Coordinates.api(from: UserPoint(x: 1.5, y: 2.5), in: size)
        #expect(nearTopLeft.point == APIPoint(x: 1, y: 197))
        #expect(!nearTopLeft.wasClamped && !nearTopLeft.isOutsideImage)
        let t = try BrushPath(parsing: "line 0.01,0.01 -> 0.99,0.99 points 2").trajectory(
            size: size, defaultMaximum: apiMaximum)
        #expect(t.api == [APIPoint(x: 3, y: 197), APIPoint(x: 297, y: 1)])
        #expect(Coordinates.userCentre(of: APIPoint(x: 1, y: 197), in: size) == UserPoint(x: 1.5, y: 2.5))
    }

    @Test func clamping() {
        let size = PixelSize(width: 300, height: 200)
        let corner = Coordinates.api(from: UserPoint(x: 300, y: 200), in: size)
        #expect(corner.point == APIPoint(x: 299, y: 0))
        #expect(corner.wasClamped && !corner.isOutsideImage)  // on the edge: clamped, not outside
        let left = Coordinates.api(from: UserPoint(x: -0.1, y: 5), in: size)
        #expect(left.point == APIPoint(x: 0, y: 194) && left.wasClamped && left.isOutsideImage)
        let far = Coordinates.api(from: UserPoint(x: 1e300, y: -1e300), in: size)
        #expect(far.point == APIPoint(x: 299, y: 199) && far.isOutsideImage)
        let nan = Coordinates.api(from: UserPoint(x: .nan, y: .infinity), in: size)
        #expect(nan.point == APIPoint(x: 0, y: 0) && nan.isOutsideImage)
        let t = Trajectory(user: [UserPoint(x: 10, y: 10), UserPoint(x: 310, y: 10)], size: size)
        #expect(t.outsideIndices == [1])
        #expect(t.api[1] == APIPoint(x: 299, y: 189))
    }

    @Test func jsonEncodingOfAPIPoint() {
        #expect(APIPoint(x: 12, y: 34).json == #"{"x":12,"y":34}"#)
    }
}
