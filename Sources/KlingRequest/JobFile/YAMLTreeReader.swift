import Foundation
import KlingCheck
internal import Yams

/// Turns YAML text into a ``SourceNode`` tree with Yams, keeping each value's line.
enum YAMLTreeReader {
    /// Why the text is not usable YAML, with the 1-based line of the problem when known.
    struct SyntaxError: Error, Sendable {
        var message: String
        var line: Int?
        /// True when the problem is a key given twice.
        var isDuplicateKey: Bool
        /// The keys given twice, when `isDuplicateKey`.
        var duplicateKeys: [String] = []
    }

    /// Parses one YAML document; `nil` when the text holds none (empty or only comments).
    static func parse(_ text: String) throws(SyntaxError) -> SourceNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw SyntaxError(message: "\(error)", line: nil, isDuplicateKey: false)
        }
        guard let root else { return nil }
        var budget = maximumNodes
        return try convert(root, budget: &budget)
    }

    /// The most nodes the walk from the YAML document to a job visits: 1,000,000. Yams composes
    /// an alias as the node it names, shared, so a few hundred bytes of nested aliases can stand
    /// for billions of nodes; every visit counts, aliases included, and the walk stops here
    /// with one finding instead of running out of memory.
    static let maximumNodes = 1_000_000

    private static func syntaxError(_ error: YamlError) -> SyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text.trimmingCharacters(in: .whitespacesAndNewlines)): " } ?? ""
            if problem.lowercased().contains("nesting level") {
                // libyaml's own words name its C function; say what it means.
                return SyntaxError(
                    message:
                        "the document nests lists and mappings deeper than the YAML reader allows; a job nests a few levels",
                    line: mark.line, isDuplicateKey: false)
            }
            return SyntaxError(message: prefix + problem, line: mark.line, isDuplicateKey: false)
        case .reader(let problem, _, _, _):
            return SyntaxError(message: problem, line: nil, isDuplicateKey: false)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return SyntaxError(
                message: "the key \(keys) appears more than once in one mapping", line: context.mark.line,
                isDuplicateKey: true, duplicateKeys: duplicates)
        default:
            return SyntaxError(message: "\(error)", line: nil, isDuplicateKey: false)
        }
    }

    private static func convert(_ node: Node, budget: inout Int) throws(SyntaxError) -> SourceNode {
        let line = node.mark?.line ?? 1
        // Yams' marks are 1-based in both line and column (libyaml's 0-based mark plus one).
        let column = node.mark?.column
        budget -= 1
        guard budget >= 0 else {
            throw SyntaxError(
                message:
                    "the document has more than \(Digits.grouped(maximumNodes)) values (an alias counts each time it is used); a job has far fewer",
                line: line, isDuplicateKey: false)
        }
        switch node {
        case .scalar(let scalar):
            return SourceNode(kind: .scalar(convert(scalar: scalar, node: node)), line: line, column: column)
        case .sequence(let sequence):
            var items: [SourceNode] = []
            for item in sequence { items.append(try convert(item, budget: &budget)) }
            return SourceNode(kind: .sequence(items), line: line, column: column)
        case .mapping(let mapping):
            var entries: [SourceEntry] = []
            for (key, value) in mapping {
                let keyLine = key.mark?.line ?? line
                guard case .scalar(let keyScalar) = key else {
                    throw SyntaxError(message: "a mapping key must be plain text", line: keyLine, isDuplicateKey: false)
                }
                entries.append(
                    SourceEntry(
                        key: keyScalar.string, keyLine: keyLine, keyColumn: key.mark?.column,
                        value: try convert(value, budget: &budget)))
            }
            return SourceNode(kind: .mapping(entries), line: line, column: column)
        case .alias:
            throw SyntaxError(
                message: "aliases (*name) are not supported in job files", line: line, isDuplicateKey: false)
        }
    }

    private static func convert(scalar: Node.Scalar, node: Node) -> SourceScalar {
        let plain = scalar.style == .plain
        let type: SourceScalar.ScalarType
        var number: Double?
        var integer: Int?
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: type = .null
        case .bool: type = .bool
        case .int:
            type = .integer
            integer = node.int
            number = integer.map(Double.init) ?? node.float
        case .float:
            type = .float
            number = node.float
        default: type = .string
        }
        return SourceScalar(text: scalar.string, type: type, number: number, integer: integer, plainYAML: plain)
    }
}
