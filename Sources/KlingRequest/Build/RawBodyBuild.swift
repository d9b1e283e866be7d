import Foundation
public import KlingCheck

/// `klingprep build request.json -o DIR`: a raw body checked like a job, then written back in
/// its canonical form (keys sorted, compact) as `request.json` when nothing blocks, with a
/// `report.json` beside it.
public enum RawBodyBuild {
    /// What was written.
    public struct Output: Sendable, Encodable {
        /// False when a finding blocks (an error, or a warning with `--strict`).
        public var ok: Bool
        /// The route the body is for.
        public var route: Route
        /// Every finding.
        public var findings: [Finding]
        /// `request.json`, or `nil` when a finding blocked it.
        public var request: String?
        /// `report.json`.
        public var report: String
        /// The KlingPrep that wrote the report (``KlingPrepVersion/current``).
        public var klingprepVersion = KlingPrepVersion.current

        enum CodingKeys: String, CodingKey {
            case ok, route, findings, request, report
            case klingprepVersion = "klingprep_version"
        }
    }

    /// Writes `request.json` (when `findings` do not block and the body could be read whole)
    /// and `report.json` into `directory`; a stale `request.json` is removed otherwise.
    /// - Throws: ``RequestError`` when a file cannot be written.
    public static func write(
        _ read: RawBodyReport, findings: [Finding], to directory: String, strict: Bool
    ) throws(RequestError) -> Output {
        func path(_ name: String) -> String { directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        try BuildWriter.makeDirectory(directory)
        var output = Output(
            ok: !findings.blocks(strict: strict), route: read.context.route, findings: findings, request: nil,
            report: path("report.json"))
        if output.ok, let body = read.body {
            try PayloadWriter().write(body, to: path("request.json"))
            output.request = path("request.json")
        } else {
            output.ok = false
            BuildWriter.removeStale(path("request.json"))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(output)
        } catch {
            throw .writeFailed(path: output.report, reason: "\(error)")
        }
        try RequestError.writeAtomically(data, to: output.report)
        return output
    }
}
