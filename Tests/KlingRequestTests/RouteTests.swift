import Foundation
import KlingCheck
import TestSupport
import Testing

@testable import KlingRequest

/// Routes, the rule book's context and `--strict`.
@Suite("Routes and the rule book")
struct RouteTests {
    @Test("the route is implied by the number of images unless given")
    func impliedRoute() {
        #expect(yamlJob("prompt: p\nimages: [a.png]\n").job.effectiveRoute == .image2video)
        #expect(yamlJob("prompt: p\nimages: [a.png, b.png]\n").job.effectiveRoute == .multiImage2video)
        #expect(
            yamlJob("route: multi-image2video\nprompt: p\nimages: [a.png]\n").job.effectiveRoute == .multiImage2video)
    }

    @Test("--route and --allow-undocumented override the file, before the rules run")
    func overrides() throws {
        let text = Data("prompt: p\nimages: [a.png]\nbrushes:\n  static: all\n".utf8)
        let plain = JobFile.decode(text, format: .yaml, baseDirectory: "/")
        #expect(plain.findings.isEmpty, "\(plain.findings)")
        let multi = JobFile.decode(text, format: .yaml, baseDirectory: "/", route: .multiImage2video)
        #expect(
            multi.findings.codesAndPaths == [
                .init("images.count_older_page", "images"), .init("brushes.route_undocumented", "brushes"),
            ])
        let brush = multi.findings.last
        #expect(brush?.severity == .error)
        #expect(brush?.fix?.contains("route: image2video") == true)
        let optIn = JobFile.decode(
            text, format: .yaml, baseDirectory: "/", route: .multiImage2video, allowUndocumented: true)
        #expect(optIn.findings.map(\.severity) == [.warning, .warning])
    }

    @Test("the backend changes the prompt rules: the older CometAPI limit is not Kling's")
    func backends() {
        let text = Data("prompt: \(String(repeating: "p", count: 600))\nimages: [a.png]\n".utf8)
        let comet = JobFile.decode(text, format: .yaml, baseDirectory: "/", backend: .cometapi)
        let kling = JobFile.decode(text, format: .yaml, baseDirectory: "/", backend: .kling)
        #expect(comet.findings.map(\.code) == ["prompt.older_page_limit"])
        #expect(kling.findings.isEmpty)
    }

    @Test("--strict: warnings block, notes do not")
    func strict() {
        let warning = Finding(.warning, code: "x.y", message: "m")
        let note = Finding(.info, code: "x.z", message: "m")
        #expect(![warning, note].blocks(strict: false))
        #expect([warning].blocks(strict: true))
        #expect(![note].blocks(strict: true))
        #expect([Finding(.error, code: "x", message: "m")].blocks(strict: false))
    }

    @Test("every rule is listed once, with a source, and its code starts with a job key")
    func ruleBook() {
        let codes = RuleBook.all.map(\.code)
        #expect(
            Set(codes).count == codes.count, "duplicates: \(codes.filter { c in codes.filter { $0 == c }.count > 1 })")
        let keys: Set<String> = [
            "images", "brushes", "prompt", "negative_prompt", "model", "mode", "duration", "cfg_scale", "callback_url",
            "external_task_id", "aspect_ratio", "tail", "camera_control", "route", "job", "body", "fix",
        ]
        for rule in RuleBook.all {
            #expect(!rule.source.isEmpty, "\(rule.code) has no source")
            #expect(!rule.fact.isEmpty, "\(rule.code) has no fact")
            let key = String(rule.code.prefix { $0 != "." })
            #expect(keys.contains(key), "\(rule.code): '\(key)' is not a job key")
        }
    }

    @Test("findings made by a rule carry its source")
    func findingSource() {
        let finding = FieldRules.modeUnknown.finding("m", at: "mode", in: RuleContext(route: .image2video))
        #expect(finding?.source == "[C-mi], [K]")
        #expect(finding?.fix == FieldRules.modeUnknown.fix)
    }

    @Test(
        "a job file and a raw body are told apart by their keys",
        arguments: [
            (#"{"image": "QUJD", "prompt": "p"}"#, RequestInput.body),
            (#"{"image_list" :[{"image": "QUJD"}]}"#, .body),
            (#"{"images": ["a.png"], "prompt": "p"}"#, .job),
            (#"{"prompt": "the word \"image\" in a prompt"}"#, .job),
        ])
    func classify(text: String, expected: RequestInput) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("input.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(RequestInput.classify(path: path) == expected)
        let yaml = directory.appendingPathComponent("input.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: yaml))
        #expect(RequestInput.classify(path: yaml) == .job, "a .yaml file is always a job")
    }

    @Test("portrait images with aspect_ratio left at 16:9 get a warning; set, they do not")
    func aspectRatioDefault() async {
        let portrait = TestPaths.fixture("images/portrait.jpg")
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [portrait, portrait]
        builder.prompt = "p"
        let report = await JobChecker.check(builder.build())
        #expect(report.findings.codesAndPaths == [.init("aspect_ratio.default_for_portrait", "aspect_ratio")])
        #expect(report.findings.first?.fix?.contains("9:16") == true)
        builder.aspectRatio = "9:16"
        #expect(await JobChecker.check(builder.build()).findings.isEmpty)
    }

    @Test("a tail image is checked like an input image, at its own path")
    func tailImage() async {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [TestPaths.fixture("images/landscape.jpg")]
        builder.tail = TestPaths.fixture("bad/too-small.png")
        builder.prompt = "p"
        let report = await JobChecker.check(builder.build())
        #expect(report.findings.map(\.path) == ["tail"])
        #expect(report.findings.first?.message.contains("tail image") == true)
    }
}
