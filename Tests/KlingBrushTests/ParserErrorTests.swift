import KlingCheck
import Testing

@testable import KlingBrush

/// Every error form of the language, pinned to its sentence and column.
struct ParserErrorTests {
    static let pathErrors: [(String, String)] = [
        ("line 0.4;0.6 -> 0.8,0.6", "expected a point like 0.4,0.6 after 'line', found '0.4;0.6' (column 6)"),
        ("line 0.2,0.3 0.8,0.6", "expected '->' after 'line 0.2,0.3', found '0.8,0.6' (column 14)"),
        (
            "line 0.2,0.3 ->",
            "expected a point like 0.4,0.6 after 'line 0.2,0.3 ->', found the end of the text (column 16)"
        ),
        (
            "lin -> 0.5,0.5",
            "unknown path 'lin', expected line, path, curve, arc, orbit, wave, move or still; did you mean 'line'? (column 1)"
        ),
        ("zigzag", "unknown path 'zigzag', expected line, path, curve, arc, orbit, wave, move or still (column 1)"),
        (
            "",
            "expected a path (line, path, curve, arc, orbit, wave, move or still), found the end of the text (column 1)"
        ),
        (
            "  0.5,0.5",
            "expected a path (line, path, curve, arc, orbit, wave, move or still), found '0.5,0.5' (column 3)"
        ),
        ("path 0,0", "expected '->' after 'path 0,0', found the end of the text (column 9)"),
        ("arc 0,0 -> 1,1 bnd 0.3", "expected 'bend' after 'arc 0,0 -> 1,1', found 'bnd' (column 16)"),
        (
            "arc 0,0 -> 1,1 bend 3px",
            "expected a bend like 0.3 (sagitta ÷ chord) after 'arc 0,0 -> 1,1 bend', found '3px' (column 21)"
        ),
        ("orbit 0.5,0.5 0.2 turns 0", "the number of turns must be greater than 0, found '0' (column 25)"),
        ("orbit 0.5,0.5 0.2 cw ccw", "'cw/ccw' is given more than once (column 22)"),
        ("orbit 0.5,0.5 -0.2", "the radius must be greater than 0, found '-0.2' (column 15)"),
        (
            "orbit 0.5,0.5 0.2 spin",
            "expected 'turns', 'from', 'cw', 'ccw', 'points', 'ease' or the end after 'orbit 0.5,0.5 0.2', found 'spin' (column 19)"
        ),
        (
            "wave 0,0 -> 1,1 amplitude 0.1",
            "expected 'cycles' after 'wave 0,0 -> 1,1 amplitude 0.1', found the end of the text (column 30)"
        ),
        (
            "wave 0,0 -> 1,1 amplitude 0.1 cycles 0",
            "the number of cycles must be greater than 0, found '0' (column 38)"
        ),
        (
            "move sideways 10%",
            "unknown direction 'sideways', expected right, up-right, up, up-left, left, down-left, down or down-right (column 6)"
        ),
        (
            "move upp 10%",
            "unknown direction 'upp', expected right, up-right, up, up-left, left, down-left, down or down-right; did you mean 'up'? (column 6)"
        ),
        ("move 30 10%", "expected a direction like up, down-left or 30deg after 'move', found '30' (column 6)"),
        ("move up", "expected a distance like 0.2, 15% or 100px after 'move up', found the end of the text (column 8)"),
        ("line -> 1,1 foo", "expected 'points', 'ease' or the end after 'line -> 1,1', found 'foo' (column 13)"),
        (
            "line -> 1,1 points 2.5",
            "expected a whole number of points like 30 after 'line -> 1,1 points', found '2.5' (column 20)"
        ),
        ("line -> 1,1 points 3 points 4", "'points' is given more than once (column 22)"),
        ("line -> 1,1 ease fast", "unknown easing 'fast', expected linear, in, out or in-out (column 18)"),
        (
            "line -> 1,1 ease inout",
            "unknown easing 'inout', expected linear, in, out or in-out; did you mean 'in-out'? (column 18)"
        ),
        ("line -> 1,1;", "expected 'points', 'ease' or the end after 'line -> 1,1', found ';' (column 12)"),
        ("line -> 2000000,1", "the number '2000000' is too large, its size may be at most 1,000,000 (column 9)"),
    ]

    static let areaErrors: [(String, String)] = [
        (
            "rec 0,0 1,1",
            "unknown area 'rec', expected rect, ellipse, circle, polygon, stroke, all or image; did you mean 'rect'? (column 1)"
        ),
        (
            "",
            "expected an area (rect, ellipse, circle, polygon, stroke, all or image), found the end of the text (column 1)"
        ),
        ("rect 0,0", "expected a second corner like 0.6,0.8 after 'rect 0,0', found the end of the text (column 9)"),
        (
            "rect 0,0 1,1 circle 0.5,0.5 0.1",
            "expected ';', '-' or the end after 'rect 0,0 1,1', found 'circle' (column 14)"
        ),
        (
            "rect 0,0 1,1;",
            "expected an area (rect, ellipse, circle, polygon, stroke, all or image) after 'rect 0,0 1,1;', found the end of the text (column 14)"
        ),
        ("circle 0.5,0.5 0", "the radius must be greater than 0, found '0' (column 16)"),
        (
            "circle 0.5,0.5 big",
            "expected a radius like 0.1, 5% or 40px after 'circle 0.5,0.5', found 'big' (column 16)"
        ),
        (
            "circle 0.5,0.5 10pt",
            "expected a radius like 0.1, 5% or 40px after 'circle 0.5,0.5', found '10pt' (column 16)"
        ),
        ("circle 0.5 0.1", "expected a centre like 0.5,0.5 after 'circle', found '0.5' (column 8)"),
        ("ellipse 0.5,0.5 0.2,-0.1", "each radius must be greater than 0, found '0.2,-0.1' (column 17)"),
        ("polygon 0,0 1,0", "'polygon' needs at least 3 points, found 2 (column 1)"),
        ("polygon", "expected a point like 0.4,0.6 after 'polygon', found the end of the text (column 8)"),
        ("stroke 4%", "expected a point like 0.4,0.6 after 'stroke 4%', found the end of the text (column 10)"),
        ("stroke 0 0,0 1,1", "the width must be greater than 0, found '0' (column 8)"),
        ("image", "expected a file path like masks/sky.png after 'image', found the end of the text (column 6)"),
        (
            "image \"a b.png",
            "expected a closing '\"' for the file path that opens at column 7 after 'image \"a b.png', found the end of the text (column 15)"
        ),
        (
            "all; -circle 0.5,0.5 1e7px",
            "the number '1e7px' is too large, its size may be at most 1,000,000 (column 22)"
        ),
        (
            "all;; all",
            "expected an area (rect, ellipse, circle, polygon, stroke, all or image) after 'all;', found ';' (column 5)"
        ),
    ]

    @Test(arguments: pathErrors)
    func pathError(text: String, message: String) {
        #expect {
            _ = try BrushPath(parsing: text)
        } throws: { error in
            (error as? BrushError)?.description == message
        }
    }

    @Test(arguments: areaErrors)
    func areaError(text: String, message: String) {
        #expect {
            _ = try Area(parsing: text)
        } throws: { error in
            (error as? BrushError)?.description == message
        }
    }

    /// The cases carry their evidence; spot-check the exact case, not only the text.
    @Test func casesCarryEvidence() {
        #expect(throws: BrushError.expected("a point like 0.4,0.6", after: "line", found: "0.4;0.6", column: 6)) {
            try BrushPath(parsing: "line 0.4;0.6 -> 0.8,0.6")
        }
        #expect(throws: BrushError.tooFewPoints(form: "polygon", minimum: 3, found: 2, column: 3)) {
            try Area(parsing: "  polygon 0,0 1,0")
        }
        #expect(throws: BrushError.repeatedOption("ease", column: 15)) {
            try BrushPath(parsing: "still ease in ease out")
        }
    }

    @Test func messagesOfNonTextErrors() {
        #expect(
            BrushError.imageUnavailable(path: "a.png", reason: "no such file").description
                == "the mask image 'a.png' could not be read: no such file")
        #expect(
            BrushError.imageSize(
                path: "a.png", found: PixelSize(width: 10, height: 20), expected: PixelSize(width: 30, height: 40)
            ).description == "the mask image 'a.png' is 10×20 pixels, but masks must have the reference size 30×40")
        #expect(
            BrushError.pointCount(requested: 1).description
                == "a trajectory needs at least 2 points (its two ends), 1 was requested")
    }
}
