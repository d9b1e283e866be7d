import Foundation
import KlingCheck
import TestSupport
import Testing

/// No command writes over a file it reads: `build -o` the job's folder (its images and the mask
/// pictures of `image PATH` areas), `preview -o` (the job file, its images), `mask -o` (`--like`,
/// its `image PATH` pictures); and a killed build's temporary files are removed by the next.
struct OutputOverInputTests {
    /// A folder with `photo.jpg`, a painted mask `masks/static.png` (the photo's size) and
    /// `job.yaml`, whose static area reads the painted mask; `broken` adds an error.
    static func jobFolder(broken: Bool = false) throws -> URL {
        let folder = try TestPaths.temporaryDirectory()
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("images/landscape.jpg"), toPath: folder.appendingPathComponent("photo.jpg").path)
        let masks = folder.appendingPathComponent("masks")
        try FileManager.default.createDirectory(at: masks, withIntermediateDirectories: true)
        let painted = try CommandRunner.run([
            "mask", "--size", "1800x1200", "rect 0,0.8 1,1", "-o", masks.appendingPathComponent("static.png").path,
        ])
        #expect(painted.status == 0, "\(painted.stderr)")
        let job = """
            route: image2video
            model: kling-v1
            mode: \(broken ? "turbo" : "std")
            duration: 5
            prompt: Waves.
            images: [photo.jpg]
            brushes:
              static:
                - image masks/static.png; rect 0,0 0.1,0.1
              dynamic:
                - area: circle 0.5,0.4 0.1
                  path: move right 10%
            """
        try Data(job.utf8).write(to: folder.appendingPathComponent("job.yaml"))
        return folder
    }

    @Test(arguments: [false, true])
    func buildIntoTheJobsFolderLeavesItsMaskPicturesAlone(broken: Bool) throws {
        let folder = try Self.jobFolder(broken: broken)
        let painted = folder.appendingPathComponent("masks/static.png")
        let before = try Data(contentsOf: painted)
        let result = try CommandRunner.run(["build", "job.yaml", "-o", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("masks/static.png"), "\(result.stderr)")
        #expect(result.stderr.contains("a mask picture of the job"), "\(result.stderr)")
        #expect(try Data(contentsOf: painted) == before)
        // Into another folder the same job builds (unless broken) and reads the picture.
        let elsewhere = try CommandRunner.run(["build", "job.yaml", "-o", "out"], in: folder)
        #expect(elsewhere.status == (broken ? 1 : 0), "\(elsewhere.stderr)")
        #expect(try Data(contentsOf: painted) == before)
    }

    @Test func previewAndMaskNeverWriteOverWhatTheyRead() throws {
        let folder = try Self.jobFolder()
        let photo = folder.appendingPathComponent("photo.jpg")
        let job = folder.appendingPathComponent("job.yaml")
        let photoBytes = try Data(contentsOf: photo)
        let jobBytes = try Data(contentsOf: job)
        let painted = folder.appendingPathComponent("masks/static.png")
        let paintedBytes = try Data(contentsOf: painted)
        for (arguments, what) in [
            (["preview", "job.yaml", "-o", "photo.jpg"], "image 1 of the job"),
            (["preview", "job.yaml", "-o", "./job.yaml"], "the job file"),
            (["preview", "job.yaml", "-o", "masks/../masks/static.png"], "a mask picture of the job"),
            (["mask", "--like", "photo.jpg", "rect 0,0 0.5,0.5", "-o", "photo.jpg"], "the --like image"),
            (["mask", "--size", "1800x1200", "image masks/static.png", "-o", "masks/static.png"], "a mask picture"),
        ] {
            let result = try CommandRunner.run(arguments, in: folder)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(what), "\(arguments): \(result.stderr)")
        }
        #expect(try Data(contentsOf: photo) == photoBytes)
        #expect(try Data(contentsOf: job) == jobBytes)
        #expect(try Data(contentsOf: painted) == paintedBytes)
        // A hard link to the photo is the photo.
        try FileManager.default.linkItem(at: photo, to: folder.appendingPathComponent("same.jpg"))
        let linked = try CommandRunner.run(["preview", "job.yaml", "-o", "same.jpg"], in: folder)
        #expect(linked.status == 1 && linked.stderr.contains("image 1 of the job"), "\(linked.stderr)")
        #expect(try Data(contentsOf: photo) == photoBytes)
    }

    @Test func aKilledBuildsTemporaryFilesAreRemovedByTheNext() throws {
        let folder = try Self.jobFolder()
        let out = folder.appendingPathComponent("out")
        let masks = out.appendingPathComponent("masks")
        try FileManager.default.createDirectory(at: masks, withIntermediateDirectories: true)
        // What a build killed before its renames leaves, and a file of someone else's.
        let leftovers = [
            ".request.json.29judtce3b7l5.tmp", ".report.json.abc.tmp", ".preview.png.x1.tmp",
            "masks/.static.png.30j3pgpbage4d.tmp", "masks/.dynamic-3.png.q.tmp",
        ]
        for name in leftovers + [".notes.txt.keep.tmp"] {
            try Data("half".utf8).write(to: out.appendingPathComponent(name))
        }
        let result = try CommandRunner.run(["build", "job.yaml", "-o", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let left = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(left == [".notes.txt.keep.tmp"])
    }
}
