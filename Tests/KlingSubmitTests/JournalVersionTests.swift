import Foundation
import KlingCheck
import Testing
@testable import KlingSubmit

/// Each journal record says which KlingPrep wrote it; records written before that still read.
@Suite struct JournalVersionTests {
    @Test func aWrittenRecordCarriesTheVersion() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("j.jsonl"))
        try journal.append(JournalRecord(event: .prepared, route: .image2video, bodySHA256: "h", externalTaskID: "e"))
        let line = try String(contentsOf: journal.url, encoding: .utf8)
        #expect(line.contains(#""klingprep_version":"\#(KlingPrepVersion.current)""#), "\(line)")
        #expect(try journal.records().first?.klingprepVersion == KlingPrepVersion.current)
    }

    @Test func aRecordWrittenBeforeTheVersionWasRecordedStillReads() throws {
        let scratch = try Scratch()
        let journal = Journal(url: scratch.file("old.jsonl"))
        let old =
            #"{"event":"created","external_task_id":"old-1","route":"image2video","task_id":"t-1","time":"2026-01-01T00:00:00.000Z","v":1}"#
        try Data((old + "\n").utf8).write(to: journal.url)
        let record = try #require(try journal.records().first)
        #expect(record.klingprepVersion == nil)
        #expect(record.taskID == "t-1" && record.event == .created)
        #expect(try journal.job(forTaskID: "t-1")?.externalID == "old-1")
    }
}
