import Foundation
import KlingCheck
@testable import KlingImage
import Testing

/// FixGeometry against the pixels themselves: for every EXIF orientation, a pixel's colour lands
/// where the map says.
struct FixGeometryTests {
    /// A 7x4 stored picture where every pixel has its own colour (x in red, y in green).
    static let stored: RGBImage = {
        var image = RGBImage(size: PixelSize(width: 7, height: 4))
        for y in 0..<4 {
            for x in 0..<7 { image[x, y] = RGBColour(red: UInt8(x * 30 + 10), green: UInt8(y * 60 + 10), blue: 77) }
        }
        return image
    }()

    @Test(arguments: 1...8)
    func everyStoredPixelLandsWhereTheMapSays(orientation: Int) {
        let upright = PictureOps.orient(Self.stored, exif: orientation)
        let geometry = FixGeometry(
            storedSize: Self.stored.size, orientation: orientation, frame: PixelRect(upright.size),
            outputSize: upright.size)
        #expect(geometry.uprightSize == upright.size)
        for y in 0..<Self.stored.height {
            for x in 0..<Self.stored.width {
                let point = geometry.mapStored(PixelPoint(x: Double(x) + 0.5, y: Double(y) + 0.5))
                let column = Int(point.x.rounded(.down))
                let row = Int(point.y.rounded(.down))
                #expect(upright[column, row] == Self.stored[x, y], "orientation \(orientation), pixel \(x),\(y)")
            }
        }
    }

    /// With a pad and a 2x Lanczos upscale the marker's brightest output pixel is at the mapped
    /// point (within a pixel: the filter spreads it over the 2x2 block).
    @Test(arguments: 1...8)
    func aMarkerFollowsPadAndScale(orientation: Int) throws {
        var stored = RGBImage(size: PixelSize(width: 9, height: 4))
        stored[6, 1] = RGBColour(red: 255, green: 0, blue: 0)
        let upright = PictureOps.orient(stored, exif: orientation)
        let frame = PictureOps.padRect(
            of: upright.size, to: PixelSize(width: upright.width + 4, height: upright.height + 2))
        let output = PixelSize(width: frame.width * 2, height: frame.height * 2)
        let geometry = FixGeometry(storedSize: stored.size, orientation: orientation, frame: frame, outputSize: output)
        let fixed = Lanczos.resize(PictureOps.reframe(upright, to: frame, fill: .black), to: output)
        var best = (x: 0, y: 0, value: -1)
        for y in 0..<fixed.height {
            for x in 0..<fixed.width {
                let colour = fixed[x, y]
                let value = Int(colour.red) - Int(colour.green)
                if value > best.value { best = (x, y, value) }
            }
        }
        let mapped = geometry.mapStored(PixelPoint(x: 6.5, y: 1.5))
        #expect(abs(Double(best.x) + 0.5 - mapped.x) <= 1 && abs(Double(best.y) + 0.5 - mapped.y) <= 1)
        #expect(geometry.map(geometry.upright(fromStored: PixelPoint(x: 6.5, y: 1.5))) == mapped)
    }

    @Test func identityAndCodable() throws {
        let identity = FixGeometry.identity(PixelSize(width: 640, height: 427))
        #expect(identity.isIdentity)
        #expect(identity.map(PixelPoint(x: 12.5, y: 400)) == PixelPoint(x: 12.5, y: 400))
        let moved = FixGeometry(
            storedSize: PixelSize(width: 100, height: 50), orientation: 6,
            frame: PixelRect(x: -10, y: 0, width: 70, height: 100), outputSize: PixelSize(width: 210, height: 300))
        #expect(!moved.isIdentity)
        // Stored top-left corner: upright top-right (50, 0), then +10 and x3.
        #expect(moved.mapStored(PixelPoint(x: 0, y: 0)) == PixelPoint(x: 180, y: 0))
        let data = try JSONEncoder().encode(moved)
        #expect(try JSONDecoder().decode(FixGeometry.self, from: data) == moved)
    }

    @Test func cropAnchorsHoldTheirEdge() {
        let size = PixelSize(width: 100, height: 40)
        let target = PixelSize(width: 60, height: 40)
        #expect(PictureOps.cropRect(of: size, to: target, anchor: .left).x == 0)
        #expect(PictureOps.cropRect(of: size, to: target, anchor: .center).x == 20)
        #expect(PictureOps.cropRect(of: size, to: target, anchor: .bottomRight).x == 40)
        let tall = PixelSize(width: 40, height: 100)
        #expect(PictureOps.cropRect(of: tall, to: PixelSize(width: 40, height: 60), anchor: .bottom).y == 40)
        #expect(PictureOps.cropRect(of: tall, to: PixelSize(width: 40, height: 60), anchor: .topLeft).y == 0)
        let pad = PictureOps.padRect(of: size, to: PixelSize(width: 100, height: 60))
        #expect(pad == PixelRect(x: 0, y: -10, width: 100, height: 60))
        var picture = RGBImage(size: size, colour: .red)
        picture = PictureOps.reframe(picture, to: pad, fill: .white)
        #expect(
            picture[0, 0] == .white && picture[0, 10] == .red && picture[99, 49] == .red && picture[99, 50] == .white)
    }
}
