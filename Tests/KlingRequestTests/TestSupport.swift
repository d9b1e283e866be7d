import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

/// Fixture locations and small helpers shared by the tests.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    static let job = directory.appendingPathComponent("job")
    static var jobYAML: String { job.appendingPathComponent("job.yaml").path }
    static var jobJSON: String { job.appendingPathComponent("job.json").path }
    static var imageA: String { job.appendingPathComponent("images/a.png").path }
    static var imageB: String { job.appendingPathComponent("images/b.jpg").path }

    /// Set to rewrite golden files when a change is intended.
    static let updateGoldens = ProcessInfo.processInfo.environment["KLINGPREP_UPDATE_GOLDENS"] == "1"
}

/// A fresh empty directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("klingrequest-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Decodes YAML job text with `/jobs` as its directory.
func yamlJob(_ text: String) -> JobDocument {
    JobFile.decode(Data(text.utf8), format: .yaml, baseDirectory: "/jobs")
}

/// Decodes JSON job text with `/jobs` as its directory.
func jsonJob(_ text: String) -> JobDocument {
    JobFile.decode(Data(text.utf8), format: .json, baseDirectory: "/jobs")
}

/// A finding reduced to what tests pin: its code and path.
struct CodeAndPath: Hashable, CustomStringConvertible, Sendable {
    var code: String
    var path: String?
    init(_ code: String, _ path: String?) {
        self.code = code
        self.path = path
    }
    var description: String { "\(code) @ \(path ?? "-")" }
}

extension Array where Element == Finding {
    var codesAndPaths: [CodeAndPath] { map { CodeAndPath($0.code, $0.path) } }
}

/// The masks and trajectories the golden body uses (stand-ins for the brush module's output).
enum GoldenBrushes {
    static let staticMask = Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    static let dynamicMasks: [DynamicMask] = [
        DynamicMask(
            mask: .data(Data((0..<301).map { UInt8(truncatingIfNeeded: $0 &* 13) })),
            trajectories: [APIPoint(x: 10, y: 20), APIPoint(x: 30, y: 40)]),
        DynamicMask(
            mask: .data(Data((0..<302).map { UInt8(truncatingIfNeeded: $0 &* 31) })),
            trajectories: [APIPoint(x: 0, y: 0), APIPoint(x: 5, y: 9), APIPoint(x: 1279, y: 719)]),
    ]
}
