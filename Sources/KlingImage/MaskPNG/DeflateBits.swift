/// Bits of a deflate stream (RFC 1951, 3.1.1), packed least-significant bit first into bytes.
struct DeflateBits {
    private(set) var bytes: [UInt8]
    private var buffer: UInt64 = 0
    private var count = 0

    init(reserving capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `width` bits of `value` (at most 32), first bit first.
    @inline(__always)
    mutating func write(_ value: UInt32, bits width: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += width
        if count >= 32 {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian) { bytes.append(contentsOf: $0) }
            buffer >>= 32
            count -= 32
        }
    }

    /// Appends a code, held bit-reversed as ``FixedHuffman`` keeps it.
    @inline(__always)
    mutating func write(_ code: FixedHuffman.Code) {
        write(code.bits, bits: code.width)
    }

    /// Pads with zero bits to the next byte and returns every byte written.
    mutating func finish() -> [UInt8] {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = max(0, count - 8)
        }
        return bytes
    }
}

/// The fixed Huffman codes of deflate (RFC 1951, 3.2.6), with the extra bits of lengths and
/// distances folded in, ready to be written least-significant bit first.
enum FixedHuffman {
    /// Bits to write (already reversed where Huffman codes need it) and how many.
    struct Code {
        var bits: UInt32
        var width: Int
    }

    /// `code` of `width` bits reversed, so that writing it LSB first sends its MSB first.
    static func reversed(_ code: Int, width: Int) -> UInt32 {
        var result: UInt32 = 0
        for bit in 0..<width where code & (1 << bit) != 0 { result |= 1 << UInt32(width - 1 - bit) }
        return result
    }

    /// The code of literal/length symbol 0…287.
    static func symbol(_ value: Int) -> Code {
        switch value {
        case 0...143: Code(bits: reversed(0x30 + value, width: 8), width: 8)
        case 144...255: Code(bits: reversed(0x190 + value - 144, width: 9), width: 9)
        case 256...279: Code(bits: reversed(value - 256, width: 7), width: 7)
        default: Code(bits: reversed(0xC0 + value - 280, width: 8), width: 8)
        }
    }

    /// The end-of-block symbol, 256.
    static let endOfBlock = symbol(256)

    /// Literal byte codes, indexed by the byte.
    static let literals: [Code] = (0...255).map(symbol)

    /// For lengths 3…258 (indexed by the length; 0…2 unused): the length symbol and its extra
    /// bits, RFC 1951 3.2.5.
    static let lengths: [Code] = (0...258).map { length in
        guard length >= 3 else { return Code(bits: 0, width: 0) }
        if length == 258 { return symbol(285) }
        // Symbols 257…284: groups of four with 0…5 extra bits, lengths 3…257.
        var base = 3
        for index in 0..<28 {
            let extra = index < 8 ? 0 : index / 4 - 1
            if length < base + (1 << extra) {
                let code = symbol(257 + index)
                return Code(bits: code.bits | UInt32(length - base) << UInt32(code.width), width: code.width + extra)
            }
            base += 1 << extra
        }
        preconditionFailure("length \(length) has no symbol")
    }

    /// Length `length` (3…258) followed by distance 1 (distance code 0: five zero bits).
    static let distanceOneMatches: [Code] = lengths.map { Code(bits: $0.bits, width: $0.width + 5) }

    /// The distance code of `distance` (1…32768) with its extra bits.
    static func distance(_ distance: Int) -> Code {
        precondition((1...32768).contains(distance), "deflate distance \(distance) outside 1…32768")
        for code in 0..<30 {
            let extra = code < 4 ? 0 : (code >> 1) - 1
            let base = code < 2 ? code + 1 : 1 + ((2 | (code & 1)) << ((code >> 1) - 1))
            if distance < base + (1 << extra) {
                return Code(
                    bits: reversed(code, width: 5) | UInt32(distance - base) << 5, width: 5 + extra)
            }
        }
        preconditionFailure("distance \(distance) has no code")
    }
}
