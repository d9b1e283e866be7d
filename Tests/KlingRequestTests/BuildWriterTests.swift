import KlingBrush
import Foundation
import KlingCheck
import KlingImage
import KlingRequest
import TestSupport
import Testing

/// `build`'s outputs: the body decodes back to its inputs, masks have the reference size,
/// output is deterministic, and a job with errors gets no body.
struct BuildWriterTests {
    static func build(_ jobPath: String) async throws -> (BuildOutput, JobReport, URL) {
        let directory = try TestPaths.temporaryDirectory()
        var report = await JobChecker.check(try JobFile.load(path: jobPath))
        let output = try await BuildWriter.write(&report, to: directory.path, preview: StubPreview())
        return (output, report, directory)
    }

    @Test func theBodyDecodesBackToItsInputs() async throws {
        let (output, report, _) = try await Self.build(TestPaths.fixture("demo/job.yaml"))
        let requestPath = try #require(output.request)
        let data = try Data(contentsOf: URL(fileURLWithPath: requestPath))
        let body = try JSONDecoder().decode(RequestBody.self, from: data)
        #expect(body.images.count == 1)
        #expect(body.route == .image2video)
        let original = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("demo/images/rocket.jpg")))
        #expect(body.images.first?.decodedData() == original)
        let staticMask = try #require(body.staticMask?.decodedData())
        let info = try ImageProbe.probe(bytes: [UInt8](staticMask))
        #expect(info.format == .png && info.width == 640 && info.height == 427)
        #expect(info.png?.colorType == 0 && info.png?.bitDepth == 8)
        let groups = try #require(body.dynamicMasks)
        #expect(groups.count == 2)
        for (group, built) in zip(groups, report.brushes?.groups ?? []) {
            let mask = try #require(group.mask.decodedData())
            let maskInfo = try ImageProbe.probe(bytes: [UInt8](mask))
            #expect(maskInfo.width == 640 && maskInfo.height == 427)
            #expect(group.trajectories.map(\.x) == built.trajectory?.api.map(\.x))
            #expect(group.trajectories.map(\.y) == built.trajectory?.api.map(\.y))
            #expect((2...77).contains(group.trajectories.count))
        }
        #expect(body.externalTaskID == "klingprep-demo-rocket-1")
        #expect(body.duration == "5")
        // The mask files are the same PNGs as in the body.
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: try #require(output.staticMask)))
        #expect(onDisk == staticMask)
        // The rocket moves up: API y grows (origin bottom-left).
        let rocket = groups[0].trajectories
        #expect(try #require(rocket.last).y > (try #require(rocket.first)).y)
    }

    @Test func previewAndReportAreWritten() async throws {
        let (output, _, _) = try await Self.build(TestPaths.fixture("demo/job.yaml"))
        let preview = try #require(output.preview)
        #expect(try Data(contentsOf: URL(fileURLWithPath: preview)) == Data(StubPreview.bytes))
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.report)))
            as? [String: Any]
        #expect(report?["ok"] as? Bool == true)
        #expect((report?["groups"] as? [Any])?.count == 2)
    }

    @Test func theSameJobGivesTheSameBytes() async throws {
        let (first, _, _) = try await Self.build(TestPaths.fixture("demo/job.yaml"))
        let (second, _, _) = try await Self.build(TestPaths.fixture("demo/job.yaml"))
        let a = try Data(contentsOf: URL(fileURLWithPath: try #require(first.request)))
        let b = try Data(contentsOf: URL(fileURLWithPath: try #require(second.request)))
        #expect(a == b)
    }

    @Test func yamlAndJSONJobsGiveTheSameBody() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let yaml = try String(contentsOfFile: TestPaths.fixture("demo/job.yaml"), encoding: .utf8)
        let json = """
            {"route": "image2video", "model": "kling-v1", "mode": "std", "duration": 5,
             "prompt": "The rocket lifts off slowly into the evening sky; thin clouds drift to the right.",
             "negative_prompt": "blur, distortion, text", "cfg_scale": 0.5,
             "external_task_id": "klingprep-demo-rocket-1",
             "images": ["images/rocket.jpg"],
             "brushes": {
               "static": ["rect 0,0.87 1,1", "rect 0,0 0.15,0.87", "rect 0.86,0 1,0.87"],
               "dynamic": [{"area": "rect 0.465,0.28 0.535,0.86", "path": "move up 25%", "ease": "in"},
                           {"area": "ellipse 0.5,0.12 0.22,0.07", "path": "line -> 0.68,0.1"}]}}
            """
        #expect(yaml.contains("move up 25%"))
        let jsonPath = TestPaths.fixture("demo/job-copy-for-test.json")
        try Data(json.utf8).write(to: URL(fileURLWithPath: jsonPath))
        defer { try? FileManager.default.removeItem(atPath: jsonPath) }
        let (fromYAML, _, _) = try await Self.build(TestPaths.fixture("demo/job.yaml"))
        var report = await JobChecker.check(try JobFile.load(path: jsonPath))
        #expect(!report.hasErrors, "\(report.findings)")
        let fromJSON = try await BuildWriter.write(&report, to: directory.path)
        let a = try Data(contentsOf: URL(fileURLWithPath: try #require(fromYAML.request)))
        let b = try Data(contentsOf: URL(fileURLWithPath: try #require(fromJSON.request)))
        #expect(a == b)
    }

    @Test func aJobWithErrorsGetsNoBody() async throws {
        let directory = try TestPaths.temporaryDirectory()
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [TestPaths.fixture("images/landscape.jpg"), TestPaths.fixture("bad/too-small.png")]
        builder.prompt = "Waves."
        var report = await JobChecker.check(builder.build())
        #expect(report.hasErrors)
        let output = try await BuildWriter.write(&report, to: directory.path)
        #expect(output.request == nil)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("request.json").path))
        #expect(FileManager.default.fileExists(atPath: output.report))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func rawBodyMasksOfTheWrongSizeAndPointsOffTheGridAreErrors() async throws {
        let (output, _, directory) = try await Self.build(TestPaths.fixture("demo/job.yaml"))
        let data = try Data(contentsOf: URL(fileURLWithPath: try #require(output.request)))
        var body = try JSONDecoder().decode(RequestBody.self, from: data)
        let small = try PNGEncoder.encode(
            pixels: [UInt8](repeating: 0, count: 100 * 100), width: 100, height: 100, channels: 1)
        body.staticMask = .base64(Data(small).base64EncodedString())
        var groups = try #require(body.dynamicMasks)
        groups[1].trajectories[0] = APIPoint(x: 10, y: 427)
        body.dynamicMasks = groups
        let path = directory.appendingPathComponent("edited.json").path
        try RequestBody.encoder().encode(body).write(to: URL(fileURLWithPath: path))
        let findings = RawBodyChecker.check(try RawBodyValidator.load(path: path), decode: true)
        let codes = findings.map { "\($0.code) \($0.path ?? "")" }
        #expect(codes.contains("brushes.mask_aspect_mismatch static_mask"), "\(codes)")
        // Reported on the mask that differs from the image, not on the first mask.
        #expect(codes.contains("brushes.mask_resolution_mismatch static_mask"), "\(codes)")
        #expect(!codes.contains { $0.hasSuffix("dynamic_masks[0].mask") }, "\(codes)")
        #expect(codes.contains("brushes.mask_no_white static_mask"), "\(codes)")
        #expect(codes.contains("brushes.point_outside dynamic_masks[1].trajectories[0]"), "\(codes)")
        #expect(findings.hasErrors)
        // The untouched body passes.
        #expect(
            !RawBodyChecker.check(try RawBodyValidator.load(path: try #require(output.request)), decode: true).hasErrors
        )
    }
}

/// A preview drawer for BuildWriter's tests: fixed bytes, or the failure it is given (the real
/// drawer is KlingPreview's, tested there).
struct StubPreview: PreviewDrawing {
    static let bytes: [UInt8] = Array("not really a PNG".utf8)
    var failure: PreviewError?

    func previewPNG(of report: JobReport) throws(PreviewError) -> [UInt8] {
        if let failure { throw failure }
        return Self.bytes
    }
}

/// What BuildWriter makes of a preview that could not be drawn.
struct PreviewHookTests {
    static func build(failure: PreviewError?) async throws -> (BuildOutput, JobReport, URL) {
        let directory = try TestPaths.temporaryDirectory()
        var report = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        let output = try await BuildWriter.write(&report, to: directory.path, preview: StubPreview(failure: failure))
        return (output, report, directory)
    }

    @Test func noPreviewIsAskedForNoneIsWritten() async throws {
        let directory = try TestPaths.temporaryDirectory()
        var report = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        let output = try await BuildWriter.write(&report, to: directory.path)
        #expect(output.preview == nil && output.request != nil)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("preview.png").path))
    }

    @Test func anUndecodableReferenceIsAnErrorAndNoBodyIsWritten() async throws {
        let (output, report, _) = try await Self.build(
            failure: .undecodable(imagePath: "images[0]", reason: "premature end of data"))
        let corrupt = report.findings.filter { $0.code == "images.corrupt" }
        #expect(corrupt.codesAndPaths == [.init("images.corrupt", "images[0]")])
        #expect(output.request == nil && output.preview == nil)
    }

    @Test func aURLReferenceIsOnlyANote() async throws {
        let (output, report, _) = try await Self.build(failure: .noLocalPicture(imagePath: "images[0]"))
        let note = try #require(report.findings.first { $0.code == "images.preview_unavailable" })
        #expect(note.severity == .info && note.path == "images[0]")
        #expect(output.request != nil && output.preview == nil)
    }

    @Test func aPreviewThatCannotBeEncodedIsAWriteFailure() async throws {
        await #expect(throws: RequestError.self) {
            _ = try await Self.build(failure: .encodingFailed(reason: "out of memory"))
        }
    }
}

/// Outputs never replace links or devices, and a failed build leaves no out-of-date body.
struct OutputSafetyTests {
    @Test func linksAndFoldersAreNotReplaced() throws {
        let directory = try TestPaths.temporaryDirectory()
        let target = directory.appendingPathComponent("real.png")
        try Data("keep".utf8).write(to: target)
        let link = directory.appendingPathComponent("link.png")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: FileError.self) { try AtomicFile.write(Data("new".utf8), to: link.path) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try Data(contentsOf: target) == Data("keep".utf8))
        #expect(
            throws: FileError.writeFailed(
                path: directory.path, reason: "it is a folder; give the path of a regular file")
        ) {
            try AtomicFile.write(Data("new".utf8), to: directory.path)
        }
        #expect(throws: FileError.self) { try AtomicFile.write(Data("new".utf8), to: "/dev/null") }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["link.png", "real.png"])
    }

    @Test func aFailedBuildRemovesTheOldBody() async throws {
        let directory = try TestPaths.temporaryDirectory()
        var good = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        _ = try await BuildWriter.write(&good, to: directory.path)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("request.json").path))
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [TestPaths.fixture("images/landscape.jpg"), TestPaths.fixture("images/landscape.jpg")]
        builder.prompt = "Waves."
        builder.duration = "7"
        var bad = await JobChecker.check(builder.build())
        let output = try await BuildWriter.write(&bad, to: directory.path, preview: StubPreview())
        #expect(output.request == nil)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("request.json").path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("masks/static.png").path))
        #expect(output.preview != nil)  // the reference decodes: the picture still helps
    }

    @Test func aFileInsteadOfAFolderIsOneSentence() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let file = directory.appendingPathComponent("afile")
        try Data().write(to: file)
        var report = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        await #expect(
            throws: RequestError.writeFailed(
                path: file.path, reason: "it is a file, not a folder; give a folder for the outputs")
        ) {
            _ = try await BuildWriter.write(&report, to: file.path)
        }
    }
}

extension OutputSafetyTests {
    @Test func aLinkedMasksFolderAndOutputsOverInputsAreRefused() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let photos = directory.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: photos.appendingPathComponent("static.png"))
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: out.appendingPathComponent("masks"), withDestinationURL: photos)
        var report = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        await #expect(throws: RequestError.self) { _ = try await BuildWriter.write(&report, to: out.path) }
        #expect(try Data(contentsOf: photos.appendingPathComponent("static.png")) == Data("mine".utf8))

        // An image of the job named like an output in the output folder.
        let folder = directory.appendingPathComponent("job")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let image = folder.appendingPathComponent("preview.png")
        try FileManager.default.copyItem(atPath: TestPaths.fixture("images/gradient.png"), toPath: image.path)
        var builder = JobBuilder(baseDirectory: folder.path)
        builder.images = [image.path, TestPaths.fixture("images/portrait.jpg")]
        builder.prompt = "Waves."
        var own = await JobChecker.check(builder.build())
        await #expect(throws: RequestError.self) { _ = try await BuildWriter.write(&own, to: folder.path) }
        #expect(
            try Data(contentsOf: image)
                == Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("images/gradient.png"))))
    }
}
