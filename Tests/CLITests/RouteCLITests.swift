import Foundation
import KlingFakeService
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Routes, service refusals and unreadable key files, through the built binary.
@Suite(.serialized) struct RouteCLITests {
    @Test func aServiceRefusalExitsOneWithTheServicesMessageAndOnePost() async throws {
        try await withCLI { h in
            // An unknown model is only a warning locally; the fake, following the docs, takes only
            // kling-v1-6 on multi-image2video.
            let body = try h.body(model: "kling-v9-preview")
            let result = try await h.run(["submit", body.path, "--json"] + h.fast)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains(#"model_name "kling-v9-preview" is not supported on multi-image2video"#))
            let error = try #require(json(result.stdoutLines.last)?["error"] as? [String: Any])
            #expect(error["exit_code"] as? Int == 1)
            #expect(error["service_code"] as? Int == 1201)
            #expect(h.service.requestCount(.create) == 1)
            #expect(h.service.requestCount(.create, on: .multiImage2video) == 1)
            #expect(h.service.totalCreated == 0)
            #expect(!result.stderr.contains("Retrying"))
            #expect(!h.keyLeaked([result]))
        }
    }

    @Test func statusWaitAndDownloadFindATaskOnEitherRoute() async throws {
        try await withCLI { h in
            let taskID = try #require(h.service.seedTask(on: .image2video, externalID: "i2v-1"))
            let status = try await h.run(["status", taskID, "--json"] + h.fast)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(json(status.stdout)?["route"] as? String == "image2video")
            let byExternal = try await h.run(["status", "--external-id", "i2v-1"] + h.fast)
            #expect(byExternal.stderr.contains("Task \(taskID) (image2video)"))
            let wrong = try await h.run(["wait", taskID, "--route", "multi-image2video"] + h.fast)
            #expect(wrong.status == 3)
            #expect(wrong.stderr.contains("knows no task \(taskID) on multi-image2video"))
            let waited = try await h.run(["wait", taskID, "-o", "videos", "--json"] + h.fast)
            #expect(waited.status == 0, "\(waited.stderr)")
            #expect(json(waited.stdoutLines.last)?["route"] as? String == "image2video")
            #expect(
                FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("videos/\(taskID).mp4").path))
            let downloaded = try await h.run(["download", taskID, "--route", "image2video", "-o", "again"] + h.fast)
            #expect(downloaded.status == 0, "\(downloaded.stderr)")
            #expect(h.service.requestCount(.get, on: .multiImage2video) == 1)  // only the wrong --route
            let bogus = try await h.run(["status", taskID, "--route", "text2video"] + h.fast)
            #expect(bogus.status == 64)
            #expect(bogus.stderr.contains("Unknown route 'text2video'"))
        }
    }

    @Test func aJournalFromBeforeRoutesMeansMultiImage() async throws {
        try await withCLI { h in
            let taskID = try #require(h.service.seedTask(on: .multiImage2video, externalID: "old-1"))
            let line =
                #"{"event":"created","external_task_id":"old-1","task_id":"\#(taskID)","time":"2026-01-01T00:00:00.000Z","v":1}"#
            try Data((line + "\n").utf8).write(to: h.journalURL)
            let result = try await h.run(["wait", taskID, "--journal", h.journalURL.path, "--json"] + h.fast)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(h.service.requestCount(.get, on: .image2video) == 0)
            let records = try String(contentsOf: h.journalURL, encoding: .utf8).split(separator: "\n").dropFirst()
            #expect(
                !records.isEmpty && records.allSatisfy { json(String($0))?["route"] as? String == "multi-image2video" })
        }
    }

    @Test func aKeyFileThatIsADeviceOrAFIFOIsRefusedAtOnce() async throws {
        try await withCLI { h in
            var env = h.environment
            env["COMETAPI_KEY"] = nil
            let device = try await h.run(["status", "1", "--api-key-file", "/dev/zero"] + h.fast, environment: env)
            #expect(device.status == 64)
            #expect(device.stderr.contains("Cannot read the API key file /dev/zero: it is a character device"))
            let pipe = h.directory.appendingPathComponent("key.fifo")
            try #require(mkfifo(pipe.path, 0o600) == 0)
            let fifo = try await h.run(["status", "1", "--api-key-file", pipe.path] + h.fast, environment: env)
            #expect(fifo.status == 64)
            #expect(fifo.stderr.contains("it is a FIFO (named pipe), not a regular file"))
            #expect(FakeRoute.allCases.allSatisfy { h.service.requestCount($0) == 0 })
        }
    }
}
