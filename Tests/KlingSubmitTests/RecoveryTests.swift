import Foundation
import KlingCheck
import KlingFakeService
import NIOCore
import NIOHTTP1
import Testing

@testable import KlingSubmit

/// Issue 11, from a new user's attempts to create a task twice or leak a token: each case that
/// once failed, kept failing no more.
@Suite(.serialized) struct RecoveryTests {
    @Test func aNotFoundFromOneFormAndSilenceFromTheOtherCannotTell() async throws {
        try await withHarness { h in
            // The path form knows task ids only (its 1203 says nothing of external ids); the
            // query form answers an HTML page.
            h.service.queryLookup = .off
            h.service.unknownPathAnswer = .html404
            let answer = try await h.client.find(
                externalID: "kp1-anything", route: .image2video, forms: LookupForm.allCases)
            guard case .unavailable = answer else {
                Issue.record("expected unavailable, got \(answer)")
                return
            }
            let body = try h.scratch.image2videoBody()
            let scan = try BodyScanner.scan(body)
            try h.journal.append(
                JournalRecord(
                    event: .prepared, route: .image2video, backend: .cometapi, baseURL: h.service.baseURL,
                    bodySHA256: scan.sha256, externalTaskID: "earlier-attempt"))
            await #expect(throws: SubmitError.self) {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions())
            }
            #expect(h.service.requestCount(.create) == 0)
        }
    }

    @Test func everySegmentOfATokenIsRedactedFromAnAnswer() throws {
        let keys = try KlingKeys(accessKey: testAccessKey, secretKey: testSecretKey)
        let authorizer = Authorizer(credentials: .kling(keys))
        let token = String(authorizer.header().dropFirst("Bearer ".count))
        let parts = token.split(separator: ".").map(String.init)
        let message = "segments: \(parts.joined(separator: " | ")); key \(testAccessKey)"
        let body = #"{"code":1002,"message":"\#(message)","request_id":"r"}"#
        let raw = RawResponse(status: 401, headers: HTTPHeaders(), body: ByteBuffer(string: body))
        let answer = ResponseReader.read(
            raw, as: KlingTask.self, endpoint: "/v1/videos/image2video", redacting: authorizer.secrets)
        guard case .failure(.service(let failure), _, _) = answer else {
            Issue.record("expected the service's refusal")
            return
        }
        #expect(!failure.message.contains(parts[1]) && !failure.message.contains(parts[2]))
        #expect(!failure.message.contains(testAccessKey))
    }

    @Test func resubmittingABodyWhoseTaskFailedSaysSoWithoutWaiting() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .milliseconds(5), processing: .milliseconds(5))) { h in
            h.service.setNextTaskFates([.fail("content policy")])
            let body = try h.scratch.image2videoBody()
            await #expect(throws: SubmitError.self) {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions(wait: true))
            }
            await #expect(
                throws: SubmitError.existingTaskFailed(
                    taskID: "861309198188019701", externalID: try onlyExternalID(h), message: "content policy")
            ) {
                _ = try await h.submitter().submit(body: body, options: SubmitOptions())
            }
            #expect(h.service.requestCount(.create) == 1)
        }
    }

    @Test func aTornLastLineIsCutBeforeTheNextRecord() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("j.jsonl"))
        try journal.append(JournalRecord(event: .prepared, route: .image2video, externalTaskID: "a"))
        let handle = try FileHandle(forWritingTo: journal.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"v":1,"event":"crea"#.utf8))
        try handle.close()
        try journal.append(JournalRecord(event: .created, route: .image2video, externalTaskID: "a", taskID: "t"))
        try journal.append(JournalRecord(event: .status, route: .image2video, externalTaskID: "a", taskID: "t"))
        #expect(try journal.records().map(\.event) == [.prepared, .created, .status])
        let text = try String(contentsOf: journal.url, encoding: .utf8)
        #expect(!text.contains("crea\""))
    }

    @Test func oneExternalIDAtTwoBackendsIsTwoJobs() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("j.jsonl"))
        let kling = "https://api-singapore.klingai.com"
        try journal.append(
            JournalRecord(
                event: .created, route: .image2video, backend: .kling, baseURL: kling, externalTaskID: "same",
                taskID: "k-1", status: "submitted"))
        try journal.append(
            JournalRecord(
                event: .created, route: .image2video, backend: .cometapi, baseURL: ServiceEndpoint.defaultBaseURL,
                externalTaskID: "same", taskID: "c-1", status: "submitted"))
        let job = try #require(try journal.job(forTaskID: "k-1"))
        #expect(job.backend == .kling && job.taskID == "k-1" && job.baseURL == kling)
        #expect(try journal.job(forExternalID: "same", at: cometEndpoint)?.taskID == "c-1")
    }

    @Test func aPageInsteadOfTheVideoIsNotSaved() async throws {
        try await withHarness(timeline: FakeTimeline(submitted: .milliseconds(5), processing: .milliseconds(5))) { h in
            let taskID = try #require(h.service.seedTask(on: .image2video))
            try await Task.sleep(for: .milliseconds(30))
            let video = try #require(try await h.client.task(id: taskID, route: .image2video).videos.first)
            h.service.inject(.html(status: 200), on: .download)
            do throws(SubmitError) {
                _ = try await h.client.download(video: video, to: h.scratch.file("v.mp4"))
                Issue.record("expected a refusal")
            } catch {
                guard case .downloadFailed(_, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(reason.contains("text/html, not a video"))
            }
            #expect(!FileManager.default.fileExists(atPath: h.scratch.file("v.mp4").path))
        }
    }

    @Test func anIDTheServiceSaysIsTakenButCannotShowIsNotABodyError() async throws {
        try await withHarness { h in
            let body = try h.scratch.image2videoBody(extra: ["\"external_task_id\":\"taken-1\""])
            h.service.seedTask(on: .image2video, externalID: "taken-1")
            h.service.queryLookup = .off
            await #expect(throws: SubmitError.duplicateExternalIDUnresolved(externalID: "taken-1")) {
                _ = try await Submitter(client: h.client, journal: nil, poll: h.poll).submit(
                    body: body, options: SubmitOptions())
            }
            #expect(h.service.totalCreated == 1)
        }
    }

    @Test func forceNewFinishesAnUnfinishedTakeInsteadOfStartingAnother() async throws {
        try await withHarness { h in
            let body = try h.scratch.image2videoBody()
            let first = try await h.submitter().submit(body: body, options: SubmitOptions())
            let content = try ContentDigest.of(body, scan: try BodyScanner.scan(body))
            let take2 = ExternalTaskID.derive(backend: .cometapi, route: .image2video, contentSHA256: content, take: 2)
            try h.journal.append(
                JournalRecord(
                    event: .prepared, route: .image2video, backend: .cometapi, baseURL: h.service.baseURL,
                    bodySHA256: try BodyScanner.scan(body).sha256, contentSHA256: content, externalTaskID: take2,
                    take: 2))
            let again = try await h.submitter().submit(body: body, options: SubmitOptions(forceNew: true))
            #expect(again.externalTaskID == take2 && again.take == 2)
            #expect(again.taskID != first.taskID)
            #expect(h.service.totalCreated == 2)
        }
    }

    @Test func keyFilesWithWindowsLineEndsOrAByteOrderMarkAreRead() throws {
        let scratch = try Scratch()
        let file = scratch.file("kling.env")
        try Data("\u{FEFF}KLING_ACCESS_KEY=\(testAccessKey)\r\nKLING_SECRET_KEY=\(testSecretKey)\r\n".utf8).write(
            to: file)
        let keys = try KlingKeys.load(file: file, environment: [:])
        #expect(keys.accessKey == testAccessKey && keys.secretKey == testSecretKey)
        try Data("KLING_ACCESS_KEY=a\nKLING_SECRET_KEY=b\nKLING_SECRET_KEY=c\n".utf8).write(to: file)
        #expect(
            throws: SubmitError.apiKeyFileUnreadable(
                path: file.path, reason: "line 3 sets KLING_SECRET_KEY a second time; keep one line for it")
        ) { try KlingKeys.load(file: file, environment: [:]) }
        let comet = scratch.file("comet.key")
        try Data("\u{FEFF}\(testKey)\r\n".utf8).write(to: comet)
        #expect(
            Authorizer(credentials: .apiKey(try APIKey.load(file: comet, environment: [:]))).header() == "Bearer "
                + testKey)
        #expect(
            SubmitError.insecureBaseURL("http://user:pw-SECRET@example.com").description.contains("pw-SECRET") == false)
    }
}
