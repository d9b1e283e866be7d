@testable import KlingBrush
import Testing

struct ScreenAngleTests {
    @Test func screenDirectionsPointWherePeopleLook() {
        #expect(ScreenAngles.direction(degrees: 0) == UserPoint(x: 1, y: 0))
        #expect(ScreenAngles.direction(degrees: 90) == UserPoint(x: 0, y: -1))
        #expect(ScreenAngles.direction(degrees: -90) == UserPoint(x: 0, y: 1))
        #expect(ScreenAngles.direction(degrees: 540) == UserPoint(x: -1, y: 0))
        let upRight = ScreenAngles.direction(degrees: 45)
        #expect(abs(upRight.x - 0.5.squareRoot()) < 1e-12 && abs(upRight.y + 0.5.squareRoot()) < 1e-12)
    }
}
