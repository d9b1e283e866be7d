import Foundation
import KlingCheck
import TestSupport
import KlingFakeService
import Synchronization
import Testing

let cliKey = "sk-cli-SECRET-90ab12cd"
/// Kling's key pair in CLI tests; tests grep every output and file for them.
let cliAccessKey = "AK-cli-ACCESS-5e6f70"
let cliSecretKey = "SK-cli-SECRETKEY-a1b2c3"

/// Output of one CLI run.
struct CLIResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// A started `klingprep` process whose output goes to files.
final class CLIProcess: @unchecked Sendable {
    // @unchecked: `Process` is used from one test at a time; termination is awaited through a continuation.
    let process = Process()
    let outURL: URL
    let errURL: URL
    private let exited = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let done = Mutex(false)

    init(_ arguments: [String], environment: [String: String], in directory: URL) throws {
        let id = UUID().uuidString
        outURL = directory.appendingPathComponent("stdout-\(id).txt")
        errURL = directory.appendingPathComponent("stderr-\(id).txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = try CLIProcess.binary()
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            let continuation = self.exited.withLock { c -> CheckedContinuation<Void, Never>? in
                defer { c = nil }
                return c
            }
            self.done.withLock { $0 = true }
            continuation?.resume()
        }
        try process.run()
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    func wait() async -> CLIResult {
        await withCheckedContinuation { continuation in
            let already = done.withLock { finished -> Bool in
                if !finished { exited.withLock { $0 = continuation } }
                return finished
            }
            if already { continuation.resume() }
        }
        // The handler may run before the status is readable; wait for it.
        while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return CLIResult(status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// The built `klingprep`, found next to the test bundle (or `KLINGPREP_BIN`).
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["KLINGPREP_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("klingprep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("klingprep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CLITestError.binaryNotFound
    }
}

enum CLITestError: Error { case binaryNotFound }

/// A fake service plus a scratch directory for CLI runs.
struct CLIHarness: Sendable {
    let service: FakeKlingService
    let directory: URL
    let backend: Backend

    static func start(timeline: FakeTimeline = FakeTimeline(), backend: Backend = .cometapi) async throws
        -> CLIHarness
    {
        let fake: FakeBackend =
            backend == .kling ? .kling(accessKey: cliAccessKey, secretKey: cliSecretKey) : .cometapi(apiKey: cliKey)
        let service = FakeKlingService(backend: fake, timeline: timeline, videoBytes: 32 * 1024)
        try await service.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "klingprep-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return CLIHarness(service: service, directory: directory, backend: backend)
    }

    /// Where tests write key files (not searched by ``keyLeaked(_:)``).
    var credentialsDirectory: URL { directory.appendingPathComponent("credentials") }

    /// Where the runs keep their state files (doctor's findings, the hook's secret).
    var stateDirectory: URL { directory.appendingPathComponent("state") }

    func stop() async {
        await service.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("KLINGPREP_") && !$0.key.hasPrefix("KLING_") && $0.key != "COMETAPI_KEY"
        }
        env["COMETAPI_KEY"] = cliKey
        env["KLINGPREP_STATE_DIR"] = stateDirectory.path
        if backend == .kling {
            env["KLINGPREP_BACKEND"] = "kling"
            env["KLING_ACCESS_KEY"] = cliAccessKey
            env["KLING_SECRET_KEY"] = cliSecretKey
        }
        return env
    }

    var fast: [String] {
        ["--base-url", service.baseURL, "--poll-interval", "0.02", "--poll-max", "0.05", "--retry-delay", "0.01"]
    }

    func body(_ name: String = "request.json", externalID: String? = nil, model: String = "kling-v1-6") throws -> URL {
        // Real images: `submit` checks a body as `validate` does before sending it.
        let photo = TestPaths.fixture("images/landscape.jpg")
        let b64 = ((try? Data(contentsOf: URL(fileURLWithPath: photo))) ?? Data()).base64EncodedString()
        var text =
            #"{"model_name":"\#(model)","duration":"5","image_list":[{"image":"\#(b64)"},{"image":"\#(b64)"}],"prompt":"walk""#
        if let externalID { text += #","external_task_id":"\#(externalID)""# }
        text += "}"
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    var journalURL: URL { directory.appendingPathComponent("klingprep-journal.jsonl") }

    func start(_ arguments: [String], environment: [String: String]? = nil) throws -> CLIProcess {
        try CLIProcess(arguments, environment: environment ?? self.environment, in: directory)
    }

    func run(_ arguments: [String], environment: [String: String]? = nil) async throws -> CLIResult {
        try await start(arguments, environment: environment).wait()
    }

    /// Whether a key, the key pair or a token the service was shown appears in any output or in
    /// any file under the scratch directory (journals, reports, bodies, state files).
    /// Files under ``credentialsDirectory`` hold credentials on purpose and are not searched.
    func keyLeaked(_ results: [CLIResult]) -> Bool {
        var texts = results.map { $0.stdout + $0.stderr }
        if let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in files where !url.path.hasPrefix(credentialsDirectory.path + "/") {
                // Regular files only: a FIFO a test made would block the read.
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                if let data = try? Data(contentsOf: url) { texts.append(String(decoding: data, as: UTF8.self)) }
            }
        }
        let secrets = [cliKey, cliAccessKey, cliSecretKey] + service.presentedTokens
        let all = texts.joined()
        return secrets.contains { !$0.isEmpty && all.contains($0) }
    }

    /// Waits until `condition` holds (at most `seconds`).
    func until(seconds: Double = 20, _ condition: () -> Bool) async throws {
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while !condition() {
            guard ContinuousClock.now < end else { throw CLITestError.binaryNotFound }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

func withCLI(
    timeline: FakeTimeline = FakeTimeline(), backend: Backend = .cometapi, _ body: (CLIHarness) async throws -> Void
) async throws {
    let harness = try await CLIHarness.start(timeline: timeline, backend: backend)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}

func json(_ line: String?) -> [String: Any]? {
    guard let line, let data = line.data(using: .utf8) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}
