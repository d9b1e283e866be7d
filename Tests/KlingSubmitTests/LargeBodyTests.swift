import KlingCheck
import KlingFakeService
import Foundation
import Testing
@testable import KlingSubmit

@Suite(.serialized) struct LargeBodyTests {
    /// A body whose `external_task_id` value straddles the scanner's 1 MiB chunk boundary.
    @Test func replacementAcrossAChunkBoundary() throws {
        let scratch = try Scratch()
        let url = scratch.file("big.json")
        let head = #"{"prompt":""#
        let tail = #"","external_task_id":"old-id"}"#
        let padding = BodyScanner.chunkSize - head.utf8.count - 25
        try Data((head + String(repeating: "a", count: padding) + tail).utf8).write(to: url)
        let scan = try BodyScanner.scan(url)
        #expect(scan.externalID == "old-id")
        let range = try #require(scan.externalIDRange)
        #expect(range.lowerBound < Int64(BodyScanner.chunkSize) && range.upperBound > Int64(BodyScanner.chunkSize))
        let prepared = try PreparedBody.prepare(original: url, scan: scan, externalID: "new-id", route: .image2video)
        defer { prepared.discard() }
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: prepared.fileToSend)) as? [String: Any])
        #expect(object["external_task_id"] as? String == "new-id")
        #expect((object["prompt"] as? String)?.count == padding)
    }

    /// An 8 MB body goes up as a stream and creates exactly one task.
    @Test func aMultiMegabyteBodyIsStreamedUp() async throws {
        try await withHarness(requestTimeout: .seconds(20)) { h in
            let image = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString()
            let body = try h.scratch.body(image: image)
            #expect((try FileManager.default.attributesOfItem(atPath: body.path)[.size] as? Int ?? 0) > 8_000_000)
            h.service.inject(.closeAfterBody, on: .create)
            let outcome = try await h.submitter().submit(body: body, options: SubmitOptions())
            #expect(outcome.origin == .adopted)
            #expect(h.service.totalCreated == 1)
        }
    }
}
