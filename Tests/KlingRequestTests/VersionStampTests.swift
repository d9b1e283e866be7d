import Foundation
import KlingCheck
import KlingRequest
import TestSupport
import Testing

/// `report.json` says which KlingPrep wrote it.
struct VersionStampTests {
    @Test func aBuildReportCarriesTheVersion() async throws {
        let report = await JobChecker.check(try JobFile.load(path: TestPaths.fixture("demo/job.yaml")))
        let data = try BuildReport(report: report).jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["klingprep_version"] as? String == KlingPrepVersion.current)
    }

    @Test func theVersionIsThreeNumbers() {
        let parts = KlingPrepVersion.current.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    }
}
