import KlingCheck
import KlingBrush
import Foundation
import Testing

@testable import KlingRequest

@Suite("Command-line jobs")
struct JobBuilderTests {
    @Test("flags build the same job as the file")
    func sameAsFile() throws {
        let file = try JobFile.load(path: Fixtures.jobYAML).job
        var builder = JobBuilder(baseDirectory: Fixtures.job.path)
        builder.images = [
            "images/a.png", "images/b.jpg", "https://example.com/c.png", "data:image/png;base64,iVBORw0KGgo=",
        ]
        builder.prompt = file.prompt
        builder.negativePrompt = "blur, distortion"
        builder.model = "kling-v1-6"
        builder.mode = "pro"
        builder.allowUndocumentedFields = true
        builder.reference = 1
        builder.duration = "5"
        builder.cfgScale = 0.5
        builder.callbackURL = "https://example.com/kling-hook"
        builder.externalTaskID = "shoot-42-take-3"
        builder.staticAreas = ["rect 0,0.8 1,1"]
        builder.brushAreas = ["ellipse 0.35,0.55 0.08,0.2", "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2"]
        builder.brushPaths = ["line -> 0.7,0.5", "move up 15% points 30 ease in-out"]
        let document = builder.build()
        var expected = file
        expected.brushes?.dynamic[1] = BrushGroup(
            area: "stroke 4% 0.2,0.2 0.3,0.25 0.4,0.2", path: "move up 15% points 30 ease in-out")
        #expect(document.job == expected)
        #expect(
            document.findings.codesAndPaths == [
                .init("cfg_scale.route_undocumented", "cfg_scale"), .init("images.data_prefix_stripped", "images[3]"),
                .init("brushes.route_undocumented", "brushes"),
            ])
    }

    @Test("a --brush without its --path is reported")
    func unpaired() {
        var builder = JobBuilder(baseDirectory: "/w")
        builder.images = ["a.png", "b.png"]
        builder.prompt = "go"
        builder.route = .image2video
        builder.images = ["/w/a.png"]
        builder.model = "kling-v1"
        builder.mode = "std"
        builder.brushAreas = ["all", "circle 0.5,0.5 0.1"]
        builder.brushPaths = ["still"]
        let document = builder.build()
        #expect(document.findings.codesAndPaths == [.init("job.missing_field", "brushes.dynamic[1].path")])
        #expect(document.job.images == [.file("/w/a.png")])
    }

    @Test("an empty builder reports the missing prompt and images")
    func empty() {
        let document = JobBuilder(baseDirectory: "/w").build()
        #expect(
            document.findings.codesAndPaths == [.init("images.count", "images"), .init("prompt.missing", "prompt")])
    }

    @Test(
        "--image arguments are classified",
        arguments: [
            ("HTTPS://x.example/a.png", JobImage.url("HTTPS://x.example/a.png")),
            ("base64:QUJD", JobImage.base64("QUJD")),
            ("data:image/png;base64,QUJD", JobImage.base64("data:image/png;base64,QUJD")),
            ("pics/a.png", JobImage.file("/w/pics/a.png")),
            ("/abs/a.png", JobImage.file("/abs/a.png")),
        ])
    func imageArguments(_ argument: String, _ expected: JobImage) {
        #expect(JobImage.commandLine(argument, baseDirectory: "/w") == expected)
    }
}
