import Crypto
import Foundation

/// SHA-256 of a body, fed in chunks, as lower-case hex (swift-crypto's `SHA256`). The
/// journal keys a job by it.
struct BodyDigest {
    private var hasher = SHA256()

    /// Adds `bytes` to the digest.
    mutating func update<Bytes: DataProtocol>(_ bytes: Bytes) {
        hasher.update(data: bytes)
    }

    /// The digest of everything added, as 64 hex digits.
    mutating func finalize() -> String {
        Self.hex(hasher.finalize())
    }

    /// SHA-256 of `bytes` in one step, as 64 hex digits.
    static func hex<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
