import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

/// One rule, one bad job: the job differs from a valid base in one key.
struct BadJob: Sendable, CustomTestStringConvertible {
    var name: String
    /// Top-level keys to replace (text after `key:`, may span lines); `nil` removes the key.
    var changes: [String: String?]
    var expected: [CodeAndPath]
    var severity: Severity = .error

    var testDescription: String { name }

    static let baseKeys = ["model", "mode", "duration", "prompt", "images", "brushes"]
    static let base: [String: String] = [
        "model": " kling-v1",
        "mode": " pro",
        "duration": " 5",
        "prompt": " The cat turns its head.",
        "images": "\n  - a.png\n  - b.jpg",
        "brushes": "\n  static: rect 0,0.8 1,1\n  dynamic:\n    - area: circle 0.5,0.5 0.1\n      path: move up 10%",
    ]

    /// The job text: base keys in order, then added keys.
    var yaml: String {
        var lines: [String] = []
        for key in Self.baseKeys {
            if let change = changes[key] {
                if let change { lines.append("\(key):\(change)") }
            } else if let value = Self.base[key] {
                lines.append("\(key):\(value)")
            }
        }
        for (key, change) in changes.sorted(by: { $0.key < $1.key }) where !Self.baseKeys.contains(key) {
            if let change { lines.append("\(key):\(change)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

private let long501 = String(repeating: "a", count: 501)

let badJobs: [BadJob] = [
    BadJob(name: "one image", changes: ["images": "\n  - a.png"], expected: [.init("images.count", "images")]),
    BadJob(
        name: "five images", changes: ["images": "\n  - a.png\n  - b.png\n  - c.png\n  - d.png\n  - e.png"],
        expected: [.init("images.count", "images")]),
    BadJob(
        name: "images missing", changes: ["images": nil, "brushes": nil],
        expected: [.init("job.missing_field", "images")]),
    BadJob(
        name: "images not a list", changes: ["images": " a.png", "brushes": nil],
        expected: [.init("job.type_mismatch", "images")]),
    BadJob(name: "prompt missing", changes: ["prompt": nil], expected: [.init("job.missing_field", "prompt")]),
    BadJob(name: "prompt empty", changes: ["prompt": " \"\""], expected: [.init("prompt.empty", "prompt")]),
    BadJob(
        name: "prompt 501 characters", changes: ["prompt": " \(long501)"],
        expected: [.init("prompt.too_long", "prompt")]),
    BadJob(
        name: "negative prompt 201 characters",
        changes: ["negative_prompt": " \(String(repeating: "é", count: 201))"],
        expected: [.init("negative_prompt.too_long", "negative_prompt")]),
    BadJob(
        name: "cfg_scale 1.5", changes: ["cfg_scale": " 1.5"], expected: [.init("cfg_scale.out_of_range", "cfg_scale")]),
    BadJob(
        name: "cfg_scale -0.1", changes: ["cfg_scale": " -0.1"],
        expected: [.init("cfg_scale.out_of_range", "cfg_scale")]),
    BadJob(
        name: "cfg_scale a word", changes: ["cfg_scale": " high"], expected: [.init("job.type_mismatch", "cfg_scale")]),
    BadJob(name: "mode fast", changes: ["mode": " fast"], expected: [.init("mode.unknown", "mode")]),
    BadJob(name: "duration 7", changes: ["duration": " 7"], expected: [.init("duration.unknown", "duration")]),
    BadJob(name: "duration a list", changes: ["duration": " [5]"], expected: [.init("job.type_mismatch", "duration")]),
    BadJob(
        name: "unknown model", changes: ["model": " kling-v9", "brushes": nil],
        expected: [.init("model.unknown", "model")], severity: .warning),
    BadJob(
        name: "callback not http", changes: ["callback_url": " ftp://example.com/x"],
        expected: [.init("callback_url.invalid", "callback_url")]),
    BadJob(
        name: "callback relative", changes: ["callback_url": " /hook"],
        expected: [.init("callback_url.invalid", "callback_url")]),
    BadJob(
        name: "external id empty", changes: ["external_task_id": " \"\""],
        expected: [.init("external_task_id.empty", "external_task_id")]),
    BadJob(
        name: "external id with a space", changes: ["external_task_id": " \"take 3\""],
        expected: [.init("external_task_id.not_printable", "external_task_id")]),
    BadJob(
        name: "external id too long", changes: ["external_task_id": " \(String(repeating: "x", count: 129))"],
        expected: [.init("external_task_id.too_long", "external_task_id")]),
    BadJob(
        name: "image URL not http", changes: ["images": "\n  - a.png\n  - url: file:///b.png"],
        expected: [.init("image.url_invalid", "images[1]")]),
    BadJob(
        name: "image data: prefix is stripped with a notice",
        changes: ["images": "\n  - a.png\n  - base64: data:image/png;base64,iVBORw0KGgo="],
        expected: [.init("image.data_prefix", "images[1]")], severity: .info),
    BadJob(
        name: "image base64 invalid", changes: ["images": "\n  - a.png\n  - base64: not*base64"],
        expected: [.init("image.base64_invalid", "images[1]")]),
    BadJob(
        name: "image empty path", changes: ["images": "\n  - a.png\n  - \"\""],
        expected: [.init("image.empty", "images[1]")]),
    BadJob(
        name: "image with two sources",
        changes: ["images": "\n  - a.png\n  - {url: 'https://x.example/b.png', base64: QUJD}"],
        expected: [.init("job.image_source", "images[1]")]),
    BadJob(
        name: "image with an unknown key", changes: ["images": "\n  - a.png\n  - file: b.png"],
        expected: [.init("job.unknown_key", "images[1].file")]),
    BadJob(name: "unknown top-level key", changes: ["promt": " hi"], expected: [.init("job.unknown_key", "promt")]),
    BadJob(
        name: "reference out of range", changes: ["brushes": "\n  reference: 3\n  static: all"],
        expected: [.init("brushes.reference_out_of_range", "brushes.reference")]),
    BadJob(
        name: "points a word", changes: ["brushes": "\n  dynamic:\n    - {area: all, path: still, points: many}"],
        expected: [.init("job.type_mismatch", "brushes.dynamic[0].points")]),
    BadJob(
        name: "ease unknown", changes: ["brushes": "\n  dynamic:\n    - {area: all, path: still, ease: sideways}"],
        expected: [.init("brushes.ease_unknown", "brushes.dynamic[0].ease")]),
    BadJob(
        name: "dynamic group without path", changes: ["brushes": "\n  dynamic:\n    - area: all"],
        expected: [.init("job.missing_field", "brushes.dynamic[0].path")]),
    BadJob(
        name: "empty static area", changes: ["brushes": "\n  static: [\"\"]"],
        expected: [.init("brushes.empty_description", "brushes.static[0]")]),
    BadJob(
        name: "brush with duration 10", changes: ["duration": " 10"],
        expected: [.init("brushes.duration_unsupported", "brushes")], severity: .warning),
    BadJob(
        name: "brush with a model outside the table", changes: ["model": " kling-v1-6"],
        expected: [.init("brushes.capability_unlisted", "brushes")], severity: .warning),
    BadJob(
        name: "brush with kling-v1-5 std", changes: ["model": " kling-v1-5", "mode": " std"],
        expected: [.init("brushes.capability_unlisted", "brushes")], severity: .warning),
]

@Suite("Bad jobs, one rule each")
struct BadJobTests {
    @Test("the base job is clean")
    func baseIsClean() {
        let document = yamlJob(BadJob(name: "base", changes: [:], expected: []).yaml)
        #expect(document.findings == [])
    }

    @Test("each bad job reports exactly its rule", arguments: badJobs)
    func badJob(_ bad: BadJob) {
        let document = yamlJob(bad.yaml)
        #expect(document.findings.codesAndPaths == bad.expected, "\(bad.yaml)\n\(document.findings.map(\.message))")
        #expect(document.findings.map(\.severity) == bad.expected.map { _ in bad.severity })
        for finding in document.findings {
            #expect(finding.message.hasPrefix("line "), "no line in: \(finding.message)")
            #expect(finding.fix != nil)
        }
    }

    @Test("reading problems of the file itself")
    func fileProblems() {
        #expect(yamlJob("prompt: [unclosed\n").findings.codesAndPaths == [.init("job.syntax", nil)])
        #expect(yamlJob("# nothing\n").findings.codesAndPaths == [.init("job.empty", nil)])
        #expect(yamlJob("- a\n- b\n").findings.codesAndPaths == [.init("job.type_mismatch", nil)])
        #expect(yamlJob("prompt: a\nprompt: b\n").findings.codesAndPaths == [.init("job.duplicate_key", nil)])
        #expect(
            jsonJob("{\"prompt\": \"a\",\n \"prompt\": \"b\", \"images\": [\"a\", \"b\"]}").findings.codesAndPaths == [
                .init("job.duplicate_key", "prompt")
            ])
        #expect(
            jsonJob("{\"prompt\": \"a\",\n\n \"images\": [\"a\" \"b\"]}").findings.map(\.message).first?.hasPrefix(
                "line 3:") == true)
    }
}
