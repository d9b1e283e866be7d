import KlingBrush
import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

@Suite("Job files")
struct JobFileTests {
    @Test("YAML and JSON forms of the same job read the same")
    func yamlEqualsJSON() throws {
        let yaml = try JobFile.load(path: Fixtures.jobYAML)
        let json = try JobFile.load(path: Fixtures.jobJSON)
        #expect(yaml.job == json.job)
        #expect(yaml.findings.codesAndPaths == json.findings.codesAndPaths)
        // The fixture is valid but for the opt-in warnings and the data: prefix notice.
        #expect(
            yaml.findings.codesAndPaths == [
                .init("cfg_scale.route_undocumented", "cfg_scale"), .init("images.data_prefix_stripped", "images[3]"),
                .init("brushes.route_undocumented", "brushes"),
            ])
        #expect(yaml.findings.map(\.severity) == [.warning, .info, .warning])
    }

    @Test("YAML and JSON forms of the same job give the same body bytes")
    func sameBodyBytes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var outputs: [Data] = []
        for path in [Fixtures.jobYAML, Fixtures.jobJSON] {
            let job = try JobFile.load(path: path).job
            let plan = RequestBody(
                job: job, staticMask: .data(GoldenBrushes.staticMask), dynamicMasks: GoldenBrushes.dynamicMasks)
            let out = directory.appendingPathComponent("\(outputs.count).json").path
            try PayloadWriter().write(plan, to: out)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test("paths resolve against the job file's directory")
    func relativePaths() throws {
        let job = try JobFile.load(path: Fixtures.jobYAML).job
        #expect(job.images[0] == .file(Fixtures.imageA))
        #expect(job.images[1] == .file(Fixtures.imageB))
        #expect(job.images[2] == .url("https://example.com/c.png"))
        #expect(job.baseDirectory == Fixtures.job.path)
        #expect(yamlJob("images: [/abs/x.png, ../y.png]\n").job.images == [.file("/abs/x.png"), .file("/y.png")])
    }

    @Test("the fixture's fields are read as written")
    func fields() throws {
        let job = try JobFile.load(path: Fixtures.jobYAML).job
        #expect(job.model == "kling-v1-6")
        #expect(job.duration == "5")
        #expect(job.cfgScale == 0.5)
        #expect(job.brushes?.staticAreas == ["rect 0,0.8 1,1"])
        #expect(job.brushes?.dynamic.count == 2)
        #expect(
            job.brushes?.dynamic[1]
                == BrushGroup(
                    area: "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2", path: "move up 15%", points: 30, ease: .inOut))
    }

    @Test(
        "an unknown key gets a 'did you mean'",
        arguments: [
            ("promt", "prompt"), ("negative-prompt", "negative_prompt"), ("model_name", "model"),
            ("Duration", "duration"), ("cfgscale", "cfg_scale"), ("image_list", "images"),
        ])
    func didYouMean(_ typo: String, _ meant: String) {
        let document = yamlJob("prompt: a\nimages: [a.png, b.png]\n\(typo): 1\n")
        #expect(document.findings.codesAndPaths == [.init("job.unknown_key", typo)])
        #expect(document.findings.first?.fix == "Did you mean '\(meant)'?")
        #expect(document.findings.first?.message.contains("did you mean '\(meant)'?") == true)
    }

    @Test("a key far from any known key lists the allowed keys")
    func noSuggestion() {
        let finding = yamlJob("prompt: a\nimages: [a.png, b.png]\nbanana: 1\n").findings.first
        #expect(finding?.code == "job.unknown_key")
        #expect(finding?.message.contains("allowed: route, model, mode, duration") == true)
        #expect(finding?.fix == "Remove or rename 'banana'.")
    }

    @Test("nested unknown keys are suggested from their own mapping")
    func nestedSuggestion() {
        let text =
            "prompt: a\nimages: [a.png, b.png]\nbrushes:\n  dynamic:\n    - area: all\n      path: still\n      pionts: 5\n"
        let finding = yamlJob(text).findings.first
        #expect(finding?.path == "brushes.dynamic[0].pionts")
        #expect(finding?.fix == "Did you mean 'points'?")
        #expect(finding?.message.hasPrefix("line 7:") == true)
    }

    @Test("YAML findings name the right line, for reading and for field rules")
    func yamlLines() {
        let text = """
            allow_undocumented_fields: true
            mode: pro
            prompt: ok
            images:
              - a.png
              - b.png
            brushes:
              dynamic:
                - area: all
                  path: still
                - area: all
                  path: still
                  points: thirty
                - area: all
                  path: still
                  points: 78
            cfg_scale: 3
            """
        let findings = yamlJob(text).findings
        let byPath = Dictionary(findings.map { ($0.path ?? "", $0.message) }, uniquingKeysWith: { first, _ in first })
        #expect(byPath["brushes.dynamic[1].points"]?.hasPrefix("line 13:") == true)
        // points: 78 is the brush rules' to judge, when the job is checked (JobChecker), not read.
        #expect(byPath["cfg_scale"]?.hasPrefix("line 17:") == true)
        #expect(findings.filter { $0.severity == .error }.count == 2)
    }

    @Test("JSON findings name the line of their key")
    func jsonLines() {
        let text = """
            {
              "prompt": "ok",
              "images": ["a.png", "b.png"],
              "mode": "turbo",
              "allow_undocumented_fields": true,
              "brushes": {"dynamic": [
                {"area": "all", "path": "still",
                 "points": "x"}
              ]}
            }
            """
        let findings = jsonJob(text).findings
        #expect(
            findings.codesAndPaths == [
                .init("job.type_mismatch", "brushes.dynamic[0].points"), .init("mode.unknown", "mode"),
                .init("brushes.route_undocumented", "brushes"),
            ])
        #expect(findings[0].message.hasPrefix("line 8:"))
        #expect(findings[1].message.hasPrefix("line 4:"))
    }

    @Test("a YAML syntax error names its line")
    func yamlSyntaxLine() {
        let finding = yamlJob("prompt: a\nimages:\n  - a.png\n - b.png\n").findings.first
        #expect(finding?.code == "job.syntax")
        #expect(finding?.message.hasPrefix("line 4:") == true)
    }

    @Test("a job with many problems reports them all")
    func manyProblems() {
        let text = """
            model: kling-v9
            mode: fast
            duration: 7
            prompt: \(String(repeating: "x", count: 600))
            negative_prompt: \(String(repeating: "y", count: 250))
            cfg_scale: 2
            callback_url: hook
            external_task_id: "a b"
            colour: red
            images:
              - a.png
              - url: ftp://x/b.png
              - base64: "!!"
              - {}
              - e.png
            brushes:
              reference: 9
              static: ""
              dynamic:
                - {area: all, points: 1, ease: fast}
            """
        let found = Set(yamlJob(text).findings.codesAndPaths)
        let expected: Set<CodeAndPath> = [
            .init("model.unknown", "model"), .init("mode.unknown", "mode"), .init("duration.unknown", "duration"),
            .init("prompt.older_page_limit", "prompt"),
            .init("negative_prompt.older_page_limit", "negative_prompt"),
            .init("cfg_scale.route_undocumented", "cfg_scale"), .init("callback_url.invalid", "callback_url"),
            .init("brushes.route_undocumented", "brushes"),
            .init("external_task_id.not_printable", "external_task_id"), .init("job.unknown_key", "colour"),
            .init("images.count", "images"), .init("images.url_invalid", "images[1]"),
            .init("images.base64_invalid", "images[2]"), .init("job.image_source", "images[3]"),
            .init("brushes.reference_out_of_range", "brushes.reference"),
            .init("brushes.empty_description", "brushes.static[0]"),
            .init("job.missing_field", "brushes.dynamic[0].path"),
            .init("brushes.ease_unknown", "brushes.dynamic[0].ease"),
            // No brush.capability_unlisted: the mode is already wrong.
        ]
        #expect(found == expected, "missing: \(expected.subtracting(found)); extra: \(found.subtracting(expected))")
    }

    @Test("YAML plain scalars may stand for strings; quoted numbers are strings")
    func lenientYAMLStrings() {
        let job = yamlJob("prompt: 42\nexternal_task_id: 1234\nduration: \"10\"\nimages: [a.png, b.png]\n").job
        #expect(job.prompt == "42")
        #expect(job.externalTaskID == "1234")
        #expect(job.duration == "10")
    }

    @Test("an unreadable job file throws")
    func unreadable() {
        #expect(throws: RequestError.self) { try JobFile.load(path: "/nonexistent/job.yaml") }
    }

    @Test("the format is guessed from the name, then the first byte")
    func formatGuess() {
        #expect(JobFormat.guess(path: "a.json", data: Data("x".utf8)) == .json)
        #expect(JobFormat.guess(path: "a.yml", data: Data("{".utf8)) == .yaml)
        #expect(JobFormat.guess(path: "job", data: Data("  {".utf8)) == .json)
        #expect(JobFormat.guess(path: "job", data: Data("prompt: a".utf8)) == .yaml)
    }
}

@Suite("Lines for other modules' findings")
struct FindingLinesTests {
    @Test("withLines puts the line of the nearest read path before a message")
    func withLines() {
        let document = yamlJob(
            "prompt: a\nimages:\n  - a.png\n  - b.png\nbrushes:\n  dynamic:\n    - area: all\n      path: still\n")
        let fromBrushModule = Finding(
            .error, code: "brush.path_outside", path: "brushes.dynamic[0].path", message: "the path leaves the image.")
        let fromImageModule = Finding(
            .error, code: "image.too_small", path: "images[1]", message: "image 2 is 200×200.")
        let lined = document.withLines([fromBrushModule, fromImageModule])
        #expect(lined.map(\.message) == ["line 8: the path leaves the image.", "line 4: image 2 is 200×200."])
        #expect(document.line(of: "brushes.dynamic[0].path.points") == 8)
        #expect(document.line(of: "nowhere") == nil)
    }
}
