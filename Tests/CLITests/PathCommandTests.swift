import Foundation
import TestSupport
import Testing

/// `klingprep path`, run as a process.
struct PathCommandTests {
    struct Point: Decodable, Equatable {
        var x: Int
        var y: Int
    }

    @Test func jsonIsExactlyTheAPIsTrajectory() throws {
        let result = try CommandRunner.run([
            "path", "--size", "1800x1200", "line 0,0 -> 0.5,0.5", "--points", "3", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[{\"x\":0,\"y\":1199},{\"x\":450,\"y\":899},{\"x\":900,\"y\":599}]\n")
        #expect(result.stderr.isEmpty)
    }

    /// The bottom-left flip on a non-square image: near the top-left corner in user space is
    /// near y = H − 1 in the API's space.
    @Test func theTopLeftCornerIsNearTheTopRowInTheAPI() throws {
        let result = try CommandRunner.run([
            "path", "--like", "fixtures/images/portrait.jpg", "line 0.01,0.01 -> 0.5,0.5", "--points", "2", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let points = try JSONDecoder().decode([Point].self, from: result.stdoutData)
        // 0.01 of 1200 = 12 px across, 0.01 of 1800 = 18 px down: row 18 from the top.
        #expect(points == [Point(x: 12, y: 1799 - 18), Point(x: 600, y: 1799 - 900)])
    }

    @Test func theArcFromTheIssueWorks() throws {
        let arguments = ["path", "--like", "fixtures/images/landscape.jpg", "arc 0.2,0.7 -> 0.8,0.7 bend 0.3"]
        let json = try CommandRunner.run(arguments + ["--json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stderr.isEmpty)
        #expect(json.stdout.hasSuffix("]\n") && !json.stdout.dropLast().contains("\n"))
        #expect(!json.stdout.contains(" "))
        let points = try JSONDecoder().decode([Point].self, from: json.stdoutData)
        #expect((2...77).contains(points.count))
        // Ends kept: 0.2,0.7 is pixel (360, 840) from the top-left, row 1199 − 840 = 359.
        #expect(points.first == Point(x: 360, y: 359))
        #expect(points.last == Point(x: 1440, y: 359))
        // Positive bend bulges left of travel (left to right): upwards on screen, so the API's
        // y grows; the sagitta is 0.3 × 1080 = 324 px.
        let top = try #require(points.map(\.y).max())
        #expect(abs(top - (359 + 324)) <= 1)

        let table = try CommandRunner.run(arguments)
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "arc 0.2,0.7 -> 0.8,0.7 bend 0.3: \(points.count) points on the 1800x1200 image")
        #expect(lines[1].contains("top-left") && lines[1].contains("bottom-left"))
        #expect(lines[2].split(separator: " ") == ["#", "user", "x", "user", "y", "api", "x", "api", "y"])
        #expect(lines[3].split(separator: " ") == ["1", "360.0", "840.0", "360", "359"])
        #expect(lines.count == 3 + points.count)
        // Every row agrees with itself: the API point is the pixel the user point lies in, and
        // the API column is the one the table's --json twin sends.
        for (row, point) in zip(lines.dropFirst(3), points) {
            let fields = row.split(separator: " ").compactMap { Double($0) }
            #expect(fields.count == 5, "\(row)")
            guard fields.count == 5 else { continue }
            #expect(Int(fields[1].rounded(.down)) == point.x && Int(fields[3]) == point.x, "\(row)")
            #expect(1199 - Int(fields[2].rounded(.down)) == point.y && Int(fields[4]) == point.y, "\(row)")
        }
    }

    @Test func pointsOutside2To77AreRefused() throws {
        let high = try CommandRunner.run(["path", "--size", "1000x1000", "line 0,0 -> 1,1", "--points", "78"])
        #expect(high.status == 1)
        #expect(high.stdout.isEmpty)
        #expect(high.stderr.contains("--points 78"))
        #expect(high.stderr.contains("2 to 77"))
        let low = try CommandRunner.run(["path", "--size", "1000x1000", "line 0,0 -> 1,1", "--points", "1", "--json"])
        #expect(low.status == 1)
        #expect(low.stdout.contains("\"ok\" : false"))  // --json: one document even on failure
        // In the description itself.
        let written = try CommandRunner.run(["path", "--size", "1000x1000", "still points 78", "--json"])
        #expect(written.status == 1)
        #expect(written.stdout.contains("\"ok\" : false"))
        #expect(written.stderr.contains("78 points"))
        // The limits themselves are fine.
        for count in ["2", "77"] {
            let result = try CommandRunner.run([
                "path", "--size", "1000x1000", "line 0,0 -> 1,1", "--points", count, "--json",
            ])
            #expect(result.status == 0)
            #expect(try JSONDecoder().decode([Point].self, from: result.stdoutData).count == Int(count))
        }
    }

    @Test func pointsOutsideTheImageAreAnError() throws {
        let arguments = ["path", "--size", "1000x500", "move right 1.6", "--points", "5"]  // 800 px: 500…1300
        let json = try CommandRunner.run(arguments + ["--json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"ok\" : false") && json.stdout.contains("\"exit_code\" : 1"))
        #expect(json.stderr.contains("error: 2 of 5 trajectory points lie outside the 1000×500 image"))
        // The table is still shown, the outside rows marked.
        let table = try CommandRunner.run(arguments)
        #expect(table.status == 1)
        #expect(table.stdout.components(separatedBy: "outside the image").count - 1 == 2)
    }

    @Test func areaSetsTheStartOfPathsWithoutOne() throws {
        // The centroid of the right-hand quarter strip 0.75…1 of 800 is x = 700.
        let result = try CommandRunner.run([
            "path", "--size", "800x400", "move left 0.5", "--area", "rect 0.75,0 1,1", "--points", "2", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[{\"x\":700,\"y\":199},{\"x\":500,\"y\":199}]\n")
        // Without --area: the image centre.
        let centred = try CommandRunner.run(["path", "--size", "800x400", "still", "--points", "2", "--json"])
        #expect(centred.stdout == "[{\"x\":400,\"y\":199},{\"x\":400,\"y\":199}]\n")
        // A path with its own start outside --area gets a warning, not an error.
        let outside = try CommandRunner.run([
            "path", "--size", "800x400", "line 0.1,0.5 -> 0.9,0.5", "--area", "rect 0.75,0 1,1", "--json",
        ])
        #expect(outside.status == 0)
        #expect(outside.stderr.hasPrefix("warning: the path starts at 80.0,200.0 px"))
    }

    @Test func badDescriptionsExitOneWithTheColumn() throws {
        let path = try CommandRunner.run(["path", "--size", "100x100", "line 0.4;0.6"])
        #expect(path.status == 1)
        #expect(path.stdout.isEmpty)
        #expect(path.stderr == "Error: path: expected a point like 0.4,0.6 after 'line', found '0.4;0.6' (column 6)\n")
        let area = try CommandRunner.run(["path", "--size", "100x100", "still", "--area", "circle 0.5,0.5"])
        #expect(area.status == 1)
        #expect(area.stderr.hasPrefix("Error: --area: "))
        #expect(area.stderr.contains("(column "))
        let empty = try CommandRunner.run(["path", "--size", "100x100", "still", "--area", "all; -all"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("--area covers no pixel"))
    }

    @Test func easeAndUsageErrors() throws {
        let eased = try CommandRunner.run([
            "path", "--size", "1000x1000", "line 0,0.5 -> 1,0.5", "--points", "3", "--ease", "in", "--json",
        ])
        #expect(eased.status == 0)
        // Slow start: the middle point is a quarter of the way along.
        #expect(eased.stdout == "[{\"x\":0,\"y\":499},{\"x\":250,\"y\":499},{\"x\":999,\"y\":499}]\n")
        #expect(try CommandRunner.run(["path", "--size", "100x100", "still", "--ease", "sideways"]).status == 64)
        #expect(try CommandRunner.run(["path", "still"]).status == 64)
        #expect(try CommandRunner.run(["path", "--size", "0x10", "still"]).status == 64)
    }
}
