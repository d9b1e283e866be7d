import FuzzSupport
import KlingBrush
import KlingCheck

/// The area parser of the description language: ``Area/init(parsing:)`` on any UTF-8 text (bad
/// sequences replaced), then drawing what it read on a small grid without an image resolver.
/// Properties: the canonical text (``Area/description``) reads back as the same area and is
/// its own canonical text; the drawn mask has the grid's size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArea(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzDriver.bytes(data, size), as: UTF8.self)
    let area: Area
    do {
        area = try Area(parsing: text)
    } catch {
        _ = error.description
        return 0
    }
    let canonical = area.description
    do {
        let again = try Area(parsing: canonical)
        FuzzDriver.require(again == area, "'\(canonical)' reads back as '\(again)'")
        FuzzDriver.require(again.description == canonical, "'\(canonical)' is not canonical: '\(again)'")
    } catch {
        FuzzDriver.require(false, "the canonical text '\(canonical)' does not parse: \(error)")
    }
    let grid = PixelSize(width: 48, height: 32)
    do {
        let mask = try area.rasterize(size: grid)
        FuzzDriver.require(mask.size == grid, "a \(mask.size) mask for a \(grid) grid")
    } catch {
        _ = error.description
    }
    return 0
}

@main enum FuzzAreaMain {
    static func main() { FuzzDriver.run(fuzzArea) }
}
