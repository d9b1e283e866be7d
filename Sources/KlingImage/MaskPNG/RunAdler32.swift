/// Adler-32 (RFC 1950, 8.2) fed with runs of one byte value: a run of n bytes of value v moves
/// s1 by n·v and s2 by n·s1 + v·n(n+1)/2, so the cost is per run, not per byte.
struct RunAdler32 {
    private static let modulus: UInt64 = 65521
    private var s1: UInt64 = 1
    private var s2: UInt64 = 0

    /// Adds `count` bytes of `value`.
    @inline(__always)
    mutating func add(_ value: UInt8, count: Int) {
        precondition(count >= 0 && count < 1 << 32, "run of \(count) bytes")
        let m = Self.modulus
        let n = UInt64(count)
        // n(n+1)/2 mod m, halving the even factor first so nothing overflows.
        let triangle = n % 2 == 0 ? (n / 2 % m) * ((n + 1) % m) % m : (n % m) * ((n + 1) / 2 % m) % m
        s2 = (s2 + (n % m) * s1 + UInt64(value) * triangle) % m
        s1 = (s1 + UInt64(value) * (n % m)) % m
    }

    /// The checksum, s2 · 65536 + s1.
    var value: UInt32 { UInt32(s2 << 16 | s1) }
}
