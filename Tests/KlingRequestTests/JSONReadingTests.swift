import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

/// JSON read by Foundation (validity, values) and Yams (lines, key order, keys given twice):
/// the corners where the two libraries differ.
@Suite("Reading JSON")
struct JSONReadingTests {
    // MARK: Job files

    @Test("a JSON job with tabs, \\/ and \\u escapes, a BOM and deep arrays keeps its lines")
    func jobEdgeCases() {
        let deep = String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100)
        let text =
            "\u{FEFF}{\n\t\"prompt\":\t\"a\\/b \\u00e9\\u2014\",\n\t\"images\" :\t[\"a.png\",\t\"b.png\"] ,\n"
            + "\t\"nested\": \(deep),\n\t\"mode\":\t\"turbo\"\n}\n"
        let document = jsonJob(text)
        #expect(document.job.prompt == "a/b é—")
        #expect(document.job.images.count == 2)
        #expect(
            document.findings.codesAndPaths == [.init("job.unknown_key", "nested"), .init("mode.unknown", "mode")])
        #expect(document.findings.map { $0.message.prefix(8) } == ["line 4: ", "line 5: "])
    }

    @Test("JSON types stay strict in a job: a number is not a string, 1.0 is not an integer")
    func jobTypes() {
        let text = """
            {"prompt": 42, "images": ["a.png", "b.png"],
             "brushes": {"reference": 1.0}}
            """
        let findings = jsonJob(text).findings
        #expect(
            findings.codesAndPaths == [
                .init("job.type_mismatch", "prompt"), .init("job.type_mismatch", "brushes.reference"),
            ])
        #expect(findings.map { $0.message.prefix(8) } == ["line 1: ", "line 2: "])
    }

    @Test("a surrogate-pair escape, which libyaml refuses, is read by Foundation (lines become 1)")
    func jobSurrogatePair() {
        let text = "{\n\"prompt\": \"cat \\ud83d\\udc08\",\n\"images\": [\"a.png\", \"b.png\"],\n\"mode\": \"turbo\"\n}"
        let document = jsonJob(text)
        #expect(document.job.prompt == "cat 🐈")
        #expect(document.findings.codesAndPaths == [.init("mode.unknown", "mode")])
        // The documented difference: without Yams' marks every value is on line 1.
        #expect(document.findings.first?.message.hasPrefix("line 1:") == true)
    }

    @Test("values come from Foundation: a raw U+0085 is kept, not folded as YAML would")
    func jobNextLineCharacter() {
        let text = "{\"prompt\": \"a\u{85}b\",\n \"images\": [\"a.png\", \"b.png\"],\n \"mode\": \"turbo\"}"
        let document = jsonJob(text)
        #expect(document.job.prompt == "a\u{85}b")
        #expect(document.findings.codesAndPaths == [.init("mode.unknown", "mode")])
        // The documented difference: libyaml counts a raw U+0085 (and U+2028, U+2029) as a line
        // break, so "mode" on line 3 is placed on line 4.
        #expect(document.findings.first?.message.hasPrefix("line 4:") == true)
    }

    @Test("a key given twice is reported with its path and line, also on one line")
    func jobDuplicateKey() {
        let nested = jsonJob(
            "{\"prompt\": \"a\", \"images\": [\"a.png\", \"b.png\"],\n \"brushes\": {\"reference\": 1,\n \"reference\": 2}}"
        )
        #expect(nested.findings.codesAndPaths == [.init("job.duplicate_key", "brushes.reference")])
        #expect(nested.findings.first?.message.hasPrefix("line 2:") == true)
        let oneLine = jsonJob("{\"prompt\": \"a\", \"prompt\": \"b\", \"images\": [\"a.png\", \"b.png\"]}")
        #expect(oneLine.findings.codesAndPaths == [.init("job.duplicate_key", "prompt")])
    }

    @Test("text that is not JSON is a syntax finding, even when it is valid YAML")
    func jobNotJSON() {
        for text in [
            "{'prompt': 'a'}", "{prompt: a}", "{\"prompt\": \"a\"} x", "{\"a\": [01]}", "[1] # note", "",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ] {
            let findings = jsonJob(text).findings
            #expect(findings.codesAndPaths == [.init("job.syntax", nil)], "\(text.prefix(20))")
            #expect(findings.first?.message.contains("not valid JSON") == true)
        }
        let placed = jsonJob("{\"prompt\": \"a\",\n\n \"images\": [\"a\" \"b\"]}").findings
        #expect(placed.first?.message.hasPrefix("line 3: the job file is not valid JSON:") == true)
    }

    // MARK: Raw bodies

    /// A valid body with one dynamic group; `cfg`, `x` and `y` are JSON text.
    static func body(cfg: String, x: String, y: String, pretty: Bool) -> Data {
        let parts = [
            "{\"model_name\": \"kling-v1\"", "\"mode\": \"pro\"", "\"duration\": \"5\"", "\"prompt\": \"go\"",
            "\"cfg_scale\": \(cfg)", "\"image\": \"QUJD\"",
            "\"dynamic_masks\": [{\"mask\": \"QUJD\", \"trajectories\": [{\"x\": 0, \"y\": 1}, {\"x\": \(x), \"y\": \(y)}]}]}",
        ]
        return Data(parts.joined(separator: pretty ? ",\n" : ",").utf8)
    }

    @Test("a raw body tells booleans from numbers, and 1.0 from 1", arguments: [false, true])
    func bodyBooleansAndNumbers(pretty: Bool) {
        let good = RawBodyValidator.validate(Self.body(cfg: "1", x: "1", y: "0", pretty: pretty))
        #expect(good.findings == [])
        #expect(good.body?.cfgScale == 1)
        #expect(good.body?.dynamicMasks?.first?.trajectories.last == APIPoint(x: 1, y: 0))

        let bad = RawBodyValidator.validate(Self.body(cfg: "true", x: "1.0", y: "false", pretty: pretty))
        #expect(
            bad.findings.codesAndPaths == [
                .init("body.type_mismatch", "cfg_scale"),
                .init("body.type_mismatch", "dynamic_masks[0].trajectories[1].x"),
                .init("body.type_mismatch", "dynamic_masks[0].trajectories[1].y"),
            ])
        #expect(bad.findings[0].message.contains("found a boolean (\"true\")"))
        #expect(bad.findings[1].message.contains("found a number"))
        #expect(bad.findings[2].message.contains("found a boolean (\"false\")"))
        // A body of several lines is placed by Yams; a one-line body is all on line 1.
        #expect(
            bad.findings.map { $0.message.prefix(8) }
                == (pretty ? ["line 5: ", "line 7: ", "line 7: "] : Array(repeating: "line 1: ", count: 3)))
    }

    @Test("a raw body that is not JSON gets a syntax finding with its line")
    func bodyNotJSON() {
        let oneLine = RawBodyValidator.validate(Data("{\"prompt\": \"go\" \"x\": 1}".utf8)).findings
        #expect(oneLine.codesAndPaths == [.init("body.syntax", nil)])
        #expect(oneLine.first?.message.hasPrefix("line 1: the body is not valid JSON:") == true)
        let lines = RawBodyValidator.validate(Data("{\n\"prompt\": \"go\",\n\"image_list\": [\"a\" \"b\"]\n}".utf8))
        #expect(lines.findings.codesAndPaths == [.init("body.syntax", nil)])
        #expect(lines.findings.first?.message.hasPrefix("line 3:") == true)
        #expect(lines.body == nil)
    }

    @Test("keys given twice in a body: reported when it has lines; on one line the last wins")
    func bodyDuplicateKeys() {
        let text =
            "{\"prompt\": \"a\",\n\"prompt\": \"b\", \"image_list\": [{\"image\": \"QUJD\"}, {\"image\": \"QUJD\"}]}"
        let lines = RawBodyValidator.validate(Data(text.utf8))
        #expect(lines.findings.codesAndPaths == [.init("job.duplicate_key", "prompt")])
        let oneLine = RawBodyValidator.validate(Data(text.replacingOccurrences(of: "\n", with: " ").utf8))
        #expect(oneLine.findings == [])
        #expect(oneLine.body?.prompt == "b")
    }

    @Test("Foundation accepts a trailing comma, and so do we")
    func trailingComma() {
        let report = RawBodyValidator.validate(
            Data("{\"prompt\": \"a\", \"image_list\": [{\"image\": \"QUJD\"}, {\"image\": \"QUJD\"},],}".utf8))
        #expect(report.findings == [])
    }
}
