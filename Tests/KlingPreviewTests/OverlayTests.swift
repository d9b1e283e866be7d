import KlingBrush
import KlingCheck
import KlingPreview
import Testing

/// Draws area `text` at `width`×`height`.
func mask(_ text: String, _ width: Int, _ height: Int) throws -> GrayMask {
    try Area(parsing: text).rasterize(size: PixelSize(width: width, height: height))
}

/// The shapes and text a preview is drawn with, pixel for pixel.
struct OverlayTests {
    /// The picture as rows of `#` (the given colour) and `.` (anything else).
    func picture(_ image: RGBImage, _ colour: RGBColour) -> [String] {
        (0..<image.height).map { y in String((0..<image.width).map { image[$0, y] == colour ? "#" : "." }) }
    }

    @Test func tintBlendsInsidePixelsOnly() throws {
        var image = RGBImage(size: PixelSize(width: 4, height: 1), colour: RGBColour(red: 100, green: 100, blue: 100))
        let m = try mask("rect 0,0 0.5,1", 4, 1)
        image.tint(m, colour: RGBColour(red: 200, green: 0, blue: 100), opacity: 0.5)
        #expect(image.pixels == [150, 50, 100, 150, 50, 100, 100, 100, 100, 100, 100, 100])
    }

    @Test func outlineIsTheInnerBorder() throws {
        var image = RGBImage(size: PixelSize(width: 6, height: 5))
        image.outline(try mask("rect 1px,0 5px,4px", 6, 5), colour: .white, thickness: 1)
        #expect(picture(image, .white) == [".####.", ".#..#.", ".#..#.", ".####.", "......"])
    }

    @Test func polylineDotAndArrowhead() {
        var image = RGBImage(size: PixelSize(width: 12, height: 5))
        image.polyline([UserPoint(x: 1, y: 2.5), UserPoint(x: 11, y: 2.5)], colour: .red, lineWidth: 1)
        // Width 1 with round caps: the span at the row centre runs 0.5…11.5, so columns 0…10.
        #expect(picture(image, .red)[2] == "###########.")
        #expect(picture(image, .red)[1] == "............")
        var dots = RGBImage(size: PixelSize(width: 5, height: 5))
        dots.dot(at: UserPoint(x: 2.5, y: 2.5), radius: 1.2, colour: .white)
        #expect(picture(dots, .white) == [".....", "..#..", ".###.", "..#..", "....."])
        var arrow = RGBImage(size: PixelSize(width: 9, height: 9))
        arrow.arrowhead(from: UserPoint(x: 0, y: 4.5), tip: UserPoint(x: 8.5, y: 4.5), length: 8, colour: .white)
        let rows = picture(arrow, .white)
        #expect(rows[4].hasSuffix("#######."))  // widest at the base, pointing right
        #expect(rows[0] == "........." && rows[8] == ".........")
        #expect(rows[2].filter { $0 == "#" }.count < rows[4].filter { $0 == "#" }.count)
    }

    @Test func digitsInTheBitmapFont() {
        var image = RGBImage(size: PixelSize(width: 11, height: 7))
        image.text("17", at: UserPoint(x: 0, y: 0), scale: 1, colour: .white)
        #expect(
            picture(image, .white)
                == [
                    "  #   #####",
                    " ##       #",
                    "  #      # ",
                    "  #     #  ",
                    "  #    #   ",
                    "  #    #   ",
                    " ###   #   ",
                ].map { String($0.map { $0 == "#" ? "#" : "." }) })
        #expect(RGBImage.textWidth("17", scale: 1) == 11)
        #expect(RGBImage.textWidth("AB", scale: 3) == 33)
    }

    @Test func textIsClippedAndHasABackground() {
        var image = RGBImage(size: PixelSize(width: 8, height: 8))
        image.text("W", at: UserPoint(x: 5, y: -3), scale: 2, colour: .white, background: .blue)
        #expect(image[7, 0] == .white || image[7, 0] == .blue)
        #expect(image[0, 7] == .black)
        var letters = RGBImage(size: PixelSize(width: 200, height: 20))
        letters.text("GROUP 1: a-z?", at: UserPoint(x: 1, y: 1), scale: 1, colour: .white)
        #expect(letters.pixels.contains(255))
    }

    @Test func trajectoryDrawing() throws {
        var image = RGBImage(size: PixelSize(width: 100, height: 60))
        let t = try BrushPath(parsing: "line 0.1,0.5 -> 0.9,0.5 points 5").trajectory(
            size: image.size, defaultMaximum: 77)
        image.trajectory(t, colour: .red, label: "1")
        #expect(image[50, 30] == .red)
        #expect(image[50, 5] == .black)
        #expect(image[14, 37] == .white || image[14, 37] == .red)  // the label sits below-right of the start
        #expect(RGBImage(width: 1, height: 1, gray: [7]).pixels == [7, 7, 7])
    }
}
