import Foundation
import KlingCheck
import Testing
@testable import KlingSubmit

@Suite struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(BodyDigest.hex(of: Array(input.utf8)) == digest)
    }

    @Test func incrementalEqualsWhole() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var h = BodyDigest()
        h.update(bytes[0..<13])
        h.update(bytes[13..<4000])
        h.update(bytes[4000...])
        #expect(h.finalize() == BodyDigest.hex(of: bytes))
    }
}

@Suite struct BodyTests {
    @Test func findsTopLevelExternalIDOnly() throws {
        let scratch = try Scratch()
        let url = scratch.file("b.json")
        try Data(#"{"nested":{"external_task_id":"inner"},"external_task_id":"outer-1","x":[1,2]}"#.utf8).write(to: url)
        let scan = try BodyScanner.scan(url)
        #expect(scan.externalID == "outer-1")
        #expect(scan.size == Int64(try Data(contentsOf: url).count))
    }

    @Test func insertsGeneratedIDAsValidJSON() throws {
        let scratch = try Scratch()
        let url = try scratch.body()
        let scan = try BodyScanner.scan(url)
        #expect(scan.externalID == nil)
        let prepared = try PreparedBody.prepare(
            original: url, scan: scan, externalID: "gen-42", route: .multiImage2video)
        defer { prepared.discard() }
        #expect(prepared.isTemporaryCopy)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: prepared.fileToSend)) as? [String: Any])
        #expect(object["external_task_id"] as? String == "gen-42")
        #expect(object["prompt"] as? String == "walk")
        #expect(prepared.size == Int64(try Data(contentsOf: prepared.fileToSend).count))
    }

    @Test func replacesOwnIDForForceNew() throws {
        let scratch = try Scratch()
        let url = try scratch.body(externalID: "mine")
        let scan = try BodyScanner.scan(url)
        let prepared = try PreparedBody.prepare(
            original: url, scan: scan, externalID: "fresh", route: .multiImage2video)
        defer { prepared.discard() }
        let text = try String(contentsOf: prepared.fileToSend, encoding: .utf8)
        #expect(text.contains(#""external_task_id":"fresh""#))
        #expect(!text.contains("mine"))
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: prepared.fileToSend)) is [String: Any])
    }

    @Test func keepsOriginalWhenIDMatches() throws {
        let scratch = try Scratch()
        let url = try scratch.body(externalID: "mine")
        let prepared = try PreparedBody.prepare(
            original: url, scan: try BodyScanner.scan(url), externalID: "mine", route: .multiImage2video)
        #expect(!prepared.isTemporaryCopy)
        #expect(prepared.fileToSend == url)
    }

    @Test func emptyObjectGetsNoTrailingComma() throws {
        let scratch = try Scratch()
        let url = scratch.file("e.json")
        try Data("  {  }\n".utf8).write(to: url)
        let prepared = try PreparedBody.prepare(
            original: url, scan: try BodyScanner.scan(url), externalID: "x", route: .image2video)
        defer { prepared.discard() }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: prepared.fileToSend)) as? [String: Any]
        #expect(object?["external_task_id"] as? String == "x")
    }

    @Test func refusesNonObjects() throws {
        let scratch = try Scratch()
        let url = scratch.file("a.json")
        try Data("[1,2]".utf8).write(to: url)
        #expect(throws: SubmitError.bodyNotJSONObject(path: url.path, found: "'['")) { try BodyScanner.scan(url) }
        try Data("".utf8).write(to: url)
        #expect(throws: SubmitError.bodyNotJSONObject(path: url.path, found: "an empty file")) {
            try BodyScanner.scan(url)
        }
    }

    @Test(arguments: [
        #"{"a":1"#, #"{"a":"x}"#, #"{"a":1}}"#, #"{"a":1} x"#, #"{"a":[1}"#,
    ])
    func refusesMalformed(text: String) throws {
        let scratch = try Scratch()
        let url = scratch.file("m.json")
        try Data(text.utf8).write(to: url)
        #expect {
            try BodyScanner.scan(url)
        } throws: { error in
            guard case SubmitError.bodyMalformed = error else { return false }
            return true
        }
    }

    @Test func refusesBadExternalIDs() throws {
        let scratch = try Scratch()
        let url = scratch.file("x.json")
        for text in [
            #"{"external_task_id":5}"#, #"{"external_task_id":""}"#,
            #"{"external_task_id":"a","external_task_id":"b"}"#,
        ] {
            try Data(text.utf8).write(to: url)
            #expect {
                try BodyScanner.scan(url)
            } throws: { error in
                guard case SubmitError.bodyExternalIDInvalid = error else { return false }
                return true
            }
        }
    }

    @Test func dryRunPredictsSentSize() throws {
        let scratch = try Scratch()
        let url = try scratch.body()
        let endpoint = try ServiceEndpoint(baseURL: "https://api.cometapi.com")
        let report = try DryRunReport.make(
            body: url, endpoint: endpoint, apiKeyFound: true, journal: nil, forceNew: false)
        let prepared = try PreparedBody.prepare(
            original: url, scan: try BodyScanner.scan(url), externalID: try #require(report.externalTaskID),
            route: .multiImage2video)
        #expect(report.externalTaskIDSource == "derived")
        defer { prepared.discard() }
        #expect(report.bodyBytes == prepared.size)
        #expect(report.headers.first?.value == "Bearer <redacted>")
        #expect(report.url == "https://api.cometapi.com/kling/v1/videos/multi-image2video")
        #expect(report.route == .multiImage2video && report.routeSource == "body")
    }
}

@Suite struct ConfigurationTests {
    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://api.cometapi.com/"])
    func acceptsSecureOrLoopback(url: String) throws {
        let endpoint = try ServiceEndpoint(baseURL: url)
        #expect(!endpoint.baseURL.hasSuffix("/"))
    }

    @Test(arguments: ["http://api.cometapi.com", "http://10.0.0.1", "http://127.0.0.1.evil.com"])
    func refusesPlainHTTP(url: String) {
        #expect(throws: SubmitError.insecureBaseURL(url)) { try ServiceEndpoint(baseURL: url) }
    }

    @Test func refusesOtherSchemes() {
        #expect(throws: SubmitError.self) { try ServiceEndpoint(baseURL: "ftp://x") }
        #expect(throws: SubmitError.self) { try ServiceEndpoint(baseURL: "not a url") }
    }

    @Test func resolvesFlagThenEnvironmentThenDefault() throws {
        #expect(try ServiceEndpoint.resolve(flag: nil, environment: [:]).baseURL == "https://api.cometapi.com")
        let env = ["KLINGPREP_BASE_URL": "https://env.example"]
        #expect(try ServiceEndpoint.resolve(flag: nil, environment: env).baseURL == "https://env.example")
        #expect(
            try ServiceEndpoint.resolve(flag: "https://flag.example", environment: env).baseURL
                == "https://flag.example")
    }

    @Test func keyComesFromFileTrimmedAndNeverPrints() throws {
        let scratch = try Scratch()
        let file = scratch.file("key")
        try Data((testKey + "\n").utf8).write(to: file)
        let key = try APIKey.load(file: file, environment: ["COMETAPI_KEY": "other"])
        #expect(Authorizer(credentials: .apiKey(key)).header() == "Bearer " + testKey)
        #expect(!"\(key) \(String(reflecting: key))".contains(testKey))
        #expect(throws: SubmitError.missingAPIKey) { try APIKey.load(file: nil, environment: [:]) }
        #expect(throws: SubmitError.apiKeyEmpty(source: "COMETAPI_KEY")) {
            try APIKey.load(file: nil, environment: ["COMETAPI_KEY": " \n"])
        }
        #expect(throws: SubmitError.self) { try APIKey.load(file: scratch.file("missing"), environment: [:]) }
    }

    @Test func retryDelaysGrowAndHonourRetryAfter() {
        let policy = RetryPolicy(initialDelay: .seconds(1), maxDelay: .seconds(8), jitter: 0)
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil) == .seconds(1))
        #expect(policy.delay(beforeRetry: 3, retryAfter: nil) == .seconds(4))
        #expect(policy.delay(beforeRetry: 10, retryAfter: nil) == .seconds(8))
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(7)) == .seconds(7))
        let jittered = RetryPolicy(initialDelay: .seconds(10), jitter: 0.5).delay(beforeRetry: 1, retryAfter: nil)
        #expect(jittered >= .seconds(5) && jittered <= .seconds(10))
        #expect(ResponseReader.parseRetryAfter("3") == .seconds(3))
        #expect(ResponseReader.parseRetryAfter("soon") == nil)
    }

    @Test func pollBacksOffFromFiveToThirty() {
        let schedule = PollSchedule()
        var interval = schedule.initial
        var seen: [Duration] = [interval]
        for _ in 0..<8 {
            interval = schedule.next(after: interval)
            seen.append(interval)
        }
        #expect(seen.first == .seconds(5))
        #expect(seen.last == .seconds(30))
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 <= $1 })
    }
}

@Suite struct ErrorMappingTests {
    @Test(arguments: [
        (1002, 401, ServiceErrorFamily.authentication, false), (1101, 429, .account, false),
        (1102, 429, .account, false),
        (1201, 400, .badRequest, false), (1301, 400, .policy, false), (1302, 429, .policy, true),
        (1303, 429, .policy, true), (5000, 500, .server, true), (5001, 503, .server, true),
    ])
    func codesMapToFamiliesAndRetries(code: Int, status: Int, family: ServiceErrorFamily, retryable: Bool) {
        let failure = ServiceFailure(code: code, message: "m", requestID: "r-1", httpStatus: status, endpoint: "/x")
        #expect(failure.family == family)
        #expect(failure.isRetryable == retryable)
        #expect(failure.sentence.contains("code \(code)"))
        #expect(failure.sentence.contains("r-1"))
    }

    @Test func sentencesSayWhatToDo() {
        func sentence(_ code: Int) -> String {
            ServiceFailure(code: code, message: "", requestID: nil, httpStatus: 400, endpoint: "/x").sentence
        }
        #expect(sentence(1002).contains("credentials were rejected"))
        #expect(sentence(1102).contains("Top up"))
        #expect(sentence(1302).contains("Rate limit"))
        #expect(
            ServiceFailure(code: 1201, message: "prompt too long", requestID: nil, httpStatus: 400, endpoint: "/x")
                .sentence.contains("prompt too long"))
    }

    @Test func decodesTheDocumentedTask() throws {
        let json = #"""
            {"task_id":"861309198188019719","task_status":"succeed","task_status_msg":"","task_info":{"external_task_id":"e-1"},
             "task_result":{"videos":[{"id":"v1","url":"https://cdn.example/v.mp4","duration":"5.1"}]},
             "created_at":1773380633979,"updated_at":1773380640000}
            """#
        let task = try JSONDecoder().decode(KlingTask.self, from: Data(json.utf8))
        #expect(task.status == .succeed)
        #expect(task.statusMessage == nil)
        #expect(task.externalTaskID == "e-1")
        #expect(task.videos == [TaskVideo(id: "v1", url: "https://cdn.example/v.mp4", duration: "5.1")])
        #expect(task.createdAtMilliseconds == 1_773_380_633_979)
        let again = try JSONDecoder().decode(KlingTask.self, from: JSONEncoder().encode(task))
        #expect(again == task)
    }
}

@Suite struct JournalTests {
    @Test func appendsAndFoldsState() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("j.jsonl"))
        try journal.append(JournalRecord(event: .prepared, route: .image2video, bodySHA256: "h1", externalTaskID: "e1"))
        try journal.append(
            JournalRecord(
                event: .created, route: .image2video, bodySHA256: "h1", externalTaskID: "e1", taskID: "t1",
                status: "submitted"))
        try journal.append(
            JournalRecord(
                event: .status, route: .image2video, bodySHA256: "h1", externalTaskID: "e1", taskID: "t1",
                status: "processing"))
        let state = try #require(
            try journal.latestJob(bodySHA256: "h1", contentSHA256: nil, route: .image2video, endpoint: cometEndpoint))
        #expect(state.externalID == "e1")
        #expect(state.taskID == "t1")
        #expect(state.lastStatus == .processing)
        #expect(state.route == .image2video)
        #expect(
            try journal.latestJob(bodySHA256: "h2", contentSHA256: nil, route: .image2video, endpoint: cometEndpoint)
                == nil)
        #expect(
            try journal.latestJob(
                bodySHA256: "h1", contentSHA256: nil, route: .multiImage2video, endpoint: cometEndpoint) == nil)
        #expect(try journal.job(forTaskID: "t1")?.externalID == "e1")
        #expect(try journal.records().count == 3)
    }

    @Test func ignoresATornLastLineButNotAnEarlierOne() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("j.jsonl"))
        try journal.append(JournalRecord(event: .prepared, route: .image2video, bodySHA256: "h", externalTaskID: "e"))
        let handle = try FileHandle(forWritingTo: journal.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"v":1,"event":"crea"#.utf8))
        try handle.close()
        #expect(try journal.records().count == 1)
        try Data("garbage\n".utf8 + (try Data(contentsOf: journal.url))).write(to: journal.url)
        #expect(throws: SubmitError.journalCorrupt(path: journal.url.path, line: 1, reason: "not a journal record")) {
            try journal.records()
        }
    }

    @Test func forceNewMakesTheNewestPreparationWin() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("j.jsonl"))
        try journal.append(JournalRecord(event: .prepared, route: .image2video, bodySHA256: "h", externalTaskID: "old"))
        try journal.append(
            JournalRecord(event: .created, route: .image2video, bodySHA256: "h", externalTaskID: "old", taskID: "t-old")
        )
        try journal.append(JournalRecord(event: .prepared, route: .image2video, bodySHA256: "h", externalTaskID: "new"))
        let state = try #require(
            try journal.latestJob(bodySHA256: "h", contentSHA256: nil, route: .image2video, endpoint: cometEndpoint))
        #expect(state.externalID == "new")
        #expect(state.taskID == nil)
    }
}

@Suite struct APIKeyShapeTests {
    @Test func aKeyWithASecondLineIsRefusedWithoutShowingIt() {
        #expect(throws: SubmitError.apiKeyMalformed(source: "COMETAPI_KEY")) {
            try APIKey.load(file: nil, environment: ["COMETAPI_KEY": "sk-LEAKME\nx"])
        }
        #expect(!SubmitError.apiKeyMalformed(source: "COMETAPI_KEY").description.contains("LEAKME"))
        #expect(throws: SubmitError.apiKeyMalformed(source: "COMETAPI_KEY")) {
            try APIKey.load(file: nil, environment: ["COMETAPI_KEY": "sk-a b"])
        }
        // Surrounding white space and a trailing new line are fine.
        #expect((try? APIKey.load(file: nil, environment: ["COMETAPI_KEY": " sk-ok\r\n"])) != nil)
    }
}
