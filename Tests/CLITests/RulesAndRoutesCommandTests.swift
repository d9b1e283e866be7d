import Foundation
import TestSupport
import Testing

/// `klingprep rules`, `--strict` and the two demo jobs, run as processes.
struct RulesAndRoutesCommandTests {
    @Test func rulesListsEveryRuleWithItsSource() throws {
        let result = try CommandRunner.run(["rules", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let rules = try #require(object?["rules"] as? [[String: Any]])
        #expect(rules.count > 40)
        let route = try #require(rules.first { $0["code"] as? String == "brushes.route_undocumented" })
        #expect((route["source"] as? String)?.contains("[C-mi-old]") == true)
        let cells = try #require(route["severities"] as? [[String: Any]])
        let multi = cells.first {
            $0["route"] as? String == "multi-image2video" && $0["backend"] as? String == "cometapi"
        }
        #expect(multi?["severity"] as? String == "error")
        #expect(multi?["severity_with_allow_undocumented"] as? String == "warning")
        let text = try CommandRunner.run(["rules"])
        #expect(text.stdout.contains("brushes.route_undocumented  ([C-mi], [K]; [C-mi-old])"))
    }

    @Test func bothDemoJobsBuildWithoutAWarning() throws {
        for job in ["fixtures/demo/job.yaml", "fixtures/demo/multi.yaml"] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kp-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try CommandRunner.run(["build", job, "-o", directory.path, "--strict", "--json"])
            #expect(result.status == 0, "\(job): \(result.stdout)")
            let report = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
            #expect(report?["warnings"] as? Int == 0)
            #expect(report?["route"] as? String == (job.hasSuffix("multi.yaml") ? "multi-image2video" : "image2video"))
            let body = try Data(contentsOf: directory.appendingPathComponent("request.json"))
            let keys = try #require(JSONSerialization.jsonObject(with: body) as? [String: Any]).keys
            if job.hasSuffix("multi.yaml") {
                #expect(keys.contains("image_list") && keys.contains("aspect_ratio") && !keys.contains("static_mask"))
            } else {
                #expect(keys.contains("image") && keys.contains("static_mask") && keys.contains("dynamic_masks"))
            }
        }
    }

    @Test func strictTurnsAWarningIntoExitOneAndNoBody() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = [
            "build", "--image", "fixtures/images/landscape.jpg", "--prompt", "The scene comes alive.", "--duration",
            "10", "--static", "rect 0,0.8 1,1", "-o", directory.path,
        ]
        let lenient = try CommandRunner.run(arguments)
        #expect(lenient.status == 0, "\(lenient.stdout)\(lenient.stderr)")
        #expect(lenient.stdout.contains("brushes.duration_unsupported"))
        let strict = try CommandRunner.run(arguments + ["--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("--strict"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("request.json").path))
    }

    @Test func aBrushBodyIsJudgedForTheRouteItIsFor() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let built = try CommandRunner.run(["build", "fixtures/demo/job.yaml", "-o", directory.path])
        #expect(built.status == 0)
        let body = directory.appendingPathComponent("request.json").path
        let asBuilt = try CommandRunner.run(["validate", body])
        #expect(asBuilt.status == 0, "\(asBuilt.stdout)")
        #expect(asBuilt.stdout.contains("request body for image2video"))
        // The same body forced onto multi-image2video: 'image' is not its field.
        let forced = try CommandRunner.run(["validate", body, "--route", "multi-image2video", "--json"])
        #expect(forced.status == 1)
        #expect(forced.stdout.contains("route.field_not_on_route"))
        #expect(forced.stdout.contains("brushes.route_undocumented"))
    }

    @Test func aBadBackendIsAUsageError() throws {
        let result = try CommandRunner.run(
            ["validate", "fixtures/demo/job.yaml"], environment: ["KLINGPREP_BACKEND": "openai"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("KLINGPREP_BACKEND"))
    }
}

/// Flags a new user broke.
struct FlagLimitTests {
    @Test(arguments: ["nan", "inf", "1e300", "0", "-1"])
    func aTimeoutThatIsNotAFiniteSpanIsAUsageError(value: String) throws {
        let result = try CommandRunner.run(
            ["status", "abc", "--timeout", value, "--base-url", "http://127.0.0.1:9", "--json"],
            environment: ["COMETAPI_KEY": "k"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--timeout"))
    }

    @Test(arguments: [
        ["status", ""], ["status", "--external-id", " "], ["wait", "a/b"], ["download", "", "-o", "/tmp"],
    ])
    func anEmptyOrSlashedIdIsAUsageErrorAndNothingIsAsked(arguments: [String]) throws {
        let result = try CommandRunner.run(
            arguments + ["--base-url", "http://127.0.0.1:9"], environment: ["COMETAPI_KEY": "k"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("id"))
    }

    @Test func validateOfAPictureChecksItAsAnInputImage() throws {
        let result = try CommandRunner.run(["validate", "fixtures/bad/too-small.png"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("images.too_small"))
    }
}
