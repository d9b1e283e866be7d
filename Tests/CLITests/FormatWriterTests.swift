import Foundation
import KlingCheck
import Testing

@testable import klingprep

/// The writers of `--format github|junit|sarif` on their own: escaping, counts, indexes.
struct FormatWriterTests {
    private static let awkward = "100% sure, really: yes\r\nnext line"

    @Test func githubEscapesDataAndPropertiesAsTheRunnerDoes() {
        #expect(GitHubWriter.escapeData(Self.awkward) == "100%25 sure, really: yes%0D%0Anext line")
        #expect(GitHubWriter.escapeProperty("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae")
        let finding = Finding(.warning, code: "x.y", path: "images[0]", message: Self.awkward, fix: "do: this, now")
        let line = GitHubWriter.command(LocatedFinding(finding, file: "dir,a/b:c.yaml", line: 3, column: 9))
        #expect(
            line
                == "::warning file=dir%2Ca/b%3Ac.yaml,line=3,col=9,title=x.y::images[0]: 100%25 sure, really: yes%0D%0Anext line%0Afix: do: this, now"
        )
        // No line: neither line nor col; info is a notice.
        let info = GitHubWriter.command(LocatedFinding(Finding(.info, code: "a.b", message: "m"), file: "f.png"))
        #expect(info == "::notice file=f.png,title=a.b::m")
    }

    @Test func junitEscapesMarkupAndDropsWhatXMLForbids() {
        #expect(JUnitWriter.text("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d \"e\" 'f'")
        #expect(JUnitWriter.attribute("\"'\n\t<") == "&quot;&apos;&#10;&#9;&lt;")
        #expect(JUnitWriter.text("bell\u{07}nul\u{00}ok\u{FFFE}") == "bell\u{FFFD}nul\u{FFFD}ok\u{FFFD}")
        #expect(JUnitWriter.text("tab\tline\n") == "tab\tline\n")
    }

    @Test func junitCountsFailuresAndErrorsPerUnit() throws {
        let error = LocatedFinding(Finding(.error, code: "e.1", message: "bad <thing>"), file: "a.yaml", line: 2)
        let warning = LocatedFinding(Finding(.warning, code: "w.1", message: "meh"), file: "b.yaml")
        let units = [
            FormatUnit(name: "a.yaml", file: "a.yaml", status: "invalid", failed: true, findings: [error]),
            FormatUnit(name: "b.yaml", file: "b.yaml", status: "valid", failed: false, findings: [warning]),
            FormatUnit.error(name: "c.yaml", file: "c.yaml", message: "cannot read & c"),
        ]
        let xml = JUnitWriter.document(FormatReport(command: "batch", units: units))
        #expect(xml.contains(#"tests="3" failures="1" errors="1""#))
        #expect(xml.contains(#"<failure message="e.1: bad &lt;thing&gt;" type="e.1">a.yaml:2: error e.1: "#))
        #expect(xml.contains("<system-out>b.yaml: warning w.1: meh</system-out>"))
        #expect(xml.contains(#"<error message="cannot read &amp; c" type="klingprep.error">"#))
        // Under --strict the warning fails its unit too.
        var strict = units[1]
        strict.failed = true
        let strictXML = JUnitWriter.document(FormatReport(command: "batch", units: [strict], strict: true))
        #expect(strictXML.contains(#"<failure message="w.1: meh" type="w.1">"#))
    }

    @Test func sarifIndexesRuleBookCodesAndPlacesOthersWithoutIndex() throws {
        let known = LocatedFinding(
            Finding(.error, code: "images.too_small", message: "small"), file: "/work/x/a b.png")
        let unknown = LocatedFinding(
            Finding(.info, code: "not.a.rule", message: "note"), file: "j.yaml", line: 4, column: 2)
        let log = SARIFWriter.log(
            FormatReport(
                command: "inspect",
                units: [FormatUnit(name: "a", file: nil, status: "fail", failed: true, findings: [known, unknown])]))
        let results = try #require(log.runs.first?.results)
        let rules = try #require(log.runs.first?.tool.driver.rules)
        let index = try #require(results[0].ruleIndex)
        #expect(rules[index].id == "images.too_small")
        #expect(results[1].ruleIndex == nil && results[1].level == "note")
        #expect(results[1].locations.first?.physicalLocation.region?.startColumn == 2)
        #expect(SARIFWriter.uri("/work/x/a b.png", currentDirectory: "/work/x") == "a%20b.png")
        #expect(SARIFWriter.uri("/elsewhere/a.png", currentDirectory: "/work/x") == "file:///elsewhere/a.png")
        #expect(SARIFWriter.uri("./jobs\\a.yaml", currentDirectory: "/work") == "jobs/a.yaml")
    }

    @Test func consoleGuessesTheFormatWithoutAParser() {
        #expect(Console.Mode.guessFormat(["inspect", "--json"]) == .json)
        #expect(Console.Mode.guessFormat(["inspect", "--format", "junit"]) == .junit)
        #expect(Console.Mode.guessFormat(["inspect", "--format=jsonl"]) == .jsonl)
        #expect(Console.Mode.guessFormat(["inspect", "--format"]) == .text)
    }
}
