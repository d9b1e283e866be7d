import RealModule

/// Angles as people see them on screen (counter-clockwise from "right", 90° = up), turned into
/// directions in user space (y down). Trigonometry comes from swift-numerics' `RealModule`.
enum ScreenAngles {
    /// π/2.
    static let halfPi = Double.pi / 2

    /// A unit vector at `degrees`, counter-clockwise **as seen on screen** from "right",
    /// returned in user space (y down). Multiples of 90° are exact.
    static func direction(degrees: Double) -> UserPoint {
        var d = degrees.truncatingRemainder(dividingBy: 360)
        if d < 0 { d += 360 }
        switch d {
        case 0: return UserPoint(x: 1, y: 0)
        case 90: return UserPoint(x: 0, y: -1)
        case 180: return UserPoint(x: -1, y: 0)
        case 270: return UserPoint(x: 0, y: 1)
        default:
            let radians = d * halfPi / 90
            return UserPoint(x: Double.cos(radians), y: -Double.sin(radians))
        }
    }
}
