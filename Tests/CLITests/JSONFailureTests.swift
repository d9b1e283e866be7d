import Foundation
import TestSupport
import Testing

/// Every command's `--json` failure is the one document pipelines rely on:
/// `{"ok": false, "error": {"message", "exit_code", "service_code"?, "task_id"?}}`, with the
/// sentence on stderr and the document's exit code as the process's.
struct JSONFailureTests {
    /// A path under a fresh temporary directory that does not exist.
    static func missing(_ name: String) throws -> String {
        try TestPaths.temporaryDirectory().appendingPathComponent(name).path
    }

    /// Runs `arguments` and checks the failure document; returns its `error` object.
    @discardableResult
    static func failure(
        _ arguments: [String], exitCode: Int32, environment: [String: String] = ["COMETAPI_KEY": ""]
    ) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments, environment: environment)
        #expect(result.status == exitCode, "\(arguments): \(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "\(result.stdout)")
        #expect(Set(document.keys) == ["ok", "error"])
        #expect(document["ok"] as? Bool == false)
        let error = try #require(document["error"] as? [String: Any])
        #expect(Set(error.keys).isSubset(of: ["message", "exit_code", "service_code", "task_id"]), "\(error.keys)")
        #expect(error["exit_code"] as? Int == Int(exitCode))
        let message = try #require(error["message"] as? String)
        #expect(!message.isEmpty)
        #expect(result.stderr.contains("Error: "), "\(result.stderr)")
        return error
    }

    @Test func aMissingJobFileIsOneDocument() throws {
        let job = try Self.missing("job.yaml")
        for arguments in [["validate", job], ["build", job, "-o", try Self.missing("out")], ["submit", job]] {
            // submit checks the credentials before it reads the job: give it some.
            let error = try Self.failure(
                arguments + ["--json"], exitCode: 1, environment: ["COMETAPI_KEY": "sk-json-failure-test"])
            #expect((error["message"] as? String)?.contains("cannot read \(job)") == true)
        }
    }

    @Test func aMissingKeyFileIsOneDocumentForEverySubmitterCommand() throws {
        let key = try Self.missing("key.txt")
        let output = try Self.missing("videos")
        for arguments in [["status", "task-1"], ["wait", "task-1"], ["download", "task-1", "-o", output]] {
            let error = try Self.failure(arguments + ["--api-key-file", key, "--json"], exitCode: 64)
            #expect((error["message"] as? String)?.contains("Cannot read the API key file \(key)") == true)
        }
    }

    @Test func theDrawingCommandsFailWithOneDocument() throws {
        let like = try Self.missing("photo.jpg")
        try Self.failure(["mask", "--like", like, "all", "-o", try Self.missing("m.png"), "--json"], exitCode: 1)
        try Self.failure(["path", "--size", "100x100", "line 0.4;0.6", "--json"], exitCode: 1)
    }

    @Test func usageErrorsAreOneDocumentToo() throws {
        for arguments in [["status"], ["validate"], ["mask", "--size", "0x0", "all", "-o", "m.png"]] {
            try Self.failure(arguments + ["--json"], exitCode: 64)
        }
    }
}
