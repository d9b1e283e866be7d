public import KlingBrush
public import KlingCheck

/// A 5×7 pixel font for preview labels: digits, uppercase letters (lowercase is drawn as
/// uppercase) and a little punctuation. Unknown characters draw as `?`.
enum BitmapFont {
    static let glyphWidth = 5
    static let glyphHeight = 7

    /// Each glyph as 7 rows, bit 4 = leftmost column.
    static let glyphs: [Character: [UInt8]] = {
        var table: [Character: [UInt8]] = [:]
        for (character, rows) in source {
            table[character] = rows.map { row in
                row.reduce(UInt8(0)) { bits, c in (bits << 1) | (c == "#" ? 1 : 0) }
            }
        }
        return table
    }()

    static func rows(for character: Character) -> [UInt8] {
        let upper = Character(character.uppercased())
        return glyphs[upper] ?? glyphs["?"] ?? []
    }

    private static let source: [Character: [String]] = [
        "0": [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        "3": ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        "4": ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        "5": ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        "6": ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        "7": ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        "8": [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        "9": [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
        "A": [" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
        "B": ["#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "],
        "C": [" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "],
        "D": ["###  ", "#  # ", "#   #", "#   #", "#   #", "#  # ", "###  "],
        "E": ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"],
        "F": ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    "],
        "G": [" ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####"],
        "H": ["#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
        "I": [" ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        "J": ["  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "],
        "K": ["#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #"],
        "L": ["#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"],
        "M": ["#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"],
        "N": ["#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #"],
        "O": [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
        "P": ["#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "],
        "Q": [" ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #"],
        "R": ["#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"],
        "S": [" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "],
        "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  "],
        "U": ["#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
        "V": ["#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  "],
        "W": ["#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # "],
        "X": ["#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #"],
        "Y": ["#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  "],
        "Z": ["#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####"],
        " ": ["     ", "     ", "     ", "     ", "     ", "     ", "     "],
        ".": ["     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "],
        ",": ["     ", "     ", "     ", "     ", " ##  ", "  #  ", " #   "],
        "-": ["     ", "     ", "     ", "#####", "     ", "     ", "     "],
        ":": ["     ", " ##  ", " ##  ", "     ", " ##  ", " ##  ", "     "],
        "%": ["##   ", "##  #", "   # ", "  #  ", " #   ", "#  ##", "   ##"],
        "/": ["     ", "    #", "   # ", "  #  ", " #   ", "#    ", "     "],
        "#": [" # # ", " # # ", "#####", " # # ", "#####", " # # ", " # # "],
        "(": ["   # ", "  #  ", " #   ", " #   ", " #   ", "  #  ", "   # "],
        ")": [" #   ", "  #  ", "   # ", "   # ", "   # ", "  #  ", " #   "],
        "+": ["     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "],
        ">": [" #   ", "  #  ", "   # ", "    #", "   # ", "  #  ", " #   "],
        "×": ["     ", "#   #", " # # ", "  #  ", " # # ", "#   #", "     "],
        "?": [" ### ", "#   #", "    #", "   # ", "  #  ", "     ", "  #  "],
    ]
}

extension RGBImage {
    /// Width in pixels of `text` drawn at `scale` (each glyph 5 × scale plus 1 × scale gap).
    public static func textWidth(_ text: String, scale: Int = 1) -> Int {
        let count = text.count
        return count == 0 ? 0 : (count * (BitmapFont.glyphWidth + 1) - 1) * max(scale, 1)
    }

    /// Height in pixels of one line of text at `scale`.
    public static func textHeight(scale: Int = 1) -> Int { BitmapFont.glyphHeight * max(scale, 1) }

    /// Draws `text` with the built-in 5×7 font, top-left corner at `origin` (user pixels),
    /// each font pixel a `scale`×`scale` block; with `background`, on a box padded by `scale`.
    /// Parts outside the picture are clipped.
    public mutating func text(
        _ text: String, at origin: UserPoint, scale: Int = 2, colour: RGBColour, background: RGBColour? = nil
    ) {
        let s = max(scale, 1)
        let left = Int(origin.x.rounded(.down))
        let top = Int(origin.y.rounded(.down))
        if let background {
            fillBox(
                x0: left - s, y0: top - s, x1: left + Self.textWidth(text, scale: s) + s,
                y1: top + Self.textHeight(scale: s) + s, colour: background)
        }
        for (index, character) in text.enumerated() {
            let glyphLeft = left + index * (BitmapFont.glyphWidth + 1) * s
            for (row, bits) in BitmapFont.rows(for: character).enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - column)) != 0 {
                    fillBox(
                        x0: glyphLeft + column * s, y0: top + row * s, x1: glyphLeft + (column + 1) * s,
                        y1: top + (row + 1) * s, colour: colour)
                }
            }
        }
    }

    /// Fills columns x0..<x1 of rows y0..<y1, clipped to the picture.
    private mutating func fillBox(x0: Int, y0: Int, x1: Int, y1: Int, colour: RGBColour) {
        let xs = max(x0, 0)..<max(min(x1, width), max(x0, 0))
        guard !xs.isEmpty else { return }
        for y in max(y0, 0)..<max(min(y1, height), max(y0, 0)) {
            for x in xs { self[x, y] = colour }
        }
    }
}
