import Foundation
import KlingCheck
import KlingRequest
import Testing

/// Every input kept under fixtures/fuzz/FuzzJobFile and fixtures/fuzz/FuzzRawBody (the
/// reproducers of the libFuzzer targets, FUZZING.md) goes through the same API as its target:
/// the job-file reader and the raw-body validator return findings, each with a code and a
/// message, for every backend, and never crash.
struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/fuzz")

    static func inputs(_ target: String) -> [String] {
        let folder = fixtures.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted().map { "\(target)/\($0)" }
    }

    @Test(arguments: inputs("FuzzJobFile"))
    func jobFileInput(input: String) throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(input))
        for backend in Backend.allCases {
            let document = JobFile.decode(
                data, format: JobFormat.guess(path: "job", data: data), baseDirectory: "/nonexistent/klingprep-fuzz",
                backend: backend)
            #expect(document.findings.allSatisfy { !$0.code.isEmpty && !$0.message.isEmpty })
        }
    }

    @Test(arguments: inputs("FuzzRawBody"))
    func rawBodyInput(input: String) throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(input))
        for backend in Backend.allCases {
            let report = RawBodyValidator.validate(data, backend: backend)
            #expect(report.findings.allSatisfy { !$0.code.isEmpty && !$0.message.isEmpty })
        }
    }
}
