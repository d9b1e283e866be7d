/// An 8-bit-per-channel colour.
public struct RGBColour: Sendable, Hashable {
    /// Red, 0…255.
    public var red: UInt8
    /// Green, 0…255.
    public var green: UInt8
    /// Blue, 0…255.
    public var blue: UInt8

    /// The colour (`red`, `green`, `blue`).
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let black = RGBColour(red: 0, green: 0, blue: 0)
    public static let white = RGBColour(red: 255, green: 255, blue: 255)
    public static let red = RGBColour(red: 230, green: 40, blue: 40)
    public static let blue = RGBColour(red: 40, green: 110, blue: 230)
    /// The static area's colour in previews.
    public static let staticArea = RGBColour(red: 40, green: 110, blue: 230)

    /// Six clearly different colours, one per dynamic group (group n uses `groupPalette[n − 1]`).
    public static let groupPalette: [RGBColour] = [
        RGBColour(red: 230, green: 60, blue: 60), RGBColour(red: 250, green: 170, blue: 30),
        RGBColour(red: 60, green: 190, blue: 80), RGBColour(red: 200, green: 70, blue: 220),
        RGBColour(red: 30, green: 200, blue: 210), RGBColour(red: 240, green: 230, blue: 60),
    ]
}

/// An 8-bit RGB picture for previews: `width × height × 3` bytes, row-major from the
/// **top-left**, channels interleaved R, G, B — the layout an RGB PNG encoder takes directly.
public struct RGBCanvas: Sendable, Hashable {
    /// Number of columns, in pixels.
    public let width: Int
    /// Number of rows, in pixels.
    public let height: Int
    /// `width × height × 3` bytes: R, G, B of each pixel, top row first.
    public internal(set) var pixels: [UInt8]

    /// A picture of `size` filled with `colour`.
    public init(size: PixelSize, colour: RGBColour = .black) {
        precondition(size.width >= 0 && size.height >= 0, "negative picture size \(size)")
        width = size.width
        height = size.height
        pixels = [UInt8](repeating: 0, count: size.pixelCount * 3)
        if colour != .black {
            pixels.withUnsafeMutableBufferPointer { buffer in
                for index in stride(from: 0, to: buffer.count, by: 3) {
                    buffer[index] = colour.red
                    buffer[index + 1] = colour.green
                    buffer[index + 2] = colour.blue
                }
            }
        }
    }

    /// A picture over existing bytes; `pixels.count` must be `width × height × 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative picture size \(width)×\(height)")
        precondition(pixels.count == width * height * 3, "picture has \(pixels.count) bytes, expected \(width * height * 3)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A gray picture made colour (each byte copied to R, G and B), e.g. a mask or a gray photo.
    public init(gray: GrayMask) {
        width = gray.width
        height = gray.height
        pixels = gray.pixels.flatMap { [$0, $0, $0] }
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
