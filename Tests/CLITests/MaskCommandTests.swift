import KlingCheck
import Foundation
import KlingImage
import TestSupport
import Testing

/// `klingprep mask`, run as a process.
struct MaskCommandTests {
    struct Report: Decodable {
        var path: String
        var width: Int
        var height: Int
        var whitePixels: Int
        var whiteShare: Double

        enum CodingKeys: String, CodingKey {
            case path, width, height
            case whitePixels = "white_pixels"
            case whiteShare = "white_share"
        }
    }

    /// Everything in `directory`, hidden files included (a leftover temporary file would be
    /// `.NAME.UUID.tmp`).
    static func contents(of directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func maskLikeAnImageIsAGrayPNGOfItsSizeWithTheExactShare() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png").path
        // 0.1…0.6 of 1800 is 180…1080 (900 columns); 0.1…0.6 of 1200 is 120…720 (600 rows).
        let result = try CommandRunner.run([
            "mask", "--like", "fixtures/images/landscape.jpg", "rect 0.1,0.1 0.6,0.6", "-o", output, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        #expect(report.path == output)
        #expect(report.width == 1800 && report.height == 1200)
        #expect(report.whitePixels == 900 * 600)
        #expect(report.whiteShare == 0.25)

        let info = try ImageProbe.probe(path: output)
        #expect(info.format == .png)
        #expect(info.width == 1800 && info.height == 1200)
        #expect(info.png?.bitDepth == 8)
        #expect(info.png?.colorType == 0)  // gray
        // The pixels themselves: decode and count the white ones.
        let decoded = try ImageDecoder.decodeScaled(path: output, fitting: PixelSize(width: 1800, height: 1200))
        var white = 0
        var other = 0
        for index in stride(from: 0, to: decoded.pixels.count, by: 3) {
            switch decoded.pixels[index] {
            case 255: white += 1
            case 0: break
            default: other += 1
            }
        }
        #expect(white == 540_000)
        #expect(other == 0)
        #expect(try Self.contents(of: directory) == ["m.png"])
    }

    @Test func severalAreasAreJoinedAndTheTextNamesSizeAndShare() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png").path
        // Two overlapping halves of a 100x100 grid: the union is three quarters.
        let result = try CommandRunner.run([
            "mask", "--size", "100x100", "rect 0,0 1,0.5", "rect 0,0 0.5,1", "-o", output,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == "wrote \(output): 100x100 pixels, 8-bit gray; 7,500 white pixels (75.00 % of the image)\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func badAreaTextExitsOneWithTheColumnAndLeavesNothingBehind() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png").path
        let result = try CommandRunner.run([
            "mask", "--like", "fixtures/images/landscape.jpg", "all", "rect 0.1,0.1 0.6;0.6", "-o", output,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: area 2: expected "))
        #expect(result.stderr.contains("(column 14)"), "\(result.stderr)")
        #expect(try Self.contents(of: directory).isEmpty)
    }

    @Test func aFailedWriteLeavesNoTemporaryFileAndKeepsTheOldFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The target is a folder: nothing may be written, and no temporary file may stay.
        let folder = directory.appendingPathComponent("taken.png")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let result = try CommandRunner.run(["mask", "--size", "64x64", "all", "-o", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write"))
        #expect(try Self.contents(of: directory) == ["taken.png"])
        // A missing folder.
        let missing = directory.appendingPathComponent("no/such/m.png").path
        let second = try CommandRunner.run(["mask", "--size", "64x64", "all", "-o", missing])
        #expect(second.status == 1)
        #expect(second.stderr.contains("cannot write"))
        // A bad description does not touch an existing file.
        let existing = directory.appendingPathComponent("old.png")
        try Data("old".utf8).write(to: existing)
        let third = try CommandRunner.run(["mask", "--size", "64x64", "circle 0.5,0.5 -1", "-o", existing.path])
        #expect(third.status == 1)
        #expect(try Data(contentsOf: existing) == Data("old".utf8))
        #expect(try Self.contents(of: directory) == ["old.png", "taken.png"])
    }

    @Test func anExistingFileIsReplacedWhole() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png")
        try Data("old".utf8).write(to: output)
        let result = try CommandRunner.run(["mask", "--size", "40x30", "all", "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try ImageProbe.probe(path: output.path)
        #expect(info.format == .png && info.width == 40 && info.height == 30)
        #expect(try Self.contents(of: directory) == ["m.png"])
    }

    @Test(arguments: ["0x10", "10x0", "-5x10", "10", "axb", "10x10x10", "100000x10", "20000x20000"])
    func badSizesExit64(size: String) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png").path
        let result = try CommandRunner.run(["mask", "--size", size, "all", "-o", output])
        #expect(result.status == 64, "\(size): \(result.stderr)")
        #expect(result.stderr.contains("--size"))
        #expect(try Self.contents(of: directory).isEmpty)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try CommandRunner.run(["mask", "all", "-o", "/tmp/never.png"]).status == 64)  // no size
        #expect(
            try CommandRunner.run([
                "mask", "--size", "10x10", "--like", "fixtures/images/landscape.jpg", "all", "-o", "/tmp/never.png",
            ]).status == 64)
        #expect(try CommandRunner.run(["mask", "--size", "10x10", "all"]).status == 64)  // no -o
        #expect(try CommandRunner.run(["mask", "--size", "10x10", "-o", "/tmp/never.png"]).status == 64)  // no area
    }

    @Test func aReferenceThatIsNotAnImageIsRefusedWithTheImageModulesSentence() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png").path
        let notes = try CommandRunner.run(["mask", "--like", "fixtures/bad/notes.png", "all", "-o", output])
        #expect(notes.status == 1)
        #expect(notes.stderr.contains("the file is not an image"))
        let gif = try CommandRunner.run(["mask", "--like", "fixtures/bad/animation.jpg", "all", "-o", output])
        #expect(gif.status == 1)
        #expect(gif.stderr.contains("GIF, which the API does not accept"))
        let missing = try CommandRunner.run(["mask", "--like", "no/such/file.jpg", "all", "-o", output])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read 'no/such/file.jpg'"))
        #expect(try Self.contents(of: directory).isEmpty)
    }

    @Test func anEmptyMaskIsWrittenWithAWarning() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.png").path
        let result = try CommandRunner.run([
            "mask", "--size", "50x50", "all; -rect 0,0 1,1", "-o", output, "--json",
        ])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("warning: the mask covers no pixel"))
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        #expect(report.whitePixels == 0 && report.whiteShare == 0)
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test func imageAreasReadAMaskPictureOfTheReferenceSize() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("left.png").path
        let second = directory.appendingPathComponent("both.png").path
        #expect(try CommandRunner.run(["mask", "--size", "200x100", "rect 0,0 0.5,1", "-o", first]).status == 0)
        // The picture (left half) joined with a strip on the right: 100x100 + 20x100.
        let result = try CommandRunner.run([
            "mask", "--size", "200x100", "image \(first)", "rect 0.9,0 1,1", "-o", second, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: result.stdoutData)
        #expect(report.whitePixels == 12_000)
        // A picture of another size is refused with the brush module's sentence.
        let wrong = try CommandRunner.run([
            "mask", "--size", "100x200", "image \(first)", "-o", directory.appendingPathComponent("x.png").path,
        ])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("Error: area 1: the mask image"))
        #expect(wrong.stderr.contains("is 200×100 pixels, but masks must have the reference size 100×200"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.png").path))
    }
}
