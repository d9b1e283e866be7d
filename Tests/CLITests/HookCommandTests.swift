import Foundation
import KlingFakeService
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `klingprep hook serve` through the built binary.
@Suite(.serialized) struct HookCommandTests {
    @Test func helpListsTheFlags() async throws {
        try await withCLI { h in
            let result = try await h.run(["hook", "serve", "--help"])
            #expect(result.status == 0)
            for flag in [
                "--listen", "--journal", "--output", "--state", "--public-base", "--base-url", "--api-key-file",
            ] {
                #expect(result.stdout.contains(flag), "\(flag)")
            }
            let group = try await h.run(["hook", "--help"])
            #expect(group.stdout.contains("serve"))
        }
    }

    @Test func badFlagValuesAreUsageErrors() async throws {
        try await withCLI { h in
            let base = ["hook", "serve", "--journal", "j.jsonl", "-o", "videos"]
            let noPort = try await h.run(base + ["--listen", "127.0.0.1"])
            #expect(noPort.status == 64)
            #expect(noPort.stderr.contains("--listen 127.0.0.1 is not usable: no :PORT"), "\(noPort.stderr)")
            let bigPort = try await h.run(base + ["--listen", "127.0.0.1:70000"])
            #expect(bigPort.status == 64)
            #expect(bigPort.stderr.contains("the port must be a number from 0 to 65535"))
            let noJournal = try await h.run(["hook", "serve", "--listen", "127.0.0.1:0", "-o", "videos"])
            #expect(noJournal.status == 64)
            #expect(noJournal.stderr.contains("needs --journal FILE"))
            let insecure = try await h.run(base + ["--listen", "127.0.0.1:0", "--public-base", "http://example.com"])
            #expect(insecure.status == 64)
            #expect(insecure.stderr.contains("Refusing plain http://"))
            let noKey = try await h.run(
                base + ["--listen", "127.0.0.1:0", "--state", "s.json"],
                environment: h.environment.filter { $0.key != "COMETAPI_KEY" })
            #expect(noKey.status == 64)
            #expect(noKey.stderr.contains("No API key"))
        }
    }

    @Test func serveConfirmsACallbackAndStopsOnSIGINT() async throws {
        try await withCLI(timeline: FakeTimeline(submitted: .zero, processing: .zero)) { h in
            let taskID = try #require(h.service.seedTask(on: .multiImage2video, externalID: "cli-hook-1"))
            let record =
                #"{"event":"created","external_task_id":"cli-hook-1","route":"multi-image2video","#
                + #""status":"submitted","task_id":"\#(taskID)","time":"2026-01-01T00:00:00.000Z","v":1}"#
            try Data((record + "\n").utf8).write(to: h.journalURL)
            let process = try h.start(
                [
                    "hook", "serve", "--listen", "127.0.0.1:0", "--journal", h.journalURL.path, "-o", "videos",
                    "--state", "state/hook.json", "--public-base", "https://example.com/kp/", "--json",
                ] + h.fast)
            var started: [String: Any]?
            try await h.until {
                let text = (try? String(contentsOf: process.outURL, encoding: .utf8)) ?? ""
                started = json(text.split(separator: "\n").first.map(String.init))
                return started != nil
            }
            let port = try #require(started?["port"] as? Int)
            let callbackURL = try #require(started?["callback_url"] as? String)
            #expect(callbackURL.hasPrefix("https://example.com/kp/hook/"))
            let path = String(callbackURL.dropFirst("https://example.com/kp".count))
            let attributes = try FileManager.default.attributesOfItem(
                atPath: h.directory.appendingPathComponent("state/hook.json").path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            let body = #"{"task_id":\#(taskID),"task_status":"succeed","created_at":"1","updated_at":2}"#
            #expect(try rawPost(port: port, path: "/hook/wrong", body: body).hasPrefix("HTTP/1.1 404"))
            #expect(try rawPost(port: port, path: path, body: body).hasPrefix("HTTP/1.1 200"))
            let video = h.directory.appendingPathComponent("videos/\(taskID).mp4")
            try await h.until { FileManager.default.fileExists(atPath: video.path) }
            try await h.until {
                ((try? String(contentsOf: h.journalURL, encoding: .utf8)) ?? "").contains(#""event":"downloaded""#)
            }
            process.signal(SIGINT)
            let result = await process.wait()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Data(contentsOf: video) == Data(h.service.videoContent()))
            let stopped = try #require(json(result.stdoutLines.last)?["stopped"] as? [String: Any])
            #expect(stopped["updated"] as? Int == 1)
            // The secret is printed once, as the URL asked for; the log never shows it.
            #expect(!result.stderr.contains(path.dropFirst(6)))
            #expect(result.stderr.contains("Refused a request: HTTP 404"))
            #expect(!h.keyLeaked([result]))
        }
    }
}

/// Sends one `POST` with `body` to 127.0.0.1:`port` over a plain socket; returns the answer.
func rawPost(port: Int, path: String, body: String) throws -> String {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw CLITestError.binaryNotFound }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else { throw CLITestError.binaryNotFound }
    let request =
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    let bytes = Array(request.utf8)
    var sent = 0
    while sent < bytes.count {
        let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw CLITestError.binaryNotFound }
        sent += n
    }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        answer += buffer[0..<n]
    }
    return String(decoding: answer, as: UTF8.self)
}
