import KlingBrush
import Foundation
import KlingCheck
import KlingRequest
import TestSupport
import Testing

/// What `submit` makes of its input before anything is sent: a job is checked and built, a
/// raw body is checked, and either is blocked by its errors (with `strict`, its warnings).
struct SubmissionPreparationTests {
    /// Writes `text` as `name` into a fresh directory.
    static func write(_ text: String, as name: String) throws -> URL {
        let file = try TestPaths.temporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// A raw body with `fields` (JSON members) around an image given by URL, so no image is read.
    static func body(_ fields: String) throws -> URL {
        try write("{\(fields), \"prompt\": \"walk\", \"duration\": \"5\"}", as: "request.json")
    }

    @Test func aJobWithErrorsIsBlockedAndHasNothingToSend() async throws {
        let image = TestPaths.fixture("images/landscape.jpg")
        let job = try Self.write(
            "route: image2video\nprompt: \(String(repeating: "x", count: 2501))\nimages: [\(image), \(image)]\n",
            as: "bad.yaml")
        let output = job.deletingLastPathComponent().appendingPathComponent("out").path
        let prepared = try await SubmissionPreparation.prepare(
            input: job.path, output: output, options: .init(preview: StubPreview()))
        #expect(prepared.input == .job)
        #expect(prepared.isBlocked)
        #expect(prepared.bodyPath == nil)
        #expect(prepared.route == .image2video)
        let codes = Set(prepared.findings.filter { $0.severity == .error }.map(\.code))
        #expect(codes.isSuperset(of: ["prompt.too_long", "images.count"]), "\(codes)")
        let build = try #require(prepared.build)
        #expect(build.request == nil)
        #expect(FileManager.default.fileExists(atPath: build.report))
        #expect(!FileManager.default.fileExists(atPath: output + "/request.json"))
    }

    @Test func aGoodJobIsBuiltBesideItselfAndSendsItsRequest() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let job = directory.appendingPathComponent("rocket.yaml")
        let demo = try String(contentsOfFile: TestPaths.fixture("demo/job.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "images/rocket.jpg", with: TestPaths.fixture("demo/images/rocket.jpg"))
        try Data(demo.utf8).write(to: job)
        let prepared = try await SubmissionPreparation.prepare(input: job.path, options: .init(preview: StubPreview()))
        #expect(!prepared.isBlocked, "\(prepared.findings)")
        #expect(prepared.route == .image2video)
        let expected = directory.appendingPathComponent("rocket.klingprep").path
        #expect(SubmissionPreparation.defaultDirectory(forJob: job.path) == expected)
        #expect(prepared.bodyPath == expected + "/request.json")
        #expect(prepared.bodyPath == prepared.build?.request)
        #expect(prepared.job?.brushes?.groups.count == 2)
    }

    @Test(arguments: [
        (#""model_name": "kling-v1", "image": "https://example.com/a.jpg""#, Route.image2video),
        (
            #""model_name": "kling-v1-6", "image_list": [{"image": "https://example.com/a.jpg"}]"#,
            Route.multiImage2video
        ),
    ])
    func aRawBodyGoesToTheRouteItsKeysName(fields: String, route: Route) async throws {
        let body = try Self.body(fields)
        let prepared = try await SubmissionPreparation.prepare(input: body.path)
        #expect(prepared.input == .body)
        #expect(prepared.route == route)
        #expect(!prepared.isBlocked, "\(prepared.findings)")
        #expect(prepared.bodyPath == body.path)
        #expect(prepared.job == nil && prepared.build == nil)
        // Nothing is written for a body: it is sent as it is.
        #expect(try FileManager.default.contentsOfDirectory(atPath: body.deletingLastPathComponent().path).count == 1)
    }

    @Test func strictBlocksAWarning() async throws {
        let body = try Self.body(#""model_name": "kling-v1", "image": "https://example.com/a.jpg", "seed": 7"#)
        let lenient = try await SubmissionPreparation.prepare(input: body.path)
        #expect(lenient.findings.contains { $0.severity == .warning && $0.code == "body.unknown_field" })
        #expect(!lenient.findings.hasErrors)
        #expect(!lenient.isBlocked)
        let strict = try await SubmissionPreparation.prepare(input: body.path, options: .init(strict: true))
        #expect(strict.isBlocked)
        #expect(strict.bodyPath == nil)
        #expect(strict.findings == lenient.findings)
    }

    @Test func aMissingInputCannotBePrepared() async throws {
        let missing = try TestPaths.temporaryDirectory().appendingPathComponent("missing.yaml").path
        await #expect {
            _ = try await SubmissionPreparation.prepare(input: missing)
        } throws: { error in
            guard case .unreadable(let path, _) = error as? RequestError else { return false }
            return path == missing
        }
    }
}
