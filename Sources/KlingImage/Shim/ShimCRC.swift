internal import CImageShims

extension Shim {
    /// zlib's CRC-32 of `bytes`, continuing from `crc` (0 to start): the checksum PNG puts
    /// after every chunk (`kp_crc32`).
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        kp_crc32(crc, bytes.baseAddress, bytes.count)
    }
}
