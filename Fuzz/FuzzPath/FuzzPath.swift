import FuzzSupport
import KlingBrush
import KlingCheck

/// The path parser of the description language: ``BrushPath/init(parsing:)`` on any UTF-8
/// text (bad sequences replaced), then the trajectory it describes on a small grid (the API's
/// 77 points at most when no count is written; a written count above 2,000 is lowered to keep
/// runs fast). Properties: the canonical text (``BrushPath/description``) reads back as the
/// same path and is its own canonical text; a trajectory has the points asked for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzDriver.bytes(data, size), as: UTF8.self)
    let path: BrushPath
    do {
        path = try BrushPath(parsing: text)
    } catch {
        _ = error.description
        return 0
    }
    let canonical = path.description
    do {
        let again = try BrushPath(parsing: canonical)
        FuzzDriver.require(again == path, "'\(canonical)' reads back as '\(again)'")
        FuzzDriver.require(again.description == canonical, "'\(canonical)' is not canonical: '\(again)'")
    } catch {
        FuzzDriver.require(false, "the canonical text '\(canonical)' does not parse: \(error)")
    }
    let grid = PixelSize(width: 48, height: 32)
    let points = path.points.map { min($0, 2000) }
    do {
        let trajectory = try path.trajectory(size: grid, points: points, defaultMaximum: 77)
        if let points {
            FuzzDriver.require(trajectory.user.count == points, "\(trajectory.user.count) points, \(points) asked")
        }
    } catch {
        _ = error.description
    }
    return 0
}

@main enum FuzzPathMain {
    static func main() { FuzzDriver.run(fuzzPath) }
}
