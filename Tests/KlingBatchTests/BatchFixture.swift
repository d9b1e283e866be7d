import Foundation
import KlingBatch
import KlingCheck
import KlingFakeService
import KlingImage
import KlingSubmit
import Synchronization
import TestSupport

let batchKey = "sk-batch-test-0123456789abcdef"

/// A folder of generated jobs: `jobs/group-G/job-N.yaml`, all drawing on one small real PNG;
/// every `invalidEvery`-th job has a duration the API refuses.
struct BatchFixture {
    let root: URL
    let count: Int
    let invalid: Set<Int>

    var jobsFolder: String { root.appendingPathComponent("jobs").path }

    static func make(count: Int, invalidEvery: Int = 10) throws -> BatchFixture {
        let root = try TestPaths.temporaryDirectory()
        let jobs = root.appendingPathComponent("jobs")
        try FileManager.default.createDirectory(at: jobs, withIntermediateDirectories: true)
        try Data(try picture()).write(to: jobs.appendingPathComponent("frame.png"))
        var invalid: Set<Int> = []
        for number in 1...count {
            let group = jobs.appendingPathComponent("group-\(number % 5)")
            try FileManager.default.createDirectory(at: group, withIntermediateDirectories: true)
            let bad = number % invalidEvery == 0
            if bad { invalid.insert(number) }
            let text = """
                model: kling-v1
                duration: \(bad ? "7" : "5")
                prompt: Shot \(number) of the batch, the camera drifts slowly.
                images:
                  - ../frame.png

                """
            try Data(text.utf8).write(to: group.appendingPathComponent("job-\(number).yaml"))
        }
        return BatchFixture(root: root, count: count, invalid: invalid)
    }

    /// A 320x320 RGB picture with gradients and noise (a valid image2video input).
    static func picture() throws -> [UInt8] {
        let side = 320
        var pixels = [UInt8](repeating: 0, count: side * side * 3)
        var seed: UInt32 = 7
        for y in 0..<side {
            for x in 0..<side {
                seed = seed &* 1_664_525 &+ 1_013_904_223
                let noise = UInt8(truncatingIfNeeded: seed >> 27)
                let at = (y * side + x) * 3
                pixels[at] = UInt8(x * 255 / side) &+ noise
                pixels[at + 1] = UInt8(y * 255 / side)
                pixels[at + 2] = UInt8((x + y) * 127 / side) &+ noise
            }
        }
        return try PNGEncoder.encode(pixels: pixels, width: side, height: side, channels: 3)
    }

    /// The job number of a result's input (`…/job-N.yaml`).
    static func number(of result: BatchJobResult) -> Int? {
        let name = (result.input as NSString).lastPathComponent
        return Int(name.dropFirst("job-".count).dropLast(".yaml".count))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A fake service and a batch service (client, journal, pace) wired to it with fast timings.
struct BatchHarness: Sendable {
    let fake: FakeKlingService
    let client: KlingClient
    let pace: RequestPace

    static func start(concurrencyLimit: Int? = nil) async throws -> BatchHarness {
        let fake = FakeKlingService(
            backend: .cometapi(apiKey: batchKey),
            timeline: FakeTimeline(submitted: .milliseconds(40), processing: .milliseconds(80)), videoBytes: 4096,
            concurrencyLimit: concurrencyLimit)
        try await fake.start()
        let pace = RequestPace(tick: .milliseconds(20))
        let settings = ClientSettings(
            requestTimeout: .seconds(20), uploadTimeout: .seconds(20), connectTimeout: .seconds(10),
            downloadTimeout: .seconds(20), retry: RetryPolicy(maxAttempts: 8, initialDelay: .milliseconds(30)),
            pace: pace)
        let client = KlingClient(
            endpoint: try ServiceEndpoint(baseURL: fake.baseURL, backend: .cometapi),
            credentials: .apiKey(try APIKey(batchKey)), settings: settings)
        return BatchHarness(fake: fake, client: client, pace: pace)
    }

    func service(journal: URL) -> BatchService {
        BatchService(
            client: client, journal: Journal(url: journal), pace: pace,
            poll: PollSchedule(initial: .milliseconds(20), maximum: .milliseconds(80)))
    }

    func stop() async {
        try? await client.shutdown()
        await fake.stop()
    }
}

/// Events seen by a batch, for assertions.
final class BatchEvents: Sendable {
    private let finished = Mutex<[String]>([])
    private let submissions = Mutex<[SubmitEvent]>([])

    func record(_ event: BatchEvent) {
        switch event {
        case .finished(let result, _, _): finished.withLock { $0.append(result.input) }
        case .submission(_, let event): submissions.withLock { $0.append(event) }
        case .progress: break
        }
    }

    var finishedInputs: [String] { finished.withLock { $0 } }
    var submitEvents: [SubmitEvent] { submissions.withLock { $0 } }
}
