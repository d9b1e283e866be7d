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

    static let baseKeys = ["route", "model", "mode", "duration", "prompt", "images", "brushes"]
    /// An image2video brush job with no finding.
    static let base: [String: String] = [
        "route": " image2video",
        "model": " kling-v1",
        "mode": " pro",
        "duration": " 5",
        "prompt": " The cat turns its head.",
        "images": "\n  - a.png",
        "brushes": "\n  static: rect 0,0.8 1,1\n  dynamic:\n    - area: circle 0.5,0.5 0.1\n      path: move up 10%",
    ]
    /// The multi-image2video job with no finding: `multi` replaces the base keys.
    static let multi: [String: String?] = [
        "route": " multi-image2video", "model": " kling-v1-6", "mode": " std",
        "images": "\n  - a.png\n  - b.jpg\n  - c.png", "brushes": nil,
    ]

    /// A bad multi-image2video job: the multi base with `changes` on top.
    static func multi(
        _ name: String, _ changes: [String: String?], _ expected: [CodeAndPath], severity: Severity = .error
    )
        -> BadJob
    {
        BadJob(name: name, changes: multi.merging(changes) { $1 }, expected: expected, severity: severity)
    }

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
private let long2501 = String(repeating: "a", count: 2501)
private let sevenGroups = (0..<7).map { "\n    - {area: all, path: still, points: \(2 + $0)}" }.joined()

let badJobs: [BadJob] = [
    BadJob(
        name: "two images on image2video", changes: ["images": "\n  - a.png\n  - b.png"],
        expected: [.init("images.count", "images")]),
    BadJob(
        name: "images missing", changes: ["images": nil, "brushes": nil],
        expected: [.init("job.missing_field", "images")]),
    BadJob(
        name: "images not a list", changes: ["images": " a.png", "brushes": nil],
        expected: [.init("job.type_mismatch", "images")]),
    BadJob(
        name: "route unknown", changes: ["route": " image-to-video"], expected: [.init("job.route_unknown", "route")]),
    BadJob(
        name: "prompt missing is a note on image2video", changes: ["prompt": nil],
        expected: [.init("prompt.missing", "prompt")], severity: .info),
    BadJob(
        name: "prompt 2501 characters", changes: ["prompt": " " + long2501],
        expected: [.init("prompt.too_long", "prompt")]),
    BadJob(
        name: "prompt 501 characters: the older CometAPI page", changes: ["prompt": " " + long501],
        expected: [.init("prompt.older_page_limit", "prompt")], severity: .warning),
    BadJob(
        name: "negative prompt 201 characters: the older CometAPI page",
        changes: ["negative_prompt": " " + String(repeating: "b", count: 201)],
        expected: [.init("negative_prompt.older_page_limit", "negative_prompt")], severity: .warning),
    BadJob(
        name: "cfg_scale 1.5", changes: ["cfg_scale": " 1.5"], expected: [.init("cfg_scale.out_of_range", "cfg_scale")]),
    BadJob(
        name: "cfg_scale -0.1", changes: ["cfg_scale": " -0.1"],
        expected: [.init("cfg_scale.out_of_range", "cfg_scale")]),
    BadJob(
        name: "cfg_scale a word", changes: ["cfg_scale": " high"], expected: [.init("job.type_mismatch", "cfg_scale")]),
    BadJob(
        name: "cfg_scale with a v2 model", changes: ["model": " kling-v2-1", "brushes": nil, "cfg_scale": " 0.5"],
        expected: [.init("cfg_scale.model_unsupported", "cfg_scale")]),
    BadJob(name: "mode fast", changes: ["mode": " fast"], expected: [.init("mode.unknown", "mode")]),
    BadJob(name: "duration 7", changes: ["duration": " 7"], expected: [.init("duration.unknown", "duration")]),
    BadJob(
        name: "duration a list", changes: ["duration": " [5]"], expected: [.init("job.type_mismatch", "duration")]),
    BadJob(
        name: "callback not http", changes: ["callback_url": " ftp://example.com/hook"],
        expected: [.init("callback_url.invalid", "callback_url")]),
    BadJob(
        name: "callback relative", changes: ["callback_url": " /hook"],
        expected: [.init("callback_url.invalid", "callback_url")]),
    BadJob(
        name: "external id empty", changes: ["external_task_id": " \"\""],
        expected: [.init("external_task_id.empty", "external_task_id")]),
    BadJob(
        name: "external id with a space", changes: ["external_task_id": " \"a b\""],
        expected: [.init("external_task_id.not_printable", "external_task_id")]),
    BadJob(
        name: "external id too long", changes: ["external_task_id": " " + String(repeating: "x", count: 129)],
        expected: [.init("external_task_id.too_long", "external_task_id")]),
    BadJob(
        name: "image URL not http", changes: ["images": "\n  - url: ftp://example.com/a.png"],
        expected: [.init("images.url_invalid", "images[0]")]),
    BadJob(
        name: "a bare URL gets 'write url:'", changes: ["images": "\n  - https://example.com/a.png"],
        expected: [.init("images.source_syntax", "images[0]")]),
    BadJob(
        name: "base64: without a space gets a hint",
        changes: ["images": "\n  - base64:" + String(repeating: "QUJD", count: 2000)],
        expected: [.init("images.source_syntax", "images[0]")]),
    BadJob(
        name: "image data: prefix is stripped with a notice",
        changes: ["images": "\n  - base64: data:image/png;base64,QUJD"],
        expected: [.init("images.data_prefix_stripped", "images[0]")], severity: .info),
    BadJob(
        name: "image base64 invalid", changes: ["images": "\n  - base64: not*base64"],
        expected: [.init("images.base64_invalid", "images[0]")]),
    BadJob(
        name: "image empty path", changes: ["images": "\n  - \"\""],
        expected: [.init("images.missing_source", "images[0]")]),
    BadJob(
        name: "image with two sources", changes: ["images": "\n  - {path: a.png, url: https://example.com/a.png}"],
        expected: [.init("job.image_source", "images[0]")]),
    BadJob(
        name: "image with an unknown key", changes: ["images": "\n  - file: a.png"],
        expected: [.init("job.unknown_key", "images[0].file")]),
    BadJob(name: "unknown top-level key", changes: ["promt": " hi"], expected: [.init("job.unknown_key", "promt")]),
    BadJob(
        name: "brushes.reference on image2video", changes: ["brushes": "\n  reference: 1\n  static: all"],
        expected: [.init("brushes.reference_not_on_route", "brushes.reference")]),
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
    BadJob(
        name: "tail image with a brush", changes: ["tail": " end.png"],
        expected: [.init("route.exclusive_fields", "tail")]),
    BadJob(
        name: "camera control with a brush", changes: ["camera_control": " {type: down_back}"],
        expected: [.init("route.exclusive_fields", "camera_control")]),
    BadJob(
        name: "tail image with 10 s", changes: ["tail": " end.png", "brushes": nil, "duration": " 10"],
        expected: [.init("tail.duration", "tail")], severity: .warning),
    BadJob(
        name: "camera control type unknown", changes: ["camera_control": " {type: spin}", "brushes": nil],
        expected: [.init("camera_control.type_unknown", "camera_control.type")]),
    BadJob(
        name: "camera control simple with two axes",
        changes: ["camera_control": " {type: simple, config: {zoom: 5, pan: 2}}", "brushes": nil],
        expected: [.init("camera_control.config", "camera_control.config")]),
    BadJob(
        name: "camera control axis out of range",
        changes: ["camera_control": " {type: simple, config: {zoom: 11}}", "brushes": nil],
        expected: [.init("camera_control.config", "camera_control.config.zoom")]),
    BadJob(
        name: "camera control config with down_back",
        changes: ["camera_control": " {type: down_back, config: {zoom: 1}}", "brushes": nil],
        expected: [.init("camera_control.config", "camera_control.config")]),
    BadJob(
        name: "aspect_ratio on image2video", changes: ["aspect_ratio": " \"9:16\""],
        expected: [.init("route.field_not_on_route", "aspect_ratio")]),
    BadJob.multi(
        "five images", ["images": "\n  - a.png\n  - b.png\n  - c.png\n  - d.png\n  - e.png"],
        [.init("images.count", "images")]),
    BadJob.multi(
        "one image on multi-image2video: the older page", ["images": "\n  - a.png"],
        [.init("images.count_older_page", "images")], severity: .warning),
    BadJob.multi(
        "a model multi-image2video does not take", ["model": " kling-v1"], [.init("model.not_on_route", "model")]),
    BadJob.multi("an unknown model", ["model": " kling-v9"], [.init("model.unknown", "model")], severity: .warning),
    BadJob.multi("prompt missing on multi-image2video", ["prompt": nil], [.init("prompt.missing", "prompt")]),
    BadJob.multi("aspect_ratio unknown", ["aspect_ratio": " \"4:3\""], [.init("aspect_ratio.unknown", "aspect_ratio")]),
    BadJob.multi(
        "brushes on multi-image2video", ["brushes": "\n  static: rect 0,0.8 1,1"],
        [.init("brushes.route_undocumented", "brushes")]),
    BadJob.multi(
        "brushes on multi-image2video, opted in",
        ["brushes": "\n  static: rect 0,0.8 1,1", "allow_undocumented_fields": " true"],
        [.init("brushes.route_undocumented", "brushes")], severity: .warning),
    BadJob.multi("tail on multi-image2video", ["tail": " end.png"], [.init("route.field_not_on_route", "tail")]),
    BadJob.multi(
        "cfg_scale on multi-image2video", ["cfg_scale": " 0.5"], [.init("cfg_scale.route_undocumented", "cfg_scale")]),
]

@Suite("Bad jobs, one rule each")
struct BadJobTests {
    @Test("the base jobs are clean")
    func baseIsClean() {
        #expect(yamlJob(BadJob(name: "base", changes: [:], expected: []).yaml).findings == [])
        #expect(yamlJob(BadJob.multi("multi base", [:], []).yaml).findings == [])
    }

    @Test("each bad job reports exactly its rule", arguments: badJobs)
    func badJob(_ bad: BadJob) {
        let document = yamlJob(bad.yaml)
        #expect(document.findings.codesAndPaths == bad.expected, "\(bad.yaml)\n\(document.findings.map(\.message))")
        #expect(document.findings.map(\.severity) == bad.expected.map { _ in bad.severity })
        for finding in document.findings {
            // A key that is absent has no line of its own.
            if finding.code != "prompt.missing" {
                #expect(finding.message.hasPrefix("line "), "no line in: \(finding.message)")
            }
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
