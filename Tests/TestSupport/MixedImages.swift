public import Foundation

/// A folder of good and broken image files for the tests of parallel inspection.
public enum MixedImages {
    /// The distinct files: the fixture photos, the bad fixtures, a PNG cut in half, a PNG with a
    /// damaged byte in its image data, a folder, and a path that does not exist.
    public static func distinctPaths(in directory: URL) throws -> [String] {
        var paths = ["images/gradient.png", "images/landscape.jpg", "images/portrait.jpg"].map(TestPaths.fixture)
        paths += ["animation.jpg", "empty.jpg", "notes.png", "too-small.png", "too-wide.png", "truncated.jpg"].map {
            TestPaths.fixture("bad/\($0)")
        }
        var png = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("images/gradient.png")))
        let cut = directory.appendingPathComponent("cut.png")
        try png.prefix(png.count / 2).write(to: cut)
        png[png.count / 2] ^= 0x5A
        let damaged = directory.appendingPathComponent("damaged.png")
        try png.write(to: damaged)
        return paths + [cut.path, damaged.path, directory.path, directory.appendingPathComponent("missing.jpg").path]
    }

    /// Each of ``distinctPaths(in:)`` (in a fresh folder) three times, interleaved, so that good
    /// and broken files are in flight together.
    public static func paths() throws -> [String] {
        let paths = try distinctPaths(in: TestPaths.temporaryDirectory())
        return (0..<3).flatMap { round in paths.indices.map { paths[($0 * 5 + round) % paths.count] } }
    }
}
