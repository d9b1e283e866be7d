import KlingBrush
import KlingCheck
import Foundation
import Testing

@testable import KlingRequest

@Suite("Payload writer")
struct PayloadWriterTests {
    static func fixturePlan() throws -> RequestBody {
        let job = try JobFile.load(path: Fixtures.jobYAML).job
        return RequestBody(
            job: job, staticMask: .data(GoldenBrushes.staticMask), dynamicMasks: GoldenBrushes.dynamicMasks)
    }

    static func leftovers(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test(
        "streamed bytes equal JSONEncoder's, for any chunk size", arguments: [3, 6, 9, 300, 3 * 1024, 3 * 256 * 1024])
    func equalsEncoder(chunkBytes: Int) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try Self.fixturePlan()
        let out = directory.appendingPathComponent("request.json").path
        let result = try PayloadWriter(chunkBytes: chunkBytes).write(plan, to: out)
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        let expected = try RequestBody.encoder().encode(plan.resolved())
        #expect(written == expected)
        #expect(result.bytes == written.count)
        #expect(try JSONDecoder().decode(RequestBody.self, from: written) == plan.resolved())
        #expect(try Self.leftovers(in: directory) == ["request.json"])
    }

    @Test("the body decodes back to the inputs: image bytes identical")
    func decodesToInputs() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("request.json").path
        try PayloadWriter().write(try Self.fixturePlan(), to: out)
        let body = try JSONDecoder().decode(RequestBody.self, from: Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(
            Data(base64Encoded: (body.images[0].bodyText ?? ""))
                == (try Data(contentsOf: URL(fileURLWithPath: Fixtures.imageA))))
        #expect(
            Data(base64Encoded: (body.images[1].bodyText ?? ""))
                == (try Data(contentsOf: URL(fileURLWithPath: Fixtures.imageB))))
        #expect((body.images[2].bodyText ?? "") == "https://example.com/c.png")
        #expect((body.images[3].bodyText ?? "") == "iVBORw0KGgo=")
        #expect(body.staticMask?.decodedData() == GoldenBrushes.staticMask)
        #expect(body.dynamicMasks?.map(\.trajectories) == GoldenBrushes.dynamicMasks.map(\.trajectories))
    }

    @Test("the fixture job's body matches its golden file")
    func golden() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("request.json").path
        try PayloadWriter().write(try Self.fixturePlan(), to: out)
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        let goldenURL = Fixtures.directory.appendingPathComponent("body.golden.json")
        if Fixtures.updateGoldens { try written.write(to: goldenURL) }
        #expect(written == (try Data(contentsOf: goldenURL)))
    }

    @Test("a body with no optional fields and no masks")
    func minimal() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("request.json").path
        let plan = RequestBody(route: .multiImage2video, images: [.data(Data()), .data(Data([1]))])
        try PayloadWriter().write(plan, to: out)
        #expect(
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
                == #"{"image_list":[{"image":""},{"image":"AQ=="}]}"#)
    }

    @Test("an unreadable input leaves no output and no temporary file")
    func unreadableInput() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("request.json").path
        let plan = RequestBody(
            route: .multiImage2video,
            prompt: "p", images: [.file(Fixtures.imageA), .file(directory.appendingPathComponent("missing.png").path)])
        #expect(throws: RequestError.self) { try PayloadWriter().write(plan, to: out) }
        #expect(try Self.leftovers(in: directory) == [])
    }

    @Test("a failed write keeps the previous output untouched")
    func previousOutputKept() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("request.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        // A directory cannot be read.
        let plan = RequestBody(route: .multiImage2video, prompt: "p", images: [.file(directory.path)])
        do {
            try PayloadWriter().write(plan, to: out)
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == directory.path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data("old".utf8))
        #expect(try Self.leftovers(in: directory) == ["request.json"])
        // And a successful write replaces it.
        try PayloadWriter().write(
            RequestBody(route: .multiImage2video, images: [.url("https://x.example/a.png")]), to: out)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: out))
                == Data(
                    #"{"image_list":[{"image":"https:\/\/x.example\/a.png"}]}"#.replacingOccurrences(
                        of: "\\/", with: "/"
                    ).utf8))
    }

    @Test("an output directory that does not exist is a write error")
    func missingDirectory() throws {
        #expect(throws: RequestError.self) {
            try PayloadWriter().write(
                RequestBody(route: .multiImage2video, images: []), to: "/nonexistent-dir/request.json")
        }
    }
}
