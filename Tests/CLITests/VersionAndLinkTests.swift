import Foundation
import KlingCheck
import TestSupport
import Testing

/// `klingprep --version`, the version in what `build` writes, and what the shipped executable
/// links.
struct VersionAndLinkTests {
    @Test func versionPrintsTheOneConstant() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == KlingPrepVersion.current + "\n")
    }

    @Test func buildWritesTheVersionIntoReportJSON() throws {
        let directory = try TestPaths.temporaryDirectory()
        let result = try CommandRunner.run(["build", TestPaths.fixture("demo/job.yaml"), "-o", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.version(inReport: directory) == KlingPrepVersion.current)
    }

    @Test func buildOfARawBodyWritesTheVersionIntoReportJSON() throws {
        let directory = try TestPaths.temporaryDirectory()
        let body = directory.appendingPathComponent("request.json")
        try Data(#"{"model_name":"kling-v1","image":"https://example.com/a.jpg","prompt":"p"}"#.utf8).write(to: body)
        let output = directory.appendingPathComponent("out")
        _ = try CommandRunner.run(["build", body.path, "-o", output.path])
        #expect(try Self.version(inReport: output) == KlingPrepVersion.current)
    }

    /// The executable people install carries no test-only code: neither the fake service, nor
    /// its web framework, nor the test helpers. Swift's mangled names (symbols and type
    /// metadata) spell each module as its length and name (`16KlingFakeService`), so code of
    /// any of them in the binary shows as that.
    @Test(arguments: ["KlingFakeService", "TestSupport", "Hummingbird", "HummingbirdCore"])
    func theExecutableLinksNothingOnlyTestsUse(module: String) throws {
        let binary = try Data(contentsOf: TestPaths.klingprep, options: .alwaysMapped)
        #expect(binary.range(of: Self.mangled(module)) == nil, "klingprep links \(module)")
    }

    /// The check above sees a module that is linked: the test runner, which links the fake
    /// service and the test helpers, shows both (the needle is made at run time, so this file's
    /// own strings do not count).
    @Test(arguments: ["KlingFakeService", "TestSupport"])
    func theLinkCheckSeesAModuleThatIsLinked(module: String) throws {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let binary = try Data(contentsOf: runner, options: .alwaysMapped)
        #expect(binary.range(of: Self.mangled(module)) != nil, "\(runner.path)")
    }

    /// A module's name as Swift's mangling spells it.
    static func mangled(_ module: String) -> Data { Data("\(module.utf8.count)\(module)".utf8) }

    static func version(inReport directory: URL) throws -> String? {
        let data = try Data(contentsOf: directory.appendingPathComponent("report.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["klingprep_version"] as? String
    }
}
