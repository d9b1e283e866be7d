/// Bits ready to be sent least-significant bit first: a Huffman code bit-reversed (RFC 1951,
/// 3.1.1: Huffman codes go most-significant bit first), extra bits above it.
struct DeflateCode: Equatable {
    var bits: UInt32
    var width: Int

    /// `code` of `width` bits reversed, so that writing it LSB first sends its MSB first.
    static func reversed(_ code: Int, width: Int) -> UInt32 {
        var result: UInt32 = 0
        for bit in 0..<width where code & (1 << bit) != 0 { result |= 1 << UInt32(width - 1 - bit) }
        return result
    }

    /// This code followed by `next`; the widths must add up to 32 at most.
    func then(_ next: DeflateCode) -> DeflateCode {
        DeflateCode(bits: bits | next.bits << UInt32(width), width: width + next.width)
    }
}

/// The length and distance symbols of deflate and their extra bits (RFC 1951, 3.2.5).
enum DeflateSymbols {
    /// A symbol and the extra bits that follow its code.
    struct Symbol: Equatable {
        /// Literal/length symbol 257…285, or distance symbol 0…29.
        var symbol: Int
        var extra: DeflateCode
    }

    /// For lengths 3…258 (indexed by the length; 0…2 unused): symbols 257…284 in groups of four
    /// with 0…5 extra bits cover 3…257, symbol 285 is 258 with none.
    static let lengths: [Symbol] = (0...258).map { length in
        let none = DeflateCode(bits: 0, width: 0)
        guard length >= 3 else { return Symbol(symbol: 0, extra: none) }
        if length == 258 { return Symbol(symbol: 285, extra: none) }
        var base = 3
        for index in 0..<28 {
            let extra = index < 8 ? 0 : index / 4 - 1
            if length < base + (1 << extra) {
                return Symbol(symbol: 257 + index, extra: DeflateCode(bits: UInt32(length - base), width: extra))
            }
            base += 1 << extra
        }
        preconditionFailure("length \(length) has no symbol")
    }

    /// The distance symbol of `distance` (1…32768): symbols 0…3 are 1…4, then pairs with 1…13
    /// extra bits.
    static func distance(_ distance: Int) -> Symbol {
        precondition((1...32768).contains(distance), "deflate distance \(distance) outside 1…32768")
        for code in 0..<30 {
            let extra = code < 4 ? 0 : (code >> 1) - 1
            let base = code < 2 ? code + 1 : 1 + ((2 | (code & 1)) << ((code >> 1) - 1))
            if distance < base + (1 << extra) {
                return Symbol(symbol: code, extra: DeflateCode(bits: UInt32(distance - base), width: extra))
            }
        }
        preconditionFailure("distance \(distance) has no code")
    }
}
