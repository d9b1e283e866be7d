import AsyncHTTPClient
import Crypto
import Foundation
import KlingFakeService
import NIOCore
import NIOHTTP1
import Testing

// Drives the fake service with raw HTTP (AsyncHTTPClient), not through KlingClient: these tests
// check that the fake behaves as api.md documents, whatever our client does.

/// One raw answer.
struct RawAnswer: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }

    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] }
    /// The envelope's business code.
    var code: Int? { json?["code"] as? Int }
    var data: [String: Any]? { json?["data"] as? [String: Any] }
    /// The gateway dialect's `error` object.
    var gatewayError: [String: String]? { json?["error"] as? [String: String] }
    var contentType: String { headers["Content-Type"].first ?? "" }
}

/// Sends one `GET`; redirects are not followed unless asked.
func raw(_ url: String, auth: String? = nil, followRedirects: Bool = false) async throws -> RawAnswer {
    try await raw(.GET, url, auth: auth, followRedirects: followRedirects)
}

/// Sends one request; redirects are not followed unless asked.
func raw(
    _ method: HTTPMethod, _ url: String, auth: String? = nil, body: String? = nil, followRedirects: Bool = false
) async throws -> RawAnswer {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = followRedirects ? .follow(max: 10, allowCycles: false) : .disallow
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let auth { request.headers.add(name: "Authorization", value: auth) }
    if let body {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
    }
    do {
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        try await client.shutdown()
        return RawAnswer(
            status: Int(response.status.code), headers: response.headers, bytes: Array(bytes.readableBytesView))
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// A test-local Kling JWT signer (api.md, "Auth"), independent of the fake's checker.
enum TestJWT {
    static let header = #"{"alg":"HS256","typ":"JWT"}"#

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A token for `iss`, valid from now + `nbf` to now + `exp` seconds, signed with `secret`.
    static func sign(
        iss: String, secret: String, nbf: Double = -5, exp: Double = 1800, header: String = header
    ) -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        let claims = #"{"iss":"\#(iss)","exp":\#(Int(now + exp)),"nbf":\#(Int(now + nbf))}"#
        let signing = base64url(Data(header.utf8)) + "." + base64url(Data(claims.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signing.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return signing + "." + base64url(Data(mac))
    }
}

let accessKey = "ak-test-ACCESS-19d2"
let secretKey = "sk-kling-SECRET-88b1"
let fastTimeline = FakeTimeline(submitted: .milliseconds(60), processing: .milliseconds(60))

/// A valid multi-image2video body.
func multiBody(externalID: String? = nil, callback: String? = nil, prompt: String = "walk") -> String {
    var members = [
        #""model_name":"kling-v1-6""#, #""image_list":[{"image":"\#(Scratch.picture)"}]"#, #""prompt":"\#(prompt)""#,
    ]
    if let externalID { members.append(#""external_task_id":"\#(externalID)""#) }
    if let callback { members.append(#""callback_url":"\#(callback)""#) }
    return "{" + members.joined(separator: ",") + "}"
}

/// Runs `body` against a started fake and always stops it.
func withFake(
    _ backend: FakeBackend = .cometapi(apiKey: testKey), timeline: FakeTimeline = fastTimeline,
    concurrencyLimit: Int? = nil, _ body: (FakeKlingService) async throws -> Void
) async throws {
    let fake = FakeKlingService(
        backend: backend, timeline: timeline, videoBytes: 4096, concurrencyLimit: concurrencyLimit)
    try await fake.start()
    do {
        try await body(fake)
    } catch {
        await fake.stop()
        throw error
    }
    await fake.stop()
}

extension FakeKlingService {
    func url(_ route: FakeAPIRoute = .multiImage2video, _ suffix: String = "") -> String {
        baseURL + path(route) + suffix
    }

    /// Creates a task through HTTP with the CometAPI key; returns the answer.
    func post(_ body: String, auth: String = "Bearer \(testKey)") async throws -> RawAnswer {
        try await raw(.POST, url(), auth: auth, body: body)
    }
}

let bearer = "Bearer \(testKey)"

@Suite(.serialized) struct FakeKlingAuthTests {
    let kling = FakeBackend.kling(accessKey: accessKey, secretKey: secretKey)

    @Test func klingBackendServesItsOwnPathsWithASignedToken() async throws {
        try await withFake(kling) { fake in
            #expect(fake.path(.multiImage2video) == "/v1/videos/multi-image2video")
            let token = "Bearer " + TestJWT.sign(iss: accessKey, secret: secretKey)
            let created = try await fake.post(multiBody(externalID: "k-1"), auth: token)
            #expect(created.status == 200 && created.code == 0)
            let id = try #require(created.data?["task_id"] as? String)
            let read = try await raw(fake.url(.multiImage2video, "/\(id)"), auth: token)
            #expect(read.status == 200 && (read.data?["task_id"] as? String) == id)
            let comet = try await raw(.POST, fake.baseURL + FakeAPIRoute.multiImage2video.path, auth: token, body: "{}")
            #expect(comet.status == 404 && comet.json == nil)
            #expect(fake.totalCreated == 1 && fake.tokensSeen == 1 && fake.authorizationFailures == 0)
        }
        try await withFake { fake in
            let kling = try await raw(.POST, fake.baseURL + "/v1/videos/multi-image2video", auth: bearer, body: "{}")
            #expect(kling.status == 404 && kling.json == nil)
            #expect(try await fake.post(multiBody()).code == 0)
        }
    }

    @Test func refusalsCarryTheDocumentedCodes() async throws {
        try await withFake(kling) { fake in
            let cases: [(String?, Int)] = [
                (nil, 1001),
                ("Bearer " + TestJWT.sign(iss: accessKey, secret: "wrong-secret"), 1002),
                ("Bearer " + TestJWT.sign(iss: "someone-else", secret: secretKey), 1002),
                (
                    "Bearer "
                        + TestJWT.sign(iss: accessKey, secret: secretKey, header: #"{"alg":"HS512","typ":"JWT"}"#), 1002
                ),
                ("Bearer " + TestJWT.sign(iss: accessKey, secret: secretKey) + "=", 1002),
                ("Bearer not-a-jwt", 1002),
                (secretKey, 1002),
                ("Bearer " + TestJWT.sign(iss: accessKey, secret: secretKey, nbf: 60, exp: 1800), 1003),
                ("Bearer " + TestJWT.sign(iss: accessKey, secret: secretKey, nbf: -1800, exp: -10), 1004),
            ]
            for (auth, code) in cases {
                let refused = try await raw(.POST, fake.url(), auth: auth, body: multiBody())
                #expect(refused.status == 401, "\(auth ?? "none")")
                #expect(refused.code == code, "\(auth ?? "none"): \(refused.text)")
                if code == 1002, let auth {
                    // The presented token is echoed, so clients' redaction is tested.
                    #expect((refused.json?["message"] as? String)?.contains(auth) == true)
                }
            }
            #expect(fake.totalCreated == 0)
            #expect(fake.authorizationFailures(code: 1001) == 1)
            #expect(fake.authorizationFailures(code: 1002) == 6)
            #expect(fake.authorizationFailures(code: 1003) == 1)
            #expect(fake.authorizationFailures(code: 1004) == 1)
            #expect(fake.authorizationFailures == 9)
        }
    }

    @Test func theServiceClockIsSettable() async throws {
        try await withFake(kling) { fake in
            let token = "Bearer " + TestJWT.sign(iss: accessKey, secret: secretKey)
            fake.clockOffset = 3600  // the service is an hour ahead: the token has expired
            let ahead = try await fake.post(multiBody(), auth: token)
            fake.clockOffset = -60  // the service is behind: nbf (now − 5 s) is still ahead
            let behind = try await fake.post(multiBody(), auth: token)
            fake.clockOffset = 0
            let inTime = try await fake.post(multiBody(), auth: token)
            #expect(ahead.code == 1004 && behind.code == 1003 && inTime.code == 0)
            #expect(fake.totalCreated == 1)
            #expect(fake.presentedTokens == [String](repeating: String(token.dropFirst(7)), count: 3))
            #expect(fake.tokensSeen == 1)
        }
    }
}

@Suite(.serialized) struct FakeErrorDialectTests {
    @Test func ownRefusalsUseTheChosenDialect() async throws {
        try await withFake { fake in
            #expect(fake.refusalDialect == .envelope)
            let envelope = try await fake.post(multiBody(prompt: String(repeating: "x", count: 2501)))
            #expect(envelope.status == 400 && envelope.code == 1201 && envelope.gatewayError == nil)
            fake.refusalDialect = .gateway
            let invalid = try await fake.post(multiBody(prompt: String(repeating: "x", count: 2501)))
            #expect(invalid.status == 400 && invalid.code == nil)
            #expect(invalid.gatewayError?["type"] == "comet_api_error")
            #expect(invalid.gatewayError?["message"]?.contains("prompt") == true)
            let wrongKey = try await fake.post(multiBody(), auth: "Bearer sk-wrong-KEY")
            #expect(wrongKey.status == 401 && wrongKey.code == nil)
            #expect(wrongKey.gatewayError?["message"]?.contains("sk-wrong-KEY") == true)
            let missing = try await raw(.POST, fake.url(), body: multiBody())
            #expect(missing.status == 401 && missing.gatewayError != nil)
            #expect(try await fake.post(multiBody(externalID: "dup")).code == 0)
            let duplicate = try await fake.post(multiBody(externalID: "dup"))
            #expect(duplicate.status == 400 && duplicate.gatewayError != nil)
            #expect(fake.totalCreated == 1 && fake.refusals.count == 2)
        }
        try await withFake(.kling(accessKey: accessKey, secretKey: secretKey)) { fake in
            fake.refusalDialect = .gateway  // Kling itself only speaks the envelope
            let refused = try await raw(.POST, fake.url(), auth: "Bearer x.y.z", body: multiBody())
            #expect(refused.status == 401 && refused.code == 1002 && refused.gatewayError == nil)
        }
    }

    @Test func gatewayHTMLAndRedirectFaults() async throws {
        try await withFake { fake in
            fake.inject(.gatewayInvalidRequest, on: .create)
            let invalid = try await fake.post(multiBody())
            #expect(invalid.status == 500 && invalid.gatewayError?["code"] == "invalid_request")
            #expect(fake.totalCreated == 0)
            fake.inject(
                .gateway(status: 524, code: "", type: "comet_api_error", message: "timeout", afterCreating: true),
                on: .create)
            let late = try await fake.post(multiBody(externalID: "late"))
            #expect(late.status == 524 && late.gatewayError?["message"] == "timeout")
            #expect(fake.createdCount(externalID: "late") == 1)
            fake.inject(.html(status: 502), on: .create)
            let page = try await fake.post(multiBody())
            #expect(page.status == 502 && page.contentType.hasPrefix("text/html") && page.json == nil)
            #expect(page.text.contains("<html"))
            fake.inject(.redirect, on: .get)
            let moved = try await raw(fake.url(.multiImage2video, "/1"), auth: bearer)
            #expect(moved.status == 301)
            #expect(moved.headers["Location"].first?.hasPrefix("https://") == true)
            #expect(fake.totalCreated == 1 && fake.requestCount(.create) == 3)
        }
    }

    @Test func unknownPathsAnswerAsSwitched() async throws {
        try await withFake { fake in
            let wrong = fake.baseURL + "/kling/v2/videos/image2video"
            #expect(fake.unknownPathAnswer == .plain404)
            let plain = try await raw(.POST, wrong, auth: bearer, body: multiBody())
            #expect(plain.status == 404 && plain.json == nil && !plain.contentType.hasPrefix("text/html"))
            fake.unknownPathAnswer = .html404
            let page = try await raw(wrong, auth: bearer)
            #expect(page.status == 404 && page.contentType.hasPrefix("text/html") && page.text.contains("<html"))
            fake.unknownPathAnswer = .redirect301
            let moved = try await raw(.POST, wrong + "?a=1", auth: bearer, body: multiBody())
            #expect(moved.status == 301)
            #expect(
                moved.headers["Location"].first == FakeKlingService.redirectTarget + "/kling/v2/videos/image2video?a=1")
            // Served paths are not affected.
            #expect(try await fake.post(multiBody()).code == 0)
            #expect(fake.totalCreated == 1)
        }
    }
}

@Suite(.serialized) struct FakeLookupTests {
    @Test func pathFormFindsExternalIDsOnlyWhenOn() async throws {
        try await withFake { fake in
            let created = try await fake.post(multiBody(externalID: "ext-7"))
            let id = try #require(created.data?["task_id"] as? String)
            #expect(fake.pathLookupByExternalID == false)
            let off = try await raw(fake.url(.multiImage2video, "/ext-7"), auth: bearer)
            #expect(off.status == 404 && off.code == 1203)
            fake.pathLookupByExternalID = true
            let on = try await raw(fake.url(.multiImage2video, "/ext-7"), auth: bearer)
            #expect(on.status == 200 && (on.data?["task_id"] as? String) == id)
            let info = on.data?["task_info"] as? [String: Any]
            #expect(info?["external_task_id"] as? String == "ext-7")
            let unknown = try await raw(fake.url(.multiImage2video, "/ext-none"), auth: bearer)
            #expect(unknown.status == 404 && unknown.code == 1203)
            let otherRoute = try await raw(fake.url(.image2video, "/ext-7"), auth: bearer)
            #expect(otherRoute.code == 1203)
            let byTaskID = try await raw(fake.url(.multiImage2video, "/\(id)"), auth: bearer)
            #expect(byTaskID.code == 0)
            #expect(fake.lookupCount(.path) == 4 && fake.lookupCount(.query) == 0)
            #expect(fake.requestCount(.get) == 5 && fake.requestCount(.create) == 1)
        }
    }

    @Test func queryFormAnswersTaskListOrNothing() async throws {
        try await withFake { fake in
            _ = try await fake.post(multiBody(externalID: "q-1"))
            _ = try await fake.post(multiBody(externalID: "q-2"))
            #expect(fake.queryLookup == .task)
            let one = try await raw(fake.url(.multiImage2video, "?external_task_id=q-1"), auth: bearer)
            #expect(((one.data?["task_info"] as? [String: Any])?["external_task_id"] as? String) == "q-1")
            let none = try await raw(fake.url(.multiImage2video, "?external_task_id=q-9"), auth: bearer)
            #expect(none.status == 404 && none.code == 1203)
            fake.queryLookup = .list
            let list = try await raw(fake.url(.multiImage2video, "?external_task_id=q-1"), auth: bearer)
            let items = try #require(list.json?["data"] as? [[String: Any]])
            #expect(list.code == 0 && items.count == 2)
            fake.queryLookup = .off
            let plain = try await raw(fake.url(.multiImage2video, "?external_task_id=q-1"), auth: bearer)
            #expect(plain.status == 404 && plain.json == nil)
            fake.unknownPathAnswer = .html404
            let page = try await raw(fake.url(.multiImage2video, "?external_task_id=q-1"), auth: bearer)
            #expect(page.status == 404 && page.contentType.hasPrefix("text/html"))
            fake.unknownPathAnswer = .redirect301
            let moved = try await raw(fake.url(.multiImage2video, "?external_task_id=q-1"), auth: bearer)
            #expect(moved.status == 301 && moved.headers["Location"].first?.hasPrefix("https://") == true)
            // The list route itself still answers.
            let listed = try await raw(fake.url(.multiImage2video, "?pageNum=1&pageSize=1"), auth: bearer)
            #expect((listed.json?["data"] as? [[String: Any]])?.count == 1)
            #expect(fake.lookupCount(.query) == 6 && fake.lookupCount(.path) == 0)
            #expect(fake.requestCount(.lookup) == 6 && fake.requestCount(.create) == 2 && fake.totalCreated == 2)
        }
    }
}

@Suite(.serialized) struct FakeTaskShapeTests {
    @Test func timestampsAsNumbersOrStringsAndTheUnitDeduction() async throws {
        try await withFake { fake in
            let created = try await fake.post(multiBody())
            let id = try #require(created.data?["task_id"] as? String)
            #expect(created.data?["created_at"] is Int && created.data?["updated_at"] is Int)
            #expect(created.data?["final_unit_deduction"] == nil)
            fake.timestampsAsStrings = true
            try await Task.sleep(for: .milliseconds(160))
            let done = try await raw(fake.url(.multiImage2video, "/\(id)"), auth: bearer)
            #expect(done.data?["task_status"] as? String == "succeed")
            let createdAt = try #require(done.data?["created_at"] as? String)
            let updatedAt = try #require(done.data?["updated_at"] as? String)
            #expect(Int64(createdAt) != nil && (Int64(updatedAt) ?? 0) >= (Int64(createdAt) ?? .max))
            #expect(done.data?["final_unit_deduction"] as? String == "1.5")
        }
    }

    @Test func overTheConcurrencyLimitIs1303AndCreatesNothing() async throws {
        // Long enough that each task still runs through the checks after its create, under a
        // sanitizer on a loaded machine; the wait for c-1's end polls instead of guessing.
        let timeline = FakeTimeline(submitted: .milliseconds(1500), processing: .milliseconds(1500))
        try await withFake(timeline: timeline, concurrencyLimit: 1) { fake in
            #expect(try await fake.post(multiBody(externalID: "c-1")).code == 0)
            let refused = try await fake.post(multiBody(externalID: "c-2"))
            #expect(refused.status == 429 && refused.code == 1303)
            #expect(fake.totalCreated == 1 && fake.createdCount(externalID: "c-2") == 0)
            #expect(fake.runningTasks == 1 && fake.concurrencyRefusals == 1)
            let end = ContinuousClock.now + .seconds(20)
            while fake.runningTasks > 0, ContinuousClock.now < end {  // c-1 ends and frees its slot
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(fake.runningTasks == 0)
            #expect(try await fake.post(multiBody(externalID: "c-2")).code == 0)
            fake.concurrencyLimit = 2
            #expect(try await fake.post(multiBody(externalID: "c-3")).code == 0)
            #expect(try await fake.post(multiBody(externalID: "c-4")).code == 1303)
            fake.concurrencyLimit = nil
            #expect(try await fake.post(multiBody(externalID: "c-4")).code == 0)
            #expect(fake.totalCreated == 4 && fake.concurrencyRefusals == 2)
        }
    }

    @Test func downloadsFollowARedirectChainWithTheRightLength() async throws {
        try await withFake { fake in
            let created = try await fake.post(multiBody())
            let id = try #require(created.data?["task_id"] as? String)
            try await Task.sleep(for: .milliseconds(160))
            let done = try await raw(fake.url(.multiImage2video, "/\(id)"), auth: bearer)
            let videos = (done.data?["task_result"] as? [String: Any])?["videos"] as? [[String: Any]]
            let url = try #require(videos?.first?["url"] as? String)
            let direct = try await raw(url)
            #expect(direct.status == 200 && direct.headers["Content-Length"] == ["4096"])
            fake.downloadRedirects = 3
            let first = try await raw(url)
            #expect(first.status == 301)
            let next = try #require(first.headers["Location"].first)
            #expect(next.hasPrefix(fake.baseURL + "/videos/"))
            let second = try await raw(next)
            #expect(second.status == 302 && second.headers["Location"].first?.hasPrefix("http://127.0.0.1:") == true)
            let followed = try await raw(url, followRedirects: true)
            #expect(followed.status == 200 && followed.headers["Content-Length"] == ["4096"])
            #expect(followed.bytes == fake.videoContent() && direct.bytes == fake.videoContent())
            #expect(fake.downloadRedirectsServed == 5)
            #expect(fake.requestCount(.download) == 2)
        }
    }
}

@Suite(.serialized) struct FakeCallbackTests {
    /// Runs `body` with a started receiver and always stops it.
    func withReceiver(_ body: (FakeCallbackReceiver) async throws -> Void) async throws {
        let receiver = FakeCallbackReceiver()
        try await receiver.start()
        do {
            try await body(receiver)
        } catch {
            await receiver.stop()
            throw error
        }
        await receiver.stop()
    }

    @Test func eachStatusChangeIsPostedAsTheFlatObject() async throws {
        try await withReceiver { receiver in
            try await withFake { fake in
                let created = try await fake.post(multiBody(externalID: "cb-1", callback: receiver.url))
                let id = try #require(created.data?["task_id"] as? String)
                #expect(await receiver.waitFor(3, timeout: .seconds(3)))
                await fake.awaitCallbacks()
                #expect(receiver.statuses == ["submitted", "processing", "succeed"])
                let last = try #require(
                    try JSONSerialization.jsonObject(with: Data((receiver.bodies.last ?? "").utf8)) as? [String: Any])
                #expect(last["task_id"] as? String == id && last["task_status_msg"] as? String == "")
                #expect(last["created_at"] is Int && last["updated_at"] is Int)
                #expect((last["task_info"] as? [String: Any])?["external_task_id"] as? String == "cb-1")
                let videos = (last["task_result"] as? [String: Any])?["videos"] as? [[String: Any]]
                #expect(videos?.first?["url"] as? String == "\(fake.baseURL)/videos/\(id)/1.mp4")
                #expect(fake.callbacksSent.map(\.httpStatus) == [200, 200, 200])
                #expect(fake.callbacksSent.allSatisfy { $0.url == receiver.url })
            }
        }
    }

    @Test func repeatsReorderFailuresAndAnswersAreRecorded() async throws {
        try await withReceiver { receiver in
            try await withFake { fake in
                fake.callbackRepeats = 2
                fake.setNextTaskFates([.fail("content policy")])
                _ = try await fake.post(multiBody(callback: receiver.url))
                await fake.awaitCallbacks()
                #expect(
                    receiver.statuses == ["submitted", "submitted", "processing", "processing", "failed", "failed"])
                #expect(receiver.bodies.last?.contains("content policy") == true)
                fake.callbackRepeats = 1
                fake.callbackReorder = true
                receiver.answerStatus = 500
                _ = try await fake.post(multiBody(callback: receiver.url))
                await fake.awaitCallbacks()
                #expect(receiver.statuses.suffix(3) == ["succeed", "submitted", "processing"])
                #expect(fake.callbacksSent.suffix(3).map(\.httpStatus) == [500, 500, 500])
                #expect(fake.callbacksSent.suffix(3).map(\.taskStatus) == ["succeed", "submitted", "processing"])
            }
        }
    }

    @Test func onDemandCallbacksAndStopCancelsPendingOnes() async throws {
        try await withReceiver { receiver in
            let slow = FakeTimeline(submitted: .seconds(30), processing: .seconds(30))
            try await withFake(timeline: slow) { fake in
                let unknown = #"{"task_id":"no-such-task","task_status":"succeed"}"#
                let record = await fake.sendCallback(to: receiver.url, json: unknown)
                #expect(record.httpStatus == 200 && record.taskStatus == "succeed" && record.error == nil)
                #expect(receiver.bodies == [unknown])
                let nowhere = await fake.sendCallback(
                    to: "http://127.0.0.1:1/callback", json: "{}", timeout: .milliseconds(200))
                #expect(nowhere.httpStatus == nil && nowhere.error != nil)
                _ = try await fake.post(multiBody(callback: receiver.url))
                #expect(await receiver.waitFor(2, timeout: .seconds(3)))
                let started = ContinuousClock.now
                await fake.stop()
                #expect(ContinuousClock.now - started < .seconds(5))
                #expect(receiver.statuses == ["succeed", "submitted"])
                #expect(fake.callbacksSent.count == 3)
            }
        }
    }
}
