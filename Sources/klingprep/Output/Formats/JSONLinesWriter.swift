import Foundation
import KlingCheck

/// `--format jsonl` over units: one JSON object per unit and line,
/// `{"name", "file", "status", "failed", "errored", "seconds", "detail", "findings": [{…the
/// finding…, "file", "line", "column"}]}` (absent values left out, keys sorted).
enum JSONLinesWriter {
    /// One line per unit of `report`.
    /// - Throws: `EncodingError` for a value JSON cannot hold (a non-finite number of seconds).
    static func lines(_ report: FormatReport) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try report.units.map { String(decoding: try encoder.encode(UnitLine($0)), as: UTF8.self) }
    }

    private struct UnitLine: Encodable {
        var unit: FormatUnit
        init(_ unit: FormatUnit) { self.unit = unit }

        enum CodingKeys: String, CodingKey { case name, file, status, failed, errored, seconds, detail, findings }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(unit.name, forKey: .name)
            try container.encodeIfPresent(unit.file, forKey: .file)
            try container.encode(unit.status, forKey: .status)
            try container.encode(unit.failed, forKey: .failed)
            try container.encode(unit.errored, forKey: .errored)
            try container.encodeIfPresent(unit.seconds, forKey: .seconds)
            try container.encodeIfPresent(unit.detail, forKey: .detail)
            try container.encode(unit.findings.map(FindingLine.init), forKey: .findings)
        }
    }

    private struct FindingLine: Encodable {
        var located: LocatedFinding
        init(_ located: LocatedFinding) { self.located = located }

        enum CodingKeys: String, CodingKey { case file, line, column }

        func encode(to encoder: any Encoder) throws {
            try located.finding.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(located.file, forKey: .file)
            try container.encodeIfPresent(located.line, forKey: .line)
            try container.encodeIfPresent(located.column, forKey: .column)
        }
    }
}
