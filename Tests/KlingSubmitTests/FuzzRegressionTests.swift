import Foundation
@_spi(Fuzzing) import KlingSubmit
import Testing

/// Every input kept under fixtures/fuzz/FuzzAnswer (the reproducers of the libFuzzer target,
/// FUZZING.md) goes through the same decoder as the target: it reads as a task, a list and a
/// lookup answer, or fails with a ``SubmitError``, and the redacted secret reaches no text.
struct FuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/fuzz")

    static func inputs(_ target: String) -> [String] {
        let folder = fixtures.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted().map { "\(target)/\($0)" }
    }

    @Test(arguments: inputs("FuzzAnswer"))
    func answerInput(input: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(input)))
        guard let readings = AnswerDecoding.decode(fuzzInput: bytes) else { return }
        for reading in [readings.task, readings.list, readings.lookup] {
            if case .failure(let error) = reading {
                #expect(!"\(error)".contains(AnswerDecoding.fuzzSecret))
            }
        }
    }

    /// The decoder alone, on the two error dialects and a success (api.md, "Errors").
    @Test func bothDialectsAndASuccessDecode() {
        let task = Array(#"{"code":0,"message":"SUCCEED","data":{"task_id":"t-1","task_status":"submitted"}}"#.utf8)
        #expect(AnswerDecoding.decode(status: 200, body: task).task == .success(summary: "task t-1 submitted"))
        let envelope = Array(#"{"code":1303,"message":"busy sk-fuzz-SECRET"}"#.utf8)
        let busy = AnswerDecoding.decode(status: 429, body: envelope, secrets: [AnswerDecoding.fuzzSecret])
        guard case .failure(let error) = busy.task else {
            Issue.record("a 1303 envelope decoded as a success")
            return
        }
        #expect(!"\(error)".contains(AnswerDecoding.fuzzSecret))
        let gateway = Array(#"{"error":{"code":"invalid_request","message":"bad","type":"x"}}"#.utf8)
        guard case .failure = AnswerDecoding.decode(status: 500, body: gateway).list else {
            Issue.record("a gateway error decoded as a success")
            return
        }
    }
}
