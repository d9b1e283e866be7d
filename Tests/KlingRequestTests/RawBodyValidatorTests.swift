import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

@Suite("Raw request bodies")
struct RawBodyValidatorTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])

    /// A valid body with brushes, changed by `edit`.
    static func body(_ edit: (inout [String: Any]) -> Void = { _ in }) throws -> Data {
        let image = png.base64EncodedString()
        var object: [String: Any] = [
            "model_name": "kling-v1-6", "mode": "pro", "duration": "5", "prompt": "go",
            "image_list": [["image": image], ["image": "https://example.com/b.jpg"]],
            "static_mask": image,
            "dynamic_masks": [["mask": image, "trajectories": [["x": 1, "y": 2], ["x": 3, "y": 4]]]],
        ]
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    }

    /// The fixture bodies are multi-image2video bodies with brushes, as the older page listed
    /// them: checked with --allow-undocumented.
    /// The opt-in warning (`brushes.route_undocumented`) has its own tests and is left out here.
    static func validate(_ data: Data) -> RawBodyReport {
        var report = RawBodyValidator.validate(data, allowUndocumented: true)
        report.findings.removeAll { $0.code == "brushes.route_undocumented" && $0.severity == .warning }
        return report
    }

    static func points(_ count: Int) -> [[String: Int]] { (0..<count).map { ["x": $0, "y": $0] } }

    @Test("a valid body has no findings and exposes its bytes")
    func valid() throws {
        let report = Self.validate(try Self.body())
        #expect(report.findings == [])
        #expect(report.imageData(at: 0) == Self.png)
        #expect(report.imageData(at: 1) == nil)
        #expect(report.images[1]?.media == .url("https://example.com/b.jpg"))
        #expect(report.staticMaskData() == Self.png)
        #expect(report.dynamicMaskData(at: 0) == Self.png)
        #expect(report.dynamicMasks[0].trajectories == [APIPoint(x: 1, y: 2), APIPoint(x: 3, y: 4)])
        #expect(report.body?.images.count == 2)
    }

    @Test("data: prefixes are errors in a raw body, and the bytes stay readable")
    func dataPrefix() throws {
        let prefixed = "data:image/png;base64," + Self.png.base64EncodedString()
        let report = Self.validate(
            try Self.body {
                $0["image_list"] = [["image": prefixed], ["image": prefixed]]
                $0["static_mask"] = prefixed
            })
        #expect(
            report.findings.codesAndPaths == [
                .init("images.data_prefix", "image_list[0].image"), .init("images.data_prefix", "image_list[1].image"),
                .init("brushes.mask_data_prefix", "static_mask"),
            ])
        #expect(report.findings.allSatisfy { $0.severity == .error })
        #expect(report.imageData(at: 1) == Self.png)
    }

    @Test("78 points is an error; 77 is fine")
    func pointCounts() throws {
        let bad = Self.validate(
            try Self.body { $0["dynamic_masks"] = [["mask": "QUJD", "trajectories": Self.points(78)]] })
        #expect(bad.findings.codesAndPaths == [.init("brushes.too_many_points", "dynamic_masks[0].trajectories")])
        #expect(bad.findings[0].message.contains("78 points"))
        let good = Self.validate(
            try Self.body { $0["dynamic_masks"] = [["mask": "QUJD", "trajectories": Self.points(77)]] })
        #expect(good.findings == [])
    }

    @Test("7 dynamic groups is an error")
    func sevenGroups() throws {
        let group: [String: Any] = ["mask": "QUJD", "trajectories": Self.points(2)]
        let report = Self.validate(
            try Self.body { $0["dynamic_masks"] = Array(repeating: group, count: 7) })
        #expect(report.findings.codesAndPaths == [.init("brushes.too_many_groups", "dynamic_masks")])
    }

    @Test("camera_control and image_tail are image2video fields")
    func otherRoutesFields() throws {
        let report = Self.validate(
            try Self.body {
                $0["camera_control"] = ["type": "simple", "config": ["zoom": 5]]
                $0["image_tail"] = "QUJD"
            })
        #expect(
            report.findings.codesAndPaths == [
                .init("route.field_not_on_route", "image_tail"), .init("route.field_not_on_route", "camera_control"),
            ])
        #expect(report.findings.map(\.severity) == [.error, .error])
    }

    @Test("on image2video, masks with camera_control or image_tail are errors")
    func conflicts() throws {
        let image = Self.png.base64EncodedString()
        let object: [String: Any] = [
            "model_name": "kling-v1", "mode": "pro", "duration": "5", "prompt": "go", "image": image,
            "image_tail": image, "static_mask": image, "camera_control": ["type": "down_back"],
        ]
        let report = RawBodyValidator.validate(try JSONSerialization.data(withJSONObject: object))
        #expect(report.context.route == .image2video)
        #expect(report.findings.codesAndPaths == [.init("route.exclusive_fields", "camera_control")])
        #expect(report.findings.first?.message.contains("static_mask and image_tail and camera_control") == true)
    }

    @Test("field rules and types in a raw body")
    func fieldRules() throws {
        let report = Self.validate(
            try Self.body {
                $0["duration"] = 5
                $0["mode"] = "fast"
                $0["prompt"] = String(repeating: "p", count: 501)
                $0["cfg_scale"] = 1.5
                $0["modle_name"] = "x"
                $0["image_list"] = [["image": "QUJD"]]
                $0["dynamic_masks"] = [["mask": "QUJD", "trajectories": [["x": 1.5, "y": 2], ["x": 1]]]]
            })
        #expect(
            Set(report.findings.codesAndPaths) == [
                .init("body.type_mismatch", "duration"), .init("body.unknown_field", "modle_name"),
                .init("mode.unknown", "mode"), .init("prompt.older_page_limit", "prompt"),
                .init("cfg_scale.route_undocumented", "cfg_scale"), .init("cfg_scale.out_of_range", "cfg_scale"),
                .init("images.count_older_page", "image_list"),
                .init("body.type_mismatch", "dynamic_masks[0].trajectories[0].x"),
                .init("body.missing_field", "dynamic_masks[0].trajectories[1].y"),
            ])
        #expect(report.findings.first { $0.code == "body.unknown_field" }?.fix == "Did you mean 'model_name'?")
        #expect(report.body == nil)
    }

    @Test("brush capability warnings in a raw body")
    func capability() throws {
        let report = Self.validate(
            try Self.body {
                $0["model_name"] = "kling-v1-6"; $0["duration"] = "10"
            })
        // On multi-image2video the capability map (an image2video table) is not applied.
        #expect(report.findings.codesAndPaths == [.init("brushes.duration_unsupported", "dynamic_masks")])
        #expect(report.findings.allSatisfy { $0.severity == .warning })
    }

    @Test("a body that is not JSON, or misses its images")
    func broken() {
        #expect(
            Self.validate(Data("{\"prompt\": \n".utf8)).findings.codesAndPaths == [
                .init("body.syntax", nil)
            ])
        #expect(
            Self.validate(Data("{\"prompt\": \"a\"}".utf8)).findings.codesAndPaths == [
                .init("body.missing_field", "image")
            ])
    }

    @Test("findings in a raw body carry the line")
    func lines() throws {
        let text =
            "{\n\"prompt\": \"go\",\n\"image_list\": [\n {\"image\": \"QUJD\"},\n {\"image\": \"data:,QUJD\"}\n]\n}"
        let finding = Self.validate(Data(text.utf8)).findings.first
        #expect(finding?.code == "images.data_prefix")
        #expect(finding?.message.hasPrefix("line 5:") == true)
    }

    @Test("a body written by the payload writer validates clean")
    func writerOutputValidates() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try JobFile.load(path: Fixtures.jobYAML).job
        let plan = RequestBody(
            job: job, staticMask: .data(GoldenBrushes.staticMask), dynamicMasks: GoldenBrushes.dynamicMasks)
        let out = directory.appendingPathComponent("request.json").path
        try PayloadWriter().write(plan, to: out)
        var report = try RawBodyValidator.load(path: out, allowUndocumented: true)
        report.findings.removeAll { $0.severity == .warning && $0.code.hasSuffix("route_undocumented") }
        #expect(report.findings == [])
        #expect(report.imageData(at: 0) == (try Data(contentsOf: URL(fileURLWithPath: Fixtures.imageA))))
        #expect(report.staticMaskData() == GoldenBrushes.staticMask)
        #expect(report.body == (try plan.resolved()))
    }
}
