import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

/// The 1-based column beside each key path's line, in YAML and in JSON job files.
@Suite("Source columns")
struct SourceColumnTests {
    @Test("YAML: a key's column is where the key starts; a list item's where its value starts")
    func yamlColumns() {
        let document = yamlJob(
            """
            prompt: go
            images:
              - a.png
            brushes:
              dynamic:
                - area: all
                  pathh: move up 10%
            """)
        #expect(document.location(of: "prompt") == SourceLocation(line: 1, column: 1))
        #expect(document.location(of: "images[0]") == SourceLocation(line: 3, column: 5))
        #expect(document.location(of: "brushes.dynamic") == SourceLocation(line: 5, column: 3))
        #expect(document.location(of: "brushes.dynamic[0].pathh") == SourceLocation(line: 7, column: 7))
        // A path not read itself takes the nearest enclosing path's place, line and column together.
        #expect(document.location(of: "brushes.dynamic[0].area.inner") == SourceLocation(line: 6, column: 7))
        #expect(document.columns["images"] == 1)
    }

    @Test("JSON: columns where Yams places the values; none where Foundation alone read the text")
    func jsonColumns() {
        let placed = jsonJob("{\n  \"prompt\": \"go\",\n  \"images\": [\"a.png\",\n     \"b.png\"]\n}\n")
        #expect(placed.location(of: "prompt") == SourceLocation(line: 2, column: 3))
        #expect(placed.location(of: "images[1]") == SourceLocation(line: 4, column: 6))
        // A surrogate-pair escape: valid JSON libyaml refuses, so Foundation's values at line 1, no column.
        let unplaced = jsonJob("{\n  \"prompt\": \"\\ud83d\\udc08\",\n  \"images\": [\"a.png\"]\n}\n")
        #expect(unplaced.job.prompt == "🐈")
        #expect(unplaced.location(of: "prompt") == SourceLocation(line: 1, column: nil))
        #expect(unplaced.columns.isEmpty)
    }

    @Test("a command-line job has no place")
    func flagsJob() {
        var builder = JobBuilder()
        builder.images = ["a.png"]
        builder.prompt = "go"
        #expect(builder.build().location(of: "prompt") == nil)
    }
}
