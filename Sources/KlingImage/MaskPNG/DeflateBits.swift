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

    /// Appends a code already in the order it is sent (Huffman codes bit-reversed, extra bits
    /// above them).
    @inline(__always)
    mutating func write(_ code: DeflateCode) {
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
