import Foundation

/// Turns what `JSONSerialization` returns into ``SourceNode`` values, keeping JSON's types:
/// a boolean stays a boolean, `1` is an integer and `1.0` or `1e2` a number.
///
/// Foundation does not keep the order of keys, so mappings list their keys sorted; callers that
/// need document order and lines take them from ``YAMLTreeReader`` (see ``JSONTreeReader``).
enum FoundationJSONTree {
    /// The tree of `object` (the result of `JSONSerialization.jsonObject`) with every value at `line`.
    static func node(_ object: Any, line: Int) -> SourceNode {
        if let dictionary = object as? [String: Any] {
            let entries = dictionary.keys.sorted().compactMap { key in
                dictionary[key].map { SourceEntry(key: key, keyLine: line, value: node($0, line: line)) }
            }
            return SourceNode(kind: .mapping(entries), line: line)
        }
        if let array = object as? [Any] {
            return SourceNode(kind: .sequence(array.map { node($0, line: line) }), line: line)
        }
        return SourceNode(kind: .scalar(scalar(object)), line: line)
    }

    /// The scalar `object` stands for (a string, `NSNumber` or `NSNull`).
    static func scalar(_ object: Any) -> SourceScalar {
        if object is NSNull { return make("null", .null) }
        if let text = object as? String { return make(text, .string) }
        if let number = object as? NSNumber { return scalar(number) }
        return make("\(object)", .string)
    }

    /// JSONSerialization gives booleans as `NSNumber`s of Objective-C type `c` (`CFBoolean`),
    /// numbers written with a fraction or exponent as `d`, and other numbers as integer types.
    /// (`number is Bool` cannot tell them apart on Linux: it is true for any 0 or 1.)
    private static func scalar(_ number: NSNumber) -> SourceScalar {
        let text = number.stringValue
        switch String(cString: number.objCType) {
        case "c":
            return make(number.boolValue ? "true" : "false", .bool)
        case "d", "f":
            return SourceScalar(
                text: text, type: .float, number: number.doubleValue, integer: nil, plainYAML: false)
        default:
            let integer = Int(text)
            return SourceScalar(
                text: text, type: .integer, number: integer.map(Double.init) ?? number.doubleValue,
                integer: integer, plainYAML: false)
        }
    }

    private static func make(_ text: String, _ type: SourceScalar.ScalarType) -> SourceScalar {
        SourceScalar(text: text, type: type, number: nil, integer: nil, plainYAML: false)
    }
}
