@testable import KlingImage
import TestSupport
import Testing

/// `kp_crc32`'s carry-less-multiply fold gives zlib's CRC-32 for every length and alignment.
struct CRCTests {
    /// The CRC-32 of PNG and zlib, a bit at a time (PNG spec, annex D).
    static func reference(_ crc: UInt32, _ bytes: ArraySlice<UInt8>) -> UInt32 {
        var value = ~crc
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        }
        return ~value
    }

    @Test func theFoldEqualsTheBitwiseCRC() {
        var random = SeededGenerator(seed: 42)
        let bytes = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let lengths = Array(0..<260) + [1000, 4095, 4096, 8192 + 7, 65_536 + 13]
        for length in lengths {
            let offset = Int.random(in: 0..<64, using: &random)
            let start = UInt32.random(in: 0...UInt32.max, using: &random)
            let slice = bytes[offset..<offset + length]
            let folded = slice.withUnsafeBytes { Shim.crc32(start, $0) }
            #expect(folded == Self.reference(start, slice), "length \(length) at offset \(offset)")
        }
        // "IEND" with no data: the CRC every PNG ends with.
        let iend = Array("IEND".utf8)
        #expect(iend.withUnsafeBytes { Shim.crc32(0, $0) } == 0xAE42_6082)
    }
}
