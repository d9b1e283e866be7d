import Foundation
import KlingCheck
import KlingFakeService
import Testing
@testable import KlingSubmit

@Suite struct RouteShapeTests {
    @Test(arguments: [
        (#"{"image":"a","prompt":"p"}"#, Route.image2video),
        (#"{"prompt":"p","image_list":[{"image":"a"}]}"#, .multiImage2video),
        (#"{"nested":{"image_list":[]},"image":"a"}"#, .image2video),
    ])
    func theBodysImageFieldNamesItsRoute(text: String, route: Route) throws {
        let scratch = try Scratch()
        let url = scratch.file("b.json")
        try Data(text.utf8).write(to: url)
        #expect(try BodyScanner.scan(url).route(requested: nil, path: url.path) == route)
        #expect(try BodyScanner.scan(url).route(requested: route, path: url.path) == route)
    }

    @Test func aBodyWithNeitherOrBothImageFieldsNeedsARoute() throws {
        let scratch = try Scratch()
        let url = scratch.file("b.json")
        try Data(#"{"prompt":"p"}"#.utf8).write(to: url)
        #expect(throws: SubmitError.bodyRouteUnknown(path: url.path, hasBoth: false)) {
            try BodyScanner.scan(url).route(requested: nil, path: url.path)
        }
        #expect(try BodyScanner.scan(url).route(requested: .image2video, path: url.path) == .image2video)
        try Data(#"{"image":"a","image_list":[]}"#.utf8).write(to: url)
        #expect(throws: SubmitError.bodyRouteUnknown(path: url.path, hasBoth: true)) {
            try BodyScanner.scan(url).route(requested: nil, path: url.path)
        }
    }

    @Test func aCallersRouteThatContradictsTheBodyIsRefused() throws {
        let scratch = try Scratch()
        let multi = try scratch.multiImageBody()
        #expect(throws: SubmitError.bodyRouteMismatch(path: multi.path, route: .image2video, field: "image_list")) {
            try BodyScanner.scan(multi).route(requested: .image2video, path: multi.path)
        }
        let single = try scratch.image2videoBody()
        #expect(throws: SubmitError.bodyRouteMismatch(path: single.path, route: .multiImage2video, field: "image")) {
            try BodyScanner.scan(single).route(requested: .multiImage2video, path: single.path)
        }
    }

    @Test func dryRunShowsTheRoutesPath() throws {
        let scratch = try Scratch()
        let endpoint = try ServiceEndpoint(baseURL: "https://api.cometapi.com")
        let report = try DryRunReport.make(
            body: try scratch.image2videoBody(), endpoint: endpoint, apiKeyFound: true, journal: nil, forceNew: false)
        #expect(report.url == "https://api.cometapi.com/kling/v1/videos/image2video")
        #expect(report.route == .image2video)
        #expect(report.text.contains("POST https://api.cometapi.com/kling/v1/videos/image2video"))
        #expect(report.text.contains("route: image2video (from the body's image)"))
    }
}

@Suite(.serialized) struct RouteSubmitTests {
    @Test func aBrushBodyIsRefusedOnMultiImageOnceWithoutRetrying() async throws {
        try await withHarness { h in
            let body = try h.scratch.multiImageBody(extra: Scratch.brushMembers)
            let failure = await serviceRefusal {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions())
            }
            #expect(failure?.code == 1201 && failure?.httpStatus == 400)
            #expect(failure?.family == .badRequest)
            #expect(failure?.endpoint.hasSuffix("/kling/v1/videos/multi-image2video") == true)
            #expect(failure?.sentence.contains("static_mask is not a parameter of multi-image2video") == true)
            #expect(h.service.requestCount(.create) == 1)
            #expect(h.service.totalCreated == 0)
            #expect(h.sleeps.recorded.isEmpty)
            #expect(h.service.refusals == ["static_mask is not a parameter of multi-image2video"])
        }
    }

    @Test func theSameBrushIsAcceptedOnImage2VideoAndFollowedThere() async throws {
        try await withHarness { h in
            let body = try h.scratch.image2videoBody(extra: Scratch.brushMembers)
            let outcome = try await h.submitter().submit(
                body: body, options: SubmitOptions(wait: true, outputDirectory: h.scratch.file("out")))
            #expect(outcome.route == .image2video)
            #expect(outcome.files.count == 1)
            #expect(h.service.createdCount(on: .image2video) == 1)
            #expect(h.service.requestCount(.create, on: .image2video) == 1)
            #expect(h.service.requestCount(.get, on: .image2video) >= 1)
            #expect(FakeRoute.allCases.allSatisfy { h.service.requestCount($0, on: .multiImage2video) == 0 })
            // Every record carries the route, and a re-run resumes on the same path.
            let records = try h.journal.records()
            #expect(!records.isEmpty && records.allSatisfy { $0.route == .image2video })
            let gets = h.service.requestCount(.get, on: .image2video)
            let again = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(again.origin == .resumed)
            #expect(h.service.requestCount(.get, on: .image2video) == gets + 1)
            #expect(h.service.requestCount(.get, on: .multiImage2video) == 0)
            #expect(h.service.totalCreated == 1)
        }
    }

    @Test func aJobsRouteComesFromTheCaller() async throws {
        try await withHarness { h in
            let body = try h.scratch.body("no-shape.json", members: [#""prompt":"p""#])
            await #expect(throws: SubmitError.bodyRouteUnknown(path: body.path, hasBoth: false)) {
                try await h.submitter().submit(body: body, options: SubmitOptions())
            }
            #expect(h.service.requestCount(.create) == 0)
            // The caller's route is used as given (the fake then refuses the missing image).
            await #expect(throws: SubmitError.self) {
                try await h.submitter().submit(body: body, options: SubmitOptions(route: .image2video))
            }
            #expect(h.service.requestCount(.create, on: .image2video) == 1)
            #expect(h.service.refusals == ["image is required"])
        }
    }
}

@Suite(.serialized) struct RouteFollowTests {
    @Test func recordsWithoutARouteMeanMultiImage() async throws {
        try await withHarness { h in
            let taskID = try #require(h.service.seedTask(on: .multiImage2video, externalID: "old-1"))
            // A journal written before routes were recorded.
            let line =
                #"{"event":"created","external_task_id":"old-1","task_id":"\#(taskID)","time":"2026-01-01T00:00:00.000Z","v":1}"#
            try Data((line + "\n").utf8).write(to: h.journal.url)
            #expect(try h.journal.job(forTaskID: taskID)?.route == .multiImage2video)
            let outcome = try await h.submitter().wait(taskID: taskID, timeout: .seconds(20), outputDirectory: nil)
            #expect(outcome.route == .multiImage2video)
            #expect(h.service.requestCount(.get, on: .image2video) == 0)
            #expect(try h.journal.records().dropFirst().allSatisfy { $0.route == .multiImage2video })
        }
    }

    @Test func anUnknownTaskIsLookedForOnBothRoutes() async throws {
        try await withHarness { h in
            let taskID = try #require(h.service.seedTask(on: .multiImage2video))
            let outcome = try await h.submitter(journal: Journal(url: h.scratch.file("empty.jsonl")))
                .wait(taskID: taskID, timeout: .seconds(20), outputDirectory: nil)
            #expect(outcome.route == .multiImage2video)
            #expect(h.service.requestCount(.get, on: .image2video) == 1)
            let status = try await h.submitter().status(of: taskID, byExternalID: false)
            #expect(status.route == .multiImage2video)
            // A route given by the caller is the only one asked.
            await #expect(throws: SubmitError.taskNotFound(id: taskID, route: .image2video)) {
                try await h.submitter().status(of: taskID, byExternalID: false, route: .image2video)
            }
            await #expect(throws: SubmitError.taskNotFound(id: "404404", route: nil)) {
                try await h.submitter().download(taskID: "404404", into: h.scratch.file("out"))
            }
        }
    }

    @Test func anAnswerThatIsNotTheEnvelopeIsNeverNoSuchTask() async throws {
        try await withHarness { h in
            // A base URL whose paths the service does not serve: plain 404 pages, not the envelope.
            let client = KlingClient(
                endpoint: try ServiceEndpoint(baseURL: h.service.baseURL + "/nowhere"), key: try APIKey(testKey),
                settings: ClientSettings(retry: RetryPolicy(maxAttempts: 2, sleep: h.sleeps.sleep)))
            defer { Task { try? await client.shutdown() } }
            let body = try h.scratch.multiImageBody()
            let prepared = try PreparedBody.prepare(body, externalID: "maybe-sent")
            defer { prepared.discard() }
            let answer = try await client.find(
                externalID: prepared.externalID, route: .multiImage2video, forms: LookupForm.allCases)
            guard case .unavailable(let endpoint, let reason) = answer else {
                Issue.record("expected the look-up to be unavailable, got \(answer)")
                return
            }
            #expect(endpoint.contains("/nowhere/kling/v1/videos/multi-image2video"))
            #expect(reason.contains("HTTP 404 without the service's JSON envelope"))
            #expect(h.service.totalCreated == 0)
            await #expect {
                try await client.locate(taskID: "1")
            } throws: { error in
                guard case SubmitError.lookupUnavailable = error else { return false }
                return true
            }
        }
    }
}
