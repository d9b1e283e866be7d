import KlingCheck
import Foundation
import KlingRequest

/// Measures the payload writer: peak memory (VmHWM) and time for a body of 4 × 10 MB images,
/// compared with building the same body in memory with `JSONEncoder`.
///
/// Usage: `swift run -c release RequestBenchmark [MEGABYTES-PER-IMAGE] [--in-memory]`.
/// Each run measures one approach in a fresh process so the peaks do not mix.
@main
enum RequestBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let megabytes = arguments.first.flatMap { Int($0) } ?? 10
        let inMemory = arguments.contains("--in-memory")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klingprep-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var images: [PayloadSource] = []
        for index in 0..<4 {
            let path = directory.appendingPathComponent("image-\(index).jpg").path
            try writeFile(path, bytes: megabytes * 1_000_000, seed: UInt8(index))
            images.append(.file(path))
        }
        let mask = Data(repeating: 0x7F, count: 200_000)
        let groups = (0..<6).map { group in
            DynamicMask(
                mask: .data(mask), trajectories: (0..<77).map { APIPoint(x: $0 * 10 + group, y: $0 * 5) })
        }
        let plan = RequestBody(
            route: .multiImage2video, modelName: "kling-v1", mode: "pro", duration: "5", prompt: "Benchmark",
            cfgScale: 0.5, images: images, staticMask: .data(mask), dynamicMasks: groups)
        let out = directory.appendingPathComponent("request.json").path

        resetPeak()
        let before = memory()
        let clock = ContinuousClock()
        let start = clock.now
        var bytes = 0
        if inMemory {
            let body = try RequestBody.encoder().encode(plan.resolved())
            try body.write(to: URL(fileURLWithPath: out), options: .atomic)
            bytes = body.count
        } else {
            bytes = try PayloadWriter().write(plan, to: out).bytes
        }
        let elapsed = clock.now - start
        let after = memory()
        print(
            """
            approach: \(inMemory ? "in-memory JSONEncoder" : "PayloadWriter (streaming)")
            inputs: 4 × \(megabytes) MB files, 1 static + 6 dynamic masks of 200 kB
            body: \(bytes) bytes in \(elapsed.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))
            VmRSS before: \(before.rss / 1024) MiB; VmHWM during write: \(after.hwm / 1024) MiB (peak above the start: \((after.hwm - before.rss) / 1024) MiB)
            """)

        resetPeak()
        let validateStart = clock.now
        let report = try RawBodyValidator.load(path: out)
        let validateElapsed = clock.now - validateStart
        print(
            "validate request.json: \(report.findings.count) findings in \(validateElapsed.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1)))); VmHWM \(memory().hwm / 1024) MiB"
        )
    }

    /// Writes `bytes` pseudo-random bytes in 1 MB pieces (so writing inputs needs no big buffer).
    static func writeFile(_ path: String, bytes: Int, seed: UInt8) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var state = UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15
        var remaining = bytes
        while remaining > 0 {
            let count = min(remaining, 1_000_000)
            var piece = [UInt8](repeating: 0, count: count)
            for index in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                piece[index] = UInt8(truncatingIfNeeded: state >> 33)
            }
            try handle.write(contentsOf: piece)
            remaining -= count
        }
    }

    /// Resets the kernel's peak-RSS counter (Linux: write 5 to /proc/self/clear_refs).
    static func resetPeak() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    /// VmRSS and VmHWM in KiB from /proc/self/status.
    static func memory() -> (rss: Int, hwm: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func value(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return (value("VmRSS"), value("VmHWM"))
    }
}
