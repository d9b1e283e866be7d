import Foundation

/// A small JSON parser (RFC 8259) that keeps the line of every value and key, and the order
/// and duplicates of keys — what `JSONSerialization` does not give.
///
/// Used for JSON job files and raw request bodies. Strings without escapes are copied in one
/// step, so large base64 strings parse quickly.
enum JSONTreeParser {
    /// Why the text is not JSON, with the 1-based line of the problem.
    struct SyntaxError: Error, Sendable {
        var message: String
        var line: Int
    }

    /// Maximum nesting depth; deeper documents are refused rather than risking the stack.
    static let maximumDepth = 64

    /// Parses a whole document, reading `data` in place (no copy of the bytes).
    static func parse(_ data: Data) throws(SyntaxError) -> SourceNode {
        var result: Result<SourceNode, SyntaxError> = .failure(SyntaxError(message: "the document is empty", line: 1))
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let buffer = raw.bindMemory(to: UInt8.self)
            var parser = Parser(bytes: buffer)
            result = Result { () throws(SyntaxError) -> SourceNode in try parser.document() }
        }
        return try result.get()
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() throws(SyntaxError) -> SourceNode {
            // A UTF-8 byte order mark is tolerated.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
            skipWhitespace()
            guard position < bytes.count else { throw fail("the document is empty") }
            let node = try value(depth: 0)
            skipWhitespace()
            guard position == bytes.count else { throw fail("unexpected text after the document") }
            return node
        }

        func fail(_ message: String) -> SyntaxError { SyntaxError(message: message, line: line) }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\n"): line += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
                default: return
                }
                position += 1
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> SourceNode {
            guard depth < JSONTreeParser.maximumDepth else {
                throw fail("nesting deeper than \(JSONTreeParser.maximumDepth)")
            }
            guard position < bytes.count else { throw fail("unexpected end of the document") }
            let startLine = line
            switch bytes[position] {
            case UInt8(ascii: "{"): return SourceNode(kind: .mapping(try object(depth: depth)), line: startLine)
            case UInt8(ascii: "["): return SourceNode(kind: .sequence(try array(depth: depth)), line: startLine)
            case UInt8(ascii: "\""):
                let text = try string()
                return scalar(text, .string, line: startLine)
            case UInt8(ascii: "t"): try literal("true"); return scalar("true", .bool, line: startLine)
            case UInt8(ascii: "f"): try literal("false"); return scalar("false", .bool, line: startLine)
            case UInt8(ascii: "n"): try literal("null"); return scalar("null", .null, line: startLine)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character '\(Unicode.Scalar(bytes[position]))'")
            }
        }

        func scalar(_ text: String, _ type: SourceScalar.ScalarType, line: Int) -> SourceNode {
            SourceNode(
                kind: .scalar(SourceScalar(text: text, type: type, number: nil, integer: nil, plainYAML: false)),
                line: line)
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let expected = Array(word.utf8)
            let count = expected.count
            guard position + count <= bytes.count else { throw fail("unexpected end of the document") }
            for offset in 0..<count where bytes[position + offset] != expected[offset] {
                throw fail("unknown word; expected \(word)")
            }
            position += count
        }

        mutating func number() throws(SyntaxError) -> SourceNode {
            let start = position
            var isInteger = true
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("a number needs digits") }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                isInteger = false
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else {
                    throw fail("a number needs digits after '.'")
                }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                isInteger = false
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
                {
                    position += 1
                }
                guard position < bytes.count, isDigit(bytes[position]) else {
                    throw fail("a number needs digits in its exponent")
                }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            let integer = isInteger ? Int(text) : nil
            let scalar = SourceScalar(
                text: text, type: isInteger ? .integer : .float, number: Double(text), integer: integer,
                plainYAML: false)
            return SourceNode(kind: .scalar(scalar), line: line)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func object(depth: Int) throws(SyntaxError) -> [SourceEntry] {
            position += 1
            var entries: [SourceEntry] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return entries
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a key in double quotes")
                }
                let keyLine = line
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw fail("expected ':' after the key \"\(key)\"")
                }
                position += 1
                skipWhitespace()
                let node = try value(depth: depth + 1)
                entries.append(SourceEntry(key: key, keyLine: keyLine, value: node))
                skipWhitespace()
                guard position < bytes.count else { throw fail("unexpected end of the document inside a mapping") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return entries
                }
                throw fail("expected ',' or '}' in a mapping")
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> [SourceNode] {
            position += 1
            var items: [SourceNode] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return items
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw fail("unexpected end of the document inside a list") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return items
                }
                throw fail("expected ',' or ']' in a list")
            }
        }

        /// Reads a string starting at its opening quote.
        mutating func string() throws(SyntaxError) -> String {
            position += 1
            let start = position
            // Fast path: no escapes.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = try validUTF8(start..<position)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail("a control character inside a string") }
                position += 1
            }
            var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    guard let text = String(validating: scalars, as: UTF8.self) else {
                        throw fail("a string that is not valid UTF-8")
                    }
                    return text
                }
                if byte < 0x20 { throw fail("a control character inside a string") }
                if byte != UInt8(ascii: "\\") {
                    scalars.append(byte)
                    position += 1
                    continue
                }
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try unicodeEscape()
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw fail("unknown escape '\\\(Unicode.Scalar(escape))'")
                }
            }
            throw fail("a string without its closing quote")
        }

        func validUTF8(_ range: Range<Int>) throws(SyntaxError) -> String {
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
                throw fail("a string that is not valid UTF-8")
            }
            return text
        }

        /// Reads `XXXX` after `\u`, joining a surrogate pair when one follows.
        mutating func unicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
            let high = try hex4()
            if (0xD800...0xDBFF).contains(high) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw fail("a lone surrogate in a \\u escape") }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw fail("an invalid \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw fail("a lone surrogate in a \\u escape") }
            return scalar
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw fail("a short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail("a \\u escape needs 4 hex digits")
                }
                value = value * 16 + digit
                position += 1
            }
            return value
        }
    }
}
