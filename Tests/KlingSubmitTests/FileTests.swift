import Foundation
import KlingCheck
import Testing
@testable import KlingSubmit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file the submitter opens goes through KlingCheck's ``InputFile``: devices, FIFOs and
/// folders are refused by name, at once, instead of hanging or reading forever.
@Suite struct SubmitFileTests {
    /// A FIFO in `scratch` (nobody ever writes to it: opening it the usual way would block).
    func fifo(_ scratch: Scratch) throws -> URL {
        let url = scratch.file("pipe")
        try #require(mkfifo(url.path, 0o600) == 0)
        return url
    }

    @Test func aKeyFileThatIsADeviceOrAFIFOIsRefusedByName() throws {
        #expect(
            throws: SubmitError.apiKeyFileUnreadable(
                path: "/dev/zero", reason: "it is a character device, not a regular file")
        ) {
            try APIKey.load(file: URL(fileURLWithPath: "/dev/zero"), environment: [:])
        }
        let scratch = try Scratch()
        let pipe = try fifo(scratch)
        #expect(
            throws: SubmitError.apiKeyFileUnreadable(
                path: pipe.path, reason: "it is a FIFO (named pipe), not a regular file")
        ) {
            try APIKey.load(file: pipe, environment: [:])
        }
        #expect(
            throws: SubmitError.apiKeyFileUnreadable(
                path: scratch.url.path, reason: "it is a folder, not a regular file")
        ) {
            try APIKey.load(file: scratch.url, environment: [:])
        }
    }

    @Test func aKeyFileLargerThanAKeyIsRefusedUnread() throws {
        let scratch = try Scratch()
        let big = scratch.file("big")
        try Data(repeating: UInt8(ascii: "k"), count: APIKey.maximumFileBytes + 1).write(to: big)
        #expect {
            try APIKey.load(file: big, environment: [:])
        } throws: { error in
            guard case SubmitError.apiKeyFileUnreadable(_, let reason) = error else { return false }
            return reason.contains("4,097 bytes, more than the 4,096 bytes allowed")
        }
    }

    @Test func aBodyThatIsAFIFOIsRefusedByName() throws {
        let scratch = try Scratch()
        let pipe = try fifo(scratch)
        #expect(
            throws: SubmitError.bodyUnreadable(path: pipe.path, reason: "it is a FIFO (named pipe), not a regular file")
        ) {
            try BodyScanner.scan(pipe)
        }
        #expect(
            throws: SubmitError.bodyUnreadable(
                path: "/dev/zero", reason: "it is a character device, not a regular file")
        ) {
            try BodyScanner.scan(URL(fileURLWithPath: "/dev/zero"))
        }
    }

    @Test func aJournalThatIsAFolderOrAFIFOIsRefusedWithoutBlocking() throws {
        let scratch = try Scratch()
        let folder = Journal(url: scratch.url)
        #expect(
            throws: SubmitError.journalUnreadable(path: scratch.url.path, reason: "it is a folder, not a regular file")
        ) {
            try folder.records()
        }
        let pipe = Journal(url: try fifo(scratch))
        #expect(
            throws: SubmitError.journalUnreadable(
                path: pipe.url.path, reason: "it is a FIFO (named pipe), not a regular file")
        ) {
            try pipe.records()
        }
        #expect(
            throws: SubmitError.fileNotWritable(
                path: pipe.url.path, reason: "it is a FIFO (named pipe), not a regular file")
        ) {
            try pipe.append(JournalRecord(event: .prepared, route: .image2video, externalTaskID: "e"))
        }
        #expect(
            throws: SubmitError.fileNotWritable(path: scratch.url.path, reason: "it is a folder, not a regular file")
        ) {
            try folder.append(JournalRecord(event: .prepared, route: .image2video, externalTaskID: "e"))
        }
    }

    @Test func theRewrittenBodyIsWrittenAtomically() throws {
        let scratch = try Scratch()
        let prepared = try PreparedBody.prepare(try scratch.multiImageBody(), externalID: "atomic-1")
        defer { prepared.discard() }
        #expect(prepared.isTemporaryCopy)
        let folder = prepared.fileToSend.deletingLastPathComponent().path
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix(".\(prepared.fileToSend.lastPathComponent)") }
        #expect(leftovers.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: prepared.fileToSend)) as? [String: Any]
        #expect(object?["external_task_id"] as? String == "atomic-1")
    }
}
