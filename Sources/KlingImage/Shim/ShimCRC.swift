internal import CImageShims

extension Shim {
    /// zlib's CRC-32 of `bytes`, continuing from `crc` (0 to start): the checksum PNG puts
    /// after every chunk (`kp_crc32`).
    static func crc32(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { kp_crc32(crc, $0.baseAddress, $0.count) }
    }
}
