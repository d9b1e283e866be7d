import Foundation
import KlingCheck
import KlingRequest

/// `--format sarif`: one SARIF 2.1.0 log with one run: the tool with every rule of the rule
/// book, one result per finding (`ruleIndex` when the code is a rule-book rule), and one
/// invocation whose notifications are the units that could not be judged.
enum SARIFWriter {
    /// Where people read about the tool. Set to the project's public home once it has one.
    static let informationURI = "https://github.com/klingprep/klingprep"

    /// The log of `report`, judged by `rules` (``RuleBook/all``).
    static func log(_ report: FormatReport, rules: [Rule] = RuleBook.all) -> SARIFLog {
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() where index[rule.code] == nil { index[rule.code] = position }
        let results = report.findings.map { located in
            let finding = located.finding
            var text = (finding.path.map { "\($0): " } ?? "") + finding.message
            if let fix = finding.fix { text += " Fix: \(fix)" }
            return SARIFLog.Result(
                ruleId: finding.code, ruleIndex: index[finding.code], level: level(finding.severity),
                message: .init(text: text),
                locations: location(file: located.file, line: located.line, column: located.column).map { [$0] } ?? [],
                properties: finding.source.map { ["source": $0] })
        }
        let notifications = report.units.filter(\.errored).map { unit in
            SARIFLog.Notification(
                level: "error", message: .init(text: "\(unit.name): \(unit.detail ?? "could not be checked")"),
                locations: location(file: unit.file, line: nil, column: nil).map { [$0] })
        }
        let driver = SARIFLog.Driver(
            name: "klingprep", version: KlingPrepVersion.current, informationUri: informationURI,
            rules: rules.map { rule in
                SARIFLog.Rule(
                    id: rule.code, shortDescription: .init(text: rule.fact), fullDescription: .init(text: rule.fact),
                    help: .init(text: rule.fix ?? rule.fact), properties: ["source": rule.source])
            })
        let invocation = SARIFLog.Invocation(
            executionSuccessful: !report.units.contains(where: \.errored),
            toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
        return SARIFLog(
            runs: [SARIFLog.Run(tool: .init(driver: driver), invocations: [invocation], results: results)])
    }

    /// `error`, `warning` or `note`.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    private static func location(file: String?, line: Int?, column: Int?) -> SARIFLog.Location? {
        guard let file else { return nil }
        let region = line.map { SARIFLog.Region(startLine: $0, startColumn: column) }
        return SARIFLog.Location(physicalLocation: .init(artifactLocation: .init(uri: uri(file)), region: region))
    }

    /// `path` as a URI reference: relative paths with forward slashes (percent-encoded where a
    /// URI needs it), an absolute path under the current directory made relative to it, any
    /// other absolute path a `file://` URI.
    static func uri(_ path: String, currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        var relative = path.replacingOccurrences(of: "\\", with: "/")
        let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        if relative.hasPrefix(base) { relative = String(relative.dropFirst(base.count)) }
        while relative.hasPrefix("./") { relative = String(relative.dropFirst(2)) }
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? relative
        return relative.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// RFC 3986 `pchar` and `/`.
    private static let pathCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
}

/// The parts of a SARIF 2.1.0 log that `klingprep` writes (OASIS SARIF 2.1.0, §3); encoded
/// with `JSONEncoder`, absent optionals left out.
struct SARIFLog: Encodable, Sendable {
    struct Text: Encodable, Sendable { var text: String }

    struct Rule: Encodable, Sendable {
        var id: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        /// `source`: the api.md source tag.
        var properties: [String: String]
    }

    struct Driver: Encodable, Sendable {
        var name: String
        /// SARIF 2.1.0 §3.19.13 `toolComponent.version`: ``KlingPrepVersion/current``.
        var version: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Tool: Encodable, Sendable { var driver: Driver }

    struct ArtifactLocation: Encodable, Sendable { var uri: String }

    /// 1-based line and column (Unicode scalars, the run's `columnKind`).
    struct Region: Encodable, Sendable {
        var startLine: Int
        var startColumn: Int?
    }

    struct PhysicalLocation: Encodable, Sendable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct Location: Encodable, Sendable { var physicalLocation: PhysicalLocation }

    struct Result: Encodable, Sendable {
        var ruleId: String
        /// The rule's position in `tool.driver.rules`, when the code is a rule-book rule.
        var ruleIndex: Int?
        /// `error`, `warning` or `note`.
        var level: String
        var message: Text
        var locations: [Location]
        /// `source`: the api.md source tag of the finding's rule.
        var properties: [String: String]?
    }

    struct Notification: Encodable, Sendable {
        var level: String
        var message: Text
        var locations: [Location]?
    }

    struct Invocation: Encodable, Sendable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Run: Encodable, Sendable {
        var tool: Tool
        var invocations: [Invocation]
        var results: [Result]
        /// Columns count Unicode scalars, as libyaml counts them.
        var columnKind = "unicodeCodePoints"
    }

    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }
}
