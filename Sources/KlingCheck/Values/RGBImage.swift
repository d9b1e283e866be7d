/// An 8-bit RGB picture in memory: `width × height × 3` bytes, row-major from the **top-left**,
/// channels interleaved R, G, B — the layout an RGB PNG encoder takes directly.
///
/// The one picture type of every module: the image module decodes into it and encodes it, the
/// preview draws on it.
public struct RGBImage: Sendable, Hashable {
    /// Number of columns, in pixels.
    public private(set) var width: Int
    /// Number of rows, in pixels.
    public private(set) var height: Int
    /// `width × height × 3` bytes: R, G, B of each pixel, top row first.
    public var pixels: [UInt8]

    /// A picture of `size` filled with `colour`.
    public init(size: PixelSize, colour: RGBColour = .black) {
        let width = max(0, size.width)
        let height = max(0, size.height)
        self.width = width
        self.height = height
        if colour.red == colour.green, colour.green == colour.blue {
            pixels = [UInt8](repeating: colour.red, count: width * height * 3)
        } else {
            pixels = [UInt8](repeating: 0, count: width * height * 3)
            pixels.withUnsafeMutableBufferPointer { buffer in
                for index in stride(from: 0, to: buffer.count, by: 3) {
                    buffer[index] = colour.red
                    buffer[index + 1] = colour.green
                    buffer[index + 2] = colour.blue
                }
            }
        }
    }

    /// A picture filled with one gray level (0 black … 255 white).
    public init(width: Int, height: Int, gray: UInt8 = 0) {
        self.init(size: PixelSize(width: width, height: height), colour: RGBColour(red: gray, green: gray, blue: gray))
    }

    /// A picture over existing bytes. `pixels.count` must be `width × height × 3`: a caller
    /// that gets this wrong has a bug, so it traps.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative picture size \(width)x\(height)")
        precondition(
            pixels.count == width * height * 3, "picture has \(pixels.count) bytes, expected \(width * height * 3)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A gray picture made colour: each of `gray`'s bytes copied to R, G and B.
    /// `gray.count` must be `width × height`.
    public init(width: Int, height: Int, gray: [UInt8]) {
        precondition(gray.count == width * height, "gray picture has \(gray.count) bytes, expected \(width * height)")
        self.init(width: width, height: height, pixels: gray.flatMap { [$0, $0, $0] })
    }

    /// The picture's size in pixels.
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// The colour at column `x` (from the left) and row `y` (from the top).
    public subscript(x: Int, y: Int) -> RGBColour {
        get {
            let i = (y * width + x) * 3
            return RGBColour(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
        }
        set {
            let i = (y * width + x) * 3
            pixels[i] = newValue.red
            pixels[i + 1] = newValue.green
            pixels[i + 2] = newValue.blue
        }
    }
}
