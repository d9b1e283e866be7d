import Foundation

/// Reads JSON — job files and raw request bodies — into a ``SourceNode`` tree with libraries.
///
/// Foundation's `JSONSerialization` decides what is valid JSON and gives every value. Yams,
/// through ``YAMLTreeReader`` (JSON is YAML flow syntax), gives each value's line, column and the
/// document order of keys, and reports a key given twice. Where the two could differ,
/// Foundation wins:
/// - values (strings, numbers, booleans) always come from Foundation; Yams only places them;
/// - valid JSON that libyaml refuses — a surrogate-pair escape such as `\ud83d\udc08`, a key
///   longer than 1024 characters, a ':' on the line after its key, a raw U+007F or U+FFFE in a
///   string — is read by Foundation alone: the values are right, but every line is 1 and no
///   column is known;
/// - where the two trees differ in shape (a key holding a raw U+0085, which YAML folds to a
///   space), that mapping or list is Foundation's, all of it at the mapping's or list's line;
/// - libyaml counts a raw U+0085, U+2028 or U+2029 inside a string as a line break, so the
///   lines after one are one too high (escaped as `\u2028` they are not).
///
/// Foundation accepts a trailing comma in an object or array (`[1, 2,]`), and so does this reader.
enum JSONTreeReader {
    /// Why the text is not usable JSON.
    struct SyntaxError: Error, Sendable {
        var message: String
        /// The 1-based line of the problem, when known.
        var line: Int?
        /// Set when the problem is a key given twice.
        var duplicate: DuplicateKey?
    }

    /// A key given twice in one mapping (Yams reports it at the key's first occurrence).
    struct DuplicateKey: Sendable {
        var key: String
        /// The key's finding path, when the key appears in only one mapping of the document.
        var path: String?
    }

    /// When Yams reads the lines.
    enum Lines: Sendable {
        /// Always: job files. Keys given twice are reported.
        case always
        /// Only when the text has more than one line. A body as `klingprep build` writes it is
        /// one line, where every line is 1 anyway, and skipping Yams saves about a second on
        /// 55 MB; in such a body a key given twice keeps its last value, unreported.
        case whenSeveral
    }

    /// Parses a whole document (a UTF-8 byte order mark is allowed).
    static func parse(_ data: Data, lines: Lines) throws(SyntaxError) -> SourceNode {
        let severalLines = hasLineFeed(data)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw SyntaxError(message: message(of: error), line: severalLines ? yamlErrorLine(data) : 1)
        }
        guard lines == .always || severalLines else { return FoundationJSONTree.node(object, line: 1) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw SyntaxError(message: "the text is not UTF-8", line: nil)
        }
        let placed: SourceNode?
        do throws(YAMLTreeReader.SyntaxError) {
            placed = try YAMLTreeReader.parse(text)
        } catch {
            guard error.isDuplicateKey, let key = error.duplicateKeys.first else {
                // Valid JSON that libyaml refuses: Foundation's values without lines.
                return FoundationJSONTree.node(object, line: 1)
            }
            throw SyntaxError(
                message: error.message, line: error.line,
                duplicate: DuplicateKey(key: key, path: onlyPath(of: key, in: object)))
        }
        guard let placed else { return FoundationJSONTree.node(object, line: 1) }
        return overlay(object, on: placed)
    }

    /// True when `data` holds a line feed. `memchr` takes ~6 ms on 55 MB; `Data.contains`,
    /// which walks byte by byte, ~400 ms.
    private static func hasLineFeed(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            raw.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\n")), raw.count) != nil } ?? false
        }
    }

    /// Foundation's explanation, without its final period.
    private static func message(of error: any Error) -> String {
        let nsError = error as NSError
        let text = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// The line where Yams stops reading invalid JSON; Foundation's errors name a byte offset only.
    private static func yamlErrorLine(_ data: Data) -> Int? {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        do throws(YAMLTreeReader.SyntaxError) {
            _ = try YAMLTreeReader.parse(text)
            return nil
        } catch {
            return error.isDuplicateKey ? nil : error.line
        }
    }

    /// Foundation's `object` with the lines and key order of `node`, the same text read by Yams.
    private static func overlay(_ object: Any, on node: SourceNode) -> SourceNode {
        switch node.kind {
        case .mapping(let entries):
            guard let dictionary = object as? [String: Any], dictionary.count == entries.count else { break }
            var placed: [SourceEntry] = []
            for entry in entries {
                guard let value = dictionary[entry.key] else { return FoundationJSONTree.node(object, line: node.line) }
                placed.append(
                    SourceEntry(
                        key: entry.key, keyLine: entry.keyLine, keyColumn: entry.keyColumn,
                        value: overlay(value, on: entry.value)))
            }
            return SourceNode(kind: .mapping(placed), line: node.line, column: node.column)
        case .sequence(let items):
            guard let array = object as? [Any], array.count == items.count else { break }
            return SourceNode(
                kind: .sequence(zip(array, items).map { overlay($0, on: $1) }), line: node.line, column: node.column)
        case .scalar:
            guard !(object is [String: Any]), !(object is [Any]) else { break }
            return SourceNode(kind: .scalar(FoundationJSONTree.scalar(object)), line: node.line, column: node.column)
        }
        return FoundationJSONTree.node(object, line: node.line)
    }

    /// The path of `key` when exactly one mapping in `object` holds it.
    private static func onlyPath(of key: String, in object: Any) -> String? {
        var found: [JobPath] = []
        collect(key, in: object, at: .root, into: &found)
        return found.count == 1 ? found.first?.findingPath : nil
    }

    private static func collect(_ key: String, in object: Any, at path: JobPath, into found: inout [JobPath]) {
        if let dictionary = object as? [String: Any] {
            if dictionary[key] != nil { found.append(path.key(key)) }
            for (name, value) in dictionary { collect(key, in: value, at: path.key(name), into: &found) }
        } else if let array = object as? [Any] {
            for (index, value) in array.enumerated() { collect(key, in: value, at: path.index(index), into: &found) }
        }
    }
}
