import Foundation
import KlingCheck
import TestSupport
import Testing
import Yams

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `--format` on real commands, each document checked offline against the structure its
/// consumers need: SARIF 2.1.0, JUnit XML, GitHub workflow commands, JSON lines.
struct FormatTests {
    static let broken = "fixtures/jobs/broken.yaml"

    // MARK: SARIF

    @Test func sarifOfABrokenJobHasEveryRequiredPropertyAndPlacesEachFinding() throws {
        let result = try CommandRunner.run(["validate", Self.broken, "--format", "sarif"])
        #expect(result.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "klingprep")
        #expect(driver["version"] as? String == KlingPrepVersion.current)
        #expect((driver["informationUri"] as? String)?.hasPrefix("https://") == true)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count > 50)
        for rule in rules {
            #expect((rule["id"] as? String)?.isEmpty == false)
            #expect(text(rule["shortDescription"])?.isEmpty == false)
            #expect(text(rule["fullDescription"])?.isEmpty == false)
            #expect(text(rule["help"])?.isEmpty == false)
            #expect(((rule["properties"] as? [String: Any])?["source"] as? String)?.isEmpty == false)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 5)
        var places: [String: [Int]] = [:]
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect(text(result["message"])?.isEmpty == false)
            if let index = result["ruleIndex"] as? Int {
                #expect(rules.indices.contains(index) && rules[index]["id"] as? String == ruleID)
            }
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == Self.broken)
            let region = try #require(physical["region"] as? [String: Any])
            let line = try #require(region["startLine"] as? Int)
            let column = try #require(region["startColumn"] as? Int)
            places[ruleID + " " + (text(result["message"])?.prefix(24) ?? ""), default: []] = [line, column]
        }
        // The fixture's known keys: `pathh` at line 15, column 7; `duration` at line 4, column 1.
        #expect(places.first { $0.key.hasPrefix("job.unknown_key brushes.dynamic[0].pathh") }?.value == [15, 7])
        #expect(places.first { $0.key.hasPrefix("duration.unknown") }?.value == [4, 1])
        #expect(places.first { $0.key.hasPrefix("job.missing_field") }?.value == [14, 7])
        #expect(results.allSatisfy { $0["ruleIndex"] is Int })
    }

    @Test func sarifOfImagesPointsAtTheFilesOnly() throws {
        let result = try CommandRunner.run([
            "inspect", "fixtures/images/landscape.jpg", "fixtures/bad/too-small.png", "--format", "sarif",
        ])
        #expect(result.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["images.too_small"])
        let physical = try #require(
            ((results.first?["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "fixtures/bad/too-small.png")
        #expect(physical["region"] == nil)
    }

    @Test func rulesAsSarifIsTheRuleBookWithoutResults() throws {
        let result = try CommandRunner.run(["rules", "--format", "sarif"])
        #expect(result.status == 0)
        let log = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [Any])
        let listed = try CommandRunner.run(["rules", "--json"])
        let book = try #require(try JSONSerialization.jsonObject(with: listed.stdoutData) as? [String: Any])
        #expect(rules.count == (book["rules"] as? [Any])?.count)
    }

    // MARK: JUnit

    @Test func junitOfABrokenJobIsOneFailedTestCase() throws {
        let result = try CommandRunner.run(["validate", Self.broken, "--format", "junit"])
        #expect(result.status == 1)
        let xml = try JUnitDocument(result.stdoutData)
        #expect(xml.count("testsuites") == 1)
        let suite = try #require(xml.elements.first { $0.name == "testsuite" }?.attributes)
        #expect(suite["name"] == "klingprep validate")
        #expect(suite["tests"] == "1" && suite["failures"] == "1" && suite["errors"] == "0" && suite["skipped"] == "0")
        #expect(suite["time"].flatMap(Double.init) != nil)
        let testcase = try #require(xml.elements.first { $0.name == "testcase" }?.attributes)
        #expect(testcase["classname"] == "klingprep.validate" && testcase["name"] == Self.broken)
        let failure = try #require(xml.elements.first { $0.name == "failure" })
        #expect(failure.attributes["type"] == "job.unknown_key")
        #expect(failure.text.contains("fixtures/jobs/broken.yaml:15:7: error job.unknown_key"))
        // The odd key's %, comma and colon survive XML as they are.
        #expect(failure.text.contains("unknown key 'odd%key, with: punctuation'"))
    }

    @Test func junitOfImagesHasOneTestCasePerImageAndFailuresForTheBadOnes() throws {
        let images = [
            "fixtures/images/landscape.jpg", "fixtures/bad/too-small.png", "fixtures/images/gradient.png",
            "fixtures/bad/too-wide.png",
        ]
        let result = try CommandRunner.run(["inspect"] + images + ["--format", "junit"])
        #expect(result.status == 1)
        let xml = try JUnitDocument(result.stdoutData)
        let cases = xml.elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == images)
        #expect(cases.allSatisfy { $0.attributes["classname"] == "klingprep.inspect" })
        let suite = try #require(xml.elements.first { $0.name == "testsuite" }?.attributes)
        #expect(suite["tests"] == "4" && suite["failures"] == "2" && suite["errors"] == "0")
        #expect(xml.count("failure") == 2)
        #expect(
            xml.elements.filter { $0.name == "failure" }.map { $0.attributes["type"] } == [
                "images.too_small", "images.aspect_ratio",
            ])
    }

    @Test func junitOfAnUnreadableJobIsAnErrorWithTheSameExitCode() throws {
        let result = try CommandRunner.run(["validate", "no/such/job.yaml", "--format", "junit"])
        #expect(result.status == 1)
        let xml = try JUnitDocument(result.stdoutData)
        let suite = try #require(xml.elements.first { $0.name == "testsuite" }?.attributes)
        #expect(suite["tests"] == "1" && suite["failures"] == "0" && suite["errors"] == "1")
        #expect(xml.count("error") == 1 && xml.count("failure") == 0)
        #expect(result.stderr.contains("Error: "))
    }

    // MARK: GitHub

    /// `::LEVEL file=…[,line=N[,col=N]],title=…::DATA`, properties without a raw `,` or `:`.
    static var command:
        Regex<(Substring, Substring, Substring, Substring?, Substring?, Substring?, Substring?, Substring, Substring)>
    {
        /^::(error|warning|notice) file=([^,:]+)(,line=(\d+)(,col=(\d+))?)?,title=([^,:]+)::(.*)$/
    }

    @Test func githubLinesAreWorkflowCommandsAndTheirEscapingRoundTrips() throws {
        let result = try CommandRunner.run(["validate", Self.broken, "--format", "github"])
        #expect(result.status == 1)
        let lines = result.stdoutLines
        let commands = lines.dropLast()
        #expect(commands.count == 5)
        var odd: String?
        for line in commands {
            let match = try #require(line.wholeMatch(of: Self.command), "\(line)")
            #expect(match.output.2 == Substring(Self.broken))
            #expect(match.output.4 != nil && match.output.6 != nil)
            #expect(!match.output.8.contains("\n") && !match.output.8.contains("\r"))
            if match.output.7 == "job.unknown_key", match.output.4 == "7" { odd = String(match.output.8) }
        }
        let data = Self.unescape(try #require(odd))
        #expect(data.contains("unknown key 'odd%key, with: punctuation'"))
        #expect(data.contains(".\nfix: Remove or rename"))
        #expect(commands.contains { $0.hasPrefix("::error file=\(Self.broken),line=15,col=7,title=job.unknown_key::") })
        let summary = try #require(lines.last)
        #expect(!summary.hasPrefix("::") && summary.contains("1 of 1 failed"))
    }

    @Test func githubLinesForImagesHaveNoLine() throws {
        let result = try CommandRunner.run(["inspect", "fixtures/bad/too-small.png", "--format", "github"])
        #expect(result.status == 1)
        let line = try #require(result.stdoutLines.first)
        let match = try #require(line.wholeMatch(of: Self.command))
        #expect(match.output.1 == "error" && match.output.2 == "fixtures/bad/too-small.png" && match.output.3 == nil)
    }

    /// The runner's reading of a command's data.
    static func unescape(_ data: String) -> String {
        data.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }

    // MARK: JSON lines, usage, --json

    @Test func jsonlOfInspectIsOneImageObjectPerLine() throws {
        let result = try CommandRunner.run([
            "inspect", "fixtures/images/portrait.jpg", "fixtures/bad/too-small.png", "--format", "jsonl",
        ])
        #expect(result.status == 1)
        let objects = result.stdoutLines.map { json($0) }
        #expect(objects.count == 2)
        #expect(
            objects.map { $0?["path"] as? String } == ["fixtures/images/portrait.jpg", "fixtures/bad/too-small.png"])
        #expect(objects.first??["width"] as? Int == 1200)
        // The same objects as --json's `images`.
        let whole = try CommandRunner.run([
            "inspect", "fixtures/images/portrait.jpg", "fixtures/bad/too-small.png", "--json",
        ])
        let images = try #require(json(whole.stdout)?["images"] as? [[String: Any]])
        #expect(images.map { $0["path"] as? String } == objects.map { $0?["path"] as? String })
    }

    @Test(arguments: [
        (["mask", "--size", "8x8", "all", "-o", "m.png", "--format", "junit"], "mask", "junit", "text, json"),
        (["rules", "--format", "github"], "rules", "github", "text, json, sarif"),
        (["status", "abc", "--format", "sarif"], "status", "sarif", "text, json"),
        (["validate", "x.yaml", "--format", "jsonl"], "validate", "jsonl", "text, json, github, junit, sarif"),
    ])
    func aFormatACommandDoesNotTakeIsAUsageError(arguments: [String], command: String, format: String, takes: String)
        throws
    {
        let directory = try TestPaths.temporaryDirectory()
        let result = try CommandRunner.run(arguments, in: directory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(command) does not write --format \(format); it takes \(takes)"))
        if format == "jsonl" {
            // Asked for JSON lines: the one failure document, on one line.
            #expect((json(result.stdout)?["error"] as? [String: Any])?["exit_code"] as? Int == 64)
        } else {
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.png").path))
    }

    @Test func jsonWithAnotherFormatIsAUsageErrorAndJsonFormatIsJson() throws {
        let both = try CommandRunner.run(["inspect", "fixtures/images/portrait.jpg", "--json", "--format", "junit"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--json means --format json"))
        let same = try CommandRunner.run(["inspect", "fixtures/images/portrait.jpg", "--json", "--format", "json"])
        let format = try CommandRunner.run(["inspect", "fixtures/images/portrait.jpg", "--format", "json"])
        let flag = try CommandRunner.run(["inspect", "fixtures/images/portrait.jpg", "--json"])
        #expect(same.status == 0 && format.stdout == flag.stdout && same.stdout == flag.stdout)
    }

    // MARK: pre-commit

    @Test func preCommitHooksRunBatch() throws {
        let text = try String(
            contentsOfFile: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml").path, encoding: .utf8
        )
        let hooks = try #require(try Yams.load(yaml: text) as? [[String: Any]])
        #expect(hooks.first?["id"] as? String == "klingprep-validate")
        for hook in hooks {
            for key in ["id", "name", "entry", "language"] {
                #expect((hook[key] as? String)?.isEmpty == false, "\(key)")
            }
            let words = (hook["entry"] as? String ?? "").split(separator: " ")
            #expect(words.prefix(2) == ["klingprep", "batch"])
            #expect(hook["language"] as? String == "system")
            #expect(hook["pass_filenames"] as? Bool == true)
            // Job files and manifests are passed; a build's report.json or a batch's summary.json never.
            let files = try NSRegularExpression(pattern: hook["files"] as? String ?? "$^")
            let exclude = try NSRegularExpression(pattern: hook["exclude"] as? String ?? "$^")
            func passed(_ path: String) -> Bool {
                let range = NSRange(path.startIndex..., in: path)
                return files.firstMatch(in: path, range: range) != nil
                    && exclude.firstMatch(in: path, range: range) == nil
            }
            for path in ["jobs/a.yaml", "b.yml", "jobs/c.json", "shots.jsonl", "out/request.json"] {
                #expect(passed(path), "\(path)")
            }
            for path in ["out/report.json", "summary.json", "jobs/a.klingprep/x.json", "notes.txt", "a.yaml.bak"] {
                #expect(!passed(path), "\(path)")
            }
        }
    }
}

extension CommandResult {
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// `text` of a SARIF `{"text": …}` object.
private func text(_ value: Any?) -> String? { (value as? [String: Any])?["text"] as? String }

/// A JUnit document read by `XMLParser`: every element in document order, with its attributes
/// and text.
struct JUnitDocument {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    var elements: [Element]

    init(_ data: Data) throws {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        elements = reader.elements
    }

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }

    private final class Reader: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}

/// The submitter's JSON lines: `--format jsonl` writes what `--json` writes.
@Suite(.serialized) struct SubmitterFormatTests {
    @Test func submitWaitAsJSONLinesStreamsTheSameEventsAsJSON() async throws {
        try await withCLI { h in
            let body = try h.body()
            let result = try await h.run(["submit", body.path, "--wait", "--format", "jsonl"] + h.fast)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdoutLines.count >= 2)
            #expect(result.stdoutLines.allSatisfy { json($0) != nil })
            #expect(result.stdoutLines.contains { json($0)?["event"] as? String == "status" })
            #expect(json(result.stdoutLines.last)?["task_id"] is String)
        }
    }
}
