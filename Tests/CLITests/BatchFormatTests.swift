import Foundation
import KlingFakeService
import Testing
import TestSupport

/// `batch --format github|junit|sarif`: one unit per job, failed tasks included, checked offline
/// against each format's required structure.
@Suite struct BatchFormatTests {
    /// A submitted batch of 10 jobs (1 invalid) where the service fails 2 tasks; the run's
    /// output in `format`.
    static func run(_ format: String, in h: CLIHarness) async throws -> CLIResult {
        let folder = try BatchCommandTests.jobs(in: h.directory, count: 10)
        h.service.setNextTaskFates([.fail("content refused"), .succeed, .fail("content refused")])
        let out = h.directory.appendingPathComponent("out").path
        return try await h.run(
            [
                "batch", folder, "--submit", "--wait", "-o", out, "--concurrency", "1", "--no-preview", "--format",
                format,
            ]
                + h.fast)
    }

    @Test func junitHasOneTestCasePerJobAndAFailurePerInvalidJobOrFailedTask() async throws {
        try await withCLI { h in
            let result = try await Self.run("junit", in: h)
            #expect(result.status == 2, "\(result.stderr)")
            let xml = try JUnitDocument(Data(result.stdout.utf8))
            let suite = try #require(xml.elements.first { $0.name == "testsuite" }?.attributes)
            #expect(suite["name"] == "klingprep batch")
            #expect(suite["tests"] == "10" && suite["failures"] == "3" && suite["errors"] == "0")
            let cases = xml.elements.filter { $0.name == "testcase" }
            #expect(cases.count == 10 && cases.allSatisfy { $0.attributes["classname"] == "klingprep.batch" })
            #expect(Set(cases.compactMap { $0.attributes["name"] }).count == 10)
            #expect(xml.count("failure") == 3)
            #expect(
                xml.elements.count {
                    $0.name == "failure" && $0.attributes["message"]?.contains("content refused") == true
                } == 2)
            #expect(xml.elements.contains { $0.name == "failure" && $0.attributes["type"] == "duration.unknown" })
        }
    }

    @Test func sarifHasTheRuleBookAndAResultPerFindingAtItsPlace() async throws {
        try await withCLI { h in
            let folder = try BatchCommandTests.jobs(in: h.directory, count: 10)
            let result = try await h.run(["batch", folder, "--format", "sarif"])
            #expect(result.status == 1)
            let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(log["version"] as? String == "2.1.0")
            #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
            let run = try #require((log["runs"] as? [[String: Any]])?.first)
            let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
            #expect(driver["name"] as? String == "klingprep")
            let rules = try #require(driver["rules"] as? [[String: Any]])
            let results = try #require(run["results"] as? [[String: Any]])
            let errors = results.filter { $0["level"] as? String == "error" }
            #expect(errors.count == 1)
            let error = try #require(errors.first)
            #expect(error["ruleId"] as? String == "duration.unknown")
            let index = try #require(error["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == "duration.unknown")
            let physical = try #require(
                ((error["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
            #expect(
                ((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)?.hasSuffix("jobs/shot-010.yaml")
                    == true)
            let region = try #require(physical["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == 1 && region["startColumn"] as? Int == 1)
        }
    }

    @Test func githubAnnotatesFindingsAtTheirLineAndFailedTasksAtTheirFile() async throws {
        try await withCLI { h in
            let result = try await Self.run("github", in: h)
            #expect(result.status == 2)
            let commands = result.stdoutLines.filter { $0.hasPrefix("::") }
            // Annotations, then one plain summary line (as `validate --format github` ends).
            let lines = result.stdoutLines
            let firstPlain = try #require(lines.firstIndex { !$0.hasPrefix("::") })
            #expect(lines[firstPlain].hasPrefix("10 jobs: "))
            #expect(lines[firstPlain...].allSatisfy { !$0.hasPrefix("::") })
            #expect(commands.allSatisfy { $0.wholeMatch(of: FormatTests.command) != nil })
            #expect(commands.contains { $0.contains("shot-010.yaml,line=1,col=1,title=duration.unknown::") })
            #expect(commands.filter { $0.hasPrefix("::error ") && $0.contains("content refused") }.count == 2)
        }
    }
}
