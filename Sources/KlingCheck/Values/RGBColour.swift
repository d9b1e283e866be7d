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
