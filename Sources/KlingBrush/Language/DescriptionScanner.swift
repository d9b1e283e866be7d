/// A number as it appears in the text, before its unit is judged.
struct NumberToken {
    var value: Double
    /// Letters or `%` right after the digits (`""`, `"%"`, `"px"`, `"deg"`, or anything else).
    var suffix: String
    /// The number and its suffix as written.
    var text: String
    /// Index just past the suffix.
    var end: Int
}

/// The character-level reader shared by the area and path parsers. Positions are indices into
/// the text's characters; columns are 1-based.
struct DescriptionScanner {
    let text: [Character]
    /// Next character to read.
    var position = 0
    /// Where the form being read began (for the "after '…'" part of messages).
    var formStart = 0
    /// Just past the last thing consumed.
    var lastEnd = 0

    /// Refuses a text above ``DescriptionLimits/maximumCharacters`` before copying it.
    ///
    /// - Throws: ``BrushError/tooLarge(_:found:column:)`` with ``DescriptionLimit/characters``.
    init(_ text: String) throws(BrushError) {
        // UTF-8 bytes are never fewer than characters, and counting them is free.
        if text.utf8.count > DescriptionLimits.maximumCharacters {
            let characters = text.count
            guard characters <= DescriptionLimits.maximumCharacters else {
                throw .tooLarge(.characters, found: characters, column: nil)
            }
        }
        self.text = Array(text)
    }

    var column: Int { position + 1 }

    mutating func skipSpaces() {
        while position < text.count, text[position].isWhitespace { position += 1 }
    }

    /// True when only spaces remain.
    mutating func isAtEnd() -> Bool {
        skipSpaces()
        return position >= text.count
    }

    func peek(_ offset: Int = 0) -> Character? {
        position + offset < text.count ? text[position + offset] : nil
    }

    /// The run of non-space characters at the current position, `nil` at the end.
    func word(at index: Int? = nil) -> String? {
        var end = index ?? position
        let start = end
        while end < text.count, !text[end].isWhitespace { end += 1 }
        return end > start ? String(text[start..<end]) : nil
    }

    /// The text of the current form so far, for messages; falls back to everything read so far.
    func after() -> String? {
        func trimmed(_ range: Range<Int>) -> String? {
            guard range.lowerBound < range.upperBound else { return nil }
            var slice = text[range]
            while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
            while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
            guard !slice.isEmpty else { return nil }
            return slice.count > 40 ? "…" + String(slice.suffix(39)) : String(slice)
        }
        let end = min(lastEnd, text.count)
        return trimmed(min(formStart, end)..<end) ?? trimmed(0..<end)
    }

    /// An error saying `what` was expected at the current position (after spaces).
    mutating func expected(_ what: String) -> BrushError {
        skipSpaces()
        return .expected(what, after: after(), found: word(), column: column)
    }

    // MARK: Words

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c == "-" }

    /// The keyword at the current position (letters and inner hyphens), without consuming it.
    mutating func peekKeyword() -> String? {
        skipSpaces()
        guard let first = peek(), first.isLetter else { return nil }
        var end = position
        while end < text.count, Self.isWordCharacter(text[end]) {
            if text[end] == "-", end + 1 < text.count, text[end + 1] == ">" { break }
            end += 1
        }
        return String(text[position..<end])
    }

    /// Consumes and returns the keyword at the current position.
    mutating func readKeyword() -> String? {
        guard let keyword = peekKeyword() else { return nil }
        position += keyword.count
        lastEnd = position
        return keyword
    }

    /// Consumes `literal` (after spaces) when it is next.
    mutating func consume(_ literal: String) -> Bool {
        skipSpaces()
        let chars = Array(literal)
        guard position + chars.count <= text.count,
            Array(text[position..<position + chars.count]) == chars
        else { return false }
        position += chars.count
        lastEnd = position
        return true
    }

    /// True when `literal` is next (after spaces); consumes nothing but spaces.
    mutating func isLooking(at literal: String) -> Bool {
        skipSpaces()
        let chars = Array(literal)
        return position + chars.count <= text.count
            && Array(text[position..<position + chars.count]) == chars
    }

    /// True when the next non-space character can start a number (a digit, `.`, or a sign
    /// followed by a digit or `.`).
    mutating func isLookingAtNumber() -> Bool {
        skipSpaces()
        guard let c = peek() else { return false }
        if c.isASCII, c.isNumber || c == "." { return true }
        if c == "-" || c == "+", let next = peek(1), next.isASCII, next.isNumber || next == "." {
            return true
        }
        return false
    }

    // MARK: Numbers

    /// Reads a number with an optional exponent and its suffix starting exactly at `start`;
    /// `nil` when there is no number there.
    func scanNumber(at start: Int) -> NumberToken? {
        var i = start
        func isDigit(_ index: Int) -> Bool {
            index < text.count && text[index].isASCII && text[index].isNumber
        }
        if i < text.count, text[i] == "-" || text[i] == "+" { i += 1 }
        var digits = 0
        while isDigit(i) {
            i += 1
            digits += 1
        }
        if i < text.count, text[i] == "." {
            i += 1
            while isDigit(i) {
                i += 1
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < text.count, text[i] == "e" || text[i] == "E" {
            var j = i + 1
            if j < text.count, text[j] == "-" || text[j] == "+" { j += 1 }
            if isDigit(j) {
                while isDigit(j) { j += 1 }
                i = j
            }
        }
        guard let value = Double(String(text[start..<i])) else { return nil }
        var end = i
        if end < text.count, text[end] == "%" {
            end += 1
        } else {
            while end < text.count, text[end].isLetter { end += 1 }
        }
        return NumberToken(
            value: value, suffix: String(text[i..<end]), text: String(text[start..<end]), end: end)
    }

    /// True when index `i` ends a value: end of text, a space, or one of `extra`.
    func isTerminator(_ i: Int, extra: Set<Character> = [";"]) -> Bool {
        i >= text.count || text[i].isWhitespace || extra.contains(text[i])
    }

    /// Reads a quantity (`0.2`, `20%`, `40px`) at the current position; `nil` (consuming
    /// nothing) when the text there is not one followed by a terminator.
    mutating func scanQuantity(terminators: Set<Character> = [";"]) throws(BrushError) -> Quantity? {
        skipSpaces()
        guard let token = scanNumber(at: position), isTerminator(token.end, extra: terminators) else {
            return nil
        }
        let unit: Unit
        switch token.suffix {
        case "": unit = .fraction
        case "%": unit = .percent
        case "px": unit = .pixels
        default: return nil
        }
        try checkMagnitude(token)
        position = token.end
        lastEnd = position
        return Quantity(token.value, unit)
    }

    func checkMagnitude(_ token: NumberToken) throws(BrushError) {
        guard abs(token.value) <= DescriptionLimits.maximumMagnitude else {
            throw .numberTooLarge(found: token.text, column: position + 1)
        }
    }

    // MARK: Composite values

    static let pointExample = "a point like 0.4,0.6"

    /// Reads `X,Y` (a space may follow the comma).
    mutating func point(_ what: String = pointExample) throws(BrushError) -> PointSpec {
        skipSpaces()
        let start = position
        let startEnd = lastEnd
        guard let x = try scanQuantity(terminators: [","]), consume(","), let y = try scanQuantity() else {
            position = start
            lastEnd = startEnd
            throw expected(what)
        }
        return PointSpec(x, y)
    }

    /// Reads a length (a quantity relative to the shorter side); with `positive`, it must be > 0.
    mutating func length(_ what: String, name: String, positive: Bool = true) throws(BrushError) -> Quantity {
        skipSpaces()
        let start = position
        guard let quantity = try scanQuantity() else { throw expected(what) }
        if positive, !(quantity.value > 0) {
            throw .notPositive(what: name, found: String(text[start..<position]), column: start + 1)
        }
        return quantity
    }

    /// Reads a plain number, optionally allowing a `%` (divided by 100) or a `deg` suffix.
    mutating func plainNumber(_ what: String, allowPercent: Bool = false, allowDegrees: Bool = false)
        throws(BrushError) -> Double
    {
        skipSpaces()
        guard let token = scanNumber(at: position), isTerminator(token.end) else { throw expected(what) }
        let value: Double
        switch token.suffix {
        case "": value = token.value
        case "%" where allowPercent: value = token.value / 100
        case "deg" where allowDegrees: value = token.value
        default: throw expected(what)
        }
        try checkMagnitude(token)
        position = token.end
        lastEnd = position
        return value
    }

    /// Reads a keyword that must be one of `accepted`.
    mutating func oneOf(_ accepted: [String], kind: String, what: String) throws(BrushError) -> String {
        skipSpaces()
        let start = position
        guard let word = readKeyword() else { throw expected(what) }
        guard accepted.contains(word) else {
            throw .unknownWord(
                kind: kind, found: word, accepted: accepted,
                suggestion: Suggestion.closest(to: word, in: accepted), column: start + 1)
        }
        return word
    }
}
