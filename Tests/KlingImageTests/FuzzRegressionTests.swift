import Foundation
import KlingImage
import TestSupport
import Testing

/// Every input kept under fixtures/fuzz/FuzzImageProbe and fixtures/fuzz/FuzzImageDecode (the
/// reproducers of the libFuzzer targets, FUZZING.md) goes through the same API as its target:
/// each call returns or throws an ``ImageError``, and never crashes.
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let folder = TestPaths.fixtures.appendingPathComponent("fuzz/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted().map { "fuzz/\(target)/\($0)" }
    }

    @Test(arguments: inputs("FuzzImageProbe"))
    func probeInput(fixture: String) throws {
        let bytes = try FixtureData.bytes(fixture)
        let probed = try? ImageProbe.probe(bytes: bytes)
        if let info = probed, let trailing = info.trailingByteCount {
            #expect((0...bytes.count).contains(trailing))
        }
        let inspection = ImageInspector.inspect(bytes: bytes, label: fixture, decode: false)
        #expect(inspection.info == probed)
    }

    @Test(arguments: inputs("FuzzImageDecode"))
    func decodeInput(fixture: String) throws {
        let bytes = try FixtureData.bytes(fixture)
        do {
            let report = try ImageDecoder.verify(bytes: bytes, limits: .standard)
            #expect(report.width > 0 && report.height > 0)
        } catch {
            #expect(!error.description.isEmpty)
        }
        let inspection = ImageInspector.inspect(bytes: bytes, label: fixture, decode: true)
        #expect(inspection.decodable != nil)
    }

    /// The first finding: a 57-byte PNG whose tEXt chunk claims 1 GiB made libpng allocate 1 GiB
    /// before reading it (now capped by `png_set_chunk_malloc_max`); it is refused as damaged.
    @Test func pngChunkClaimingAGibibyteIsRefused() throws {
        let bytes = try FixtureData.bytes("fuzz/FuzzImageDecode/oom-png-tEXt-claims-1GiB.png")
        #expect(throws: ImageError.self) { try ImageDecoder.verify(bytes: bytes) }
    }
}
