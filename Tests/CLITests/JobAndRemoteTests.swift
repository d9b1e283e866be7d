import Foundation
import KlingFakeService
import TestSupport
import Testing

/// `submit` of a job file (checked and built first) and `--remote` checks of url: images,
/// against the fake service on 127.0.0.1.
@Suite(.serialized) struct JobAndRemoteTests {
    @Test func submittingAJobWithEveryFaultCreatesOneTaskAndOneVideo() async throws {
        try await withCLI { h in
            h.service.inject(
                .rateLimited(retryAfter: 0), .closeBeforeBody, .status(503, code: 5001), .closeAfterBody, on: .create)
            h.service.inject(.status(500, code: 5000), .malformedJSON, .closeAfterBody, on: .get)
            h.service.inject(.status(502, code: 5000), on: .lookup)
            h.service.inject(.truncatedBody, .status(503, code: 5001), on: .download)
            // A multi-image job as the route documents it (kling-v1-6, no brushes): the fake follows
            // the docs and would refuse a brush or another model on multi-image2video.
            let job = h.directory.appendingPathComponent("job.yaml").path
            try Data(
                """
                model: kling-v1-6
                duration: 5
                prompt: Waves roll in and the light turns golden.
                external_task_id: klingprep-cli-multi-1
                images:
                  - \(TestPaths.fixture("images/landscape.jpg"))
                  - \(TestPaths.fixture("images/gradient.png"))
                """.utf8
            ).write(to: URL(fileURLWithPath: job))
            let out = h.directory.appendingPathComponent("out").path
            let first = try await h.run(["submit", job, "--wait", "-o", out, "--json"] + h.fast)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(h.service.totalCreated == 1)
            #expect(h.service.externalIDs == ["klingprep-cli-multi-1"])
            #expect(h.service.createdCount(on: .multiImage2video) == 1)
            #expect(FileManager.default.fileExists(atPath: out + "/request.json"))
            #expect(FileManager.default.fileExists(atPath: out + "/preview.png"))
            let outcome = try #require(json(first.stdoutLines.last))
            let files = try #require(outcome["files"] as? [[String: Any]])
            #expect(files.count == 1)
            // Running it again resumes: no second task.
            let second = try await h.run(["submit", job, "--wait", "-o", out, "--json"] + h.fast)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(h.service.totalCreated == 1)
            #expect(h.service.createdCount(externalID: "klingprep-cli-multi-1") == 1)
            #expect(!h.keyLeaked([first, second]))
            let journal = try String(contentsOfFile: out + "/klingprep-journal.jsonl", encoding: .utf8)
            #expect(journal.contains("klingprep-cli-multi-1") && !journal.contains(cliKey))
            #expect(journal.contains(#""route":"multi-image2video""#))
        }
    }

    @Test func aJobWithErrorsIsRefusedAndNothingIsSent() async throws {
        try await withCLI { h in
            let job = h.directory.appendingPathComponent("bad.yaml")
            let image = TestPaths.fixture("images/landscape.jpg")
            try Data(
                "route: image2video\nprompt: \(String(repeating: "x", count: 2501))\nimages: [\(image), \(image)]\n"
                    .utf8
            ).write(to: job)
            let result = try await h.run(["submit", job.path] + h.fast)
            #expect(result.status == 1)
            #expect(result.stderr.contains("prompt.too_long"))
            #expect(result.stderr.contains("images.count"))
            #expect(h.service.requestCount(.create) == 0)
        }
    }

    @Test func remoteImagesAreCheckedWithHeadAndARangedGet() async throws {
        try await withCLI { h in
            let photo = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("images/landscape.jpg"))))
            let small = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("bad/too-small.png"))))
            let photoURL = h.service.publish("photo.jpg", bytes: photo, contentType: "image/jpeg")
            let smallURL = h.service.publish("small.png", bytes: small, contentType: "image/png")
            let missingURL = h.service.baseURL + "/files/missing.png"
            let base = [
                "validate", "--prompt", "Waves.", "--json", "--image", photoURL, "--image", smallURL, "--image",
                missingURL,
            ]
            let remote = try await h.run(base + ["--remote"])
            #expect(remote.status == 1)
            let report = try #require(json(remote.stdout))
            let findings = try #require(report["findings"] as? [[String: Any]])
            let codes = findings.map { "\($0["code"] as? String ?? "") \($0["path"] as? String ?? "")" }
            #expect(codes.contains("images.too_small images[1]"), "\(codes)")
            #expect(codes.contains("images.remote_unreachable images[2]"), "\(codes)")
            let missing = findings.first { $0["code"] as? String == "images.remote_unreachable" }?["message"] as? String
            #expect(missing?.hasSuffix("the server answered 404 (not found)") == true, "\(missing ?? "")")
            // The fake serves on 127.0.0.1: not public, so a warning, and nothing else on image 1.
            #expect(codes.filter { $0.hasSuffix("images[0]") } == ["images.url_not_public images[0]"], "\(codes)")
            let images = try #require(report["images"] as? [[String: Any]])
            #expect(images[0]["width"] as? Int == 1800 && images[0]["bytes"] as? Int == photo.count)
            // Without --remote the URLs are reported as unchecked, and nothing is fetched.
            let local = try await h.run(Array(base.prefix(8)))
            #expect(local.status == 0, "\(local.stderr)")
            #expect(local.stdout.contains("images.remote_unchecked"))
        }
    }
}

extension JobAndRemoteTests {
    @Test func aBrokenBodyIsRefusedAndNothingIsSent() async throws {
        try await withCLI { h in
            let broken = h.directory.appendingPathComponent("broken.json")
            let b64 = Data("not an image".utf8).base64EncodedString()
            let text =
                #"{"model_name":"kling-v1","image_list":[{"image":"\#(b64)"},{"image":"data:image/png;base64,\#(b64)"}],"prompt":"walk"}"#
            try Data(text.utf8).write(to: broken)
            let result = try await h.run(["submit", broken.path, "--json"] + h.fast)
            #expect(result.status == 1)
            #expect(result.stderr.contains("images.not_an_image"))
            #expect(result.stderr.contains("images.data_prefix"))
            #expect(json(result.stdout)?["ok"] as? Bool == false)
            #expect(h.service.requestCount(.create) == 0)
        }
    }
}

extension JobAndRemoteTests {
    @Test func aChangedBodyWithAnUsedExternalIDIsRefused() async throws {
        try await withCLI { h in
            let first = try h.body("first.json", externalID: "shoot-1")
            let created = try await h.run(["submit", first.path, "--json"] + h.fast)
            #expect(created.status == 0, "\(created.stderr)")
            // Same id, other prompt: the journal knows the id belongs to another body.
            let text = try String(contentsOf: first, encoding: .utf8).replacingOccurrences(
                of: "\"walk\"", with: "\"run\"")
            let second = h.directory.appendingPathComponent("second.json")
            try Data(text.utf8).write(to: second)
            let refused = try await h.run(["submit", second.path, "--json"] + h.fast)
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("external_task_id shoot-1 was already sent with a different body"))
            #expect(h.service.totalCreated == 1)
            // On purpose: a fresh id.
            let forced = try await h.run(["submit", second.path, "--force-new", "--json"] + h.fast)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(h.service.totalCreated == 2)
        }
    }
}
