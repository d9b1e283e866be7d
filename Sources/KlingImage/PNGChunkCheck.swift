/// A cheap integrity pass over a PNG without decoding it: every chunk's CRC-32 is checked
/// (PNG spec, 5.3), so any damaged byte inside a chunk — the image data included — is found;
/// the same walk finds where the data ends, as ``DataEnd/png(_:)`` does. It reads the whole
/// file once, sequentially, through one reused block, and allocates no pixels.
enum PNGChunkCheck {
    /// What the walk found.
    struct Walk: Equatable {
        /// The offset just after IEND (its CRC included), or `nil` when a chunk runs past the
        /// end of the data before IEND (``DataEnd/png(_:)``'s answer).
        var end: Int?
        /// The first chunk whose CRC does not match, as a sentence; `nil` when all match (or the
        /// walk ends early: truncation is the end-marker rule's finding).
        var damage: String?
    }

    /// Walks the chunks from the signature to IEND, checking each chunk's CRC until one fails.
    static func walk(_ source: inout ByteSource) -> Walk {
        var reader = BlockReader()
        var offset = 8
        var damage: String?
        while offset + 12 <= source.size {
            guard let header = reader.bytes(at: offset, count: 8, in: &source) else { break }
            let length = header.uint32BE(0)
            guard length <= Int(Int32.max) else { break }
            let next = offset + 12 + length
            guard next <= source.size else { break }
            let type = String(decoding: header[4..<8], as: UTF8.self)
            if damage == nil {
                guard let crc = reader.crc32(at: offset + 4, count: 4 + length, in: &source),
                    let stored = reader.bytes(at: offset + 8 + length, count: 4, in: &source)
                else { break }
                if UInt32(stored.uint32BE(0)) != crc {
                    damage = "the \(type) chunk at byte \(offset) fails its CRC check (the data is damaged)"
                }
            }
            if type == "IEND" { return Walk(end: next, damage: damage) }
            offset = next
        }
        return Walk(end: nil, damage: damage)
    }
}

/// Sequential reads of a source through one reused block (256 KiB: it stays in the cache
/// between the read and the CRC).
private struct BlockReader {
    private var block = [UInt8](repeating: 0, count: 1 << 18)
    private var start = 0
    private var filled = 0

    /// The `count` bytes at `offset` (at most the block's size), or `nil` past the end.
    mutating func bytes(at offset: Int, count: Int, in source: inout ByteSource) -> [UInt8]? {
        if offset < start || offset + count > start + filled {
            filled = source.scan(at: offset, into: &block)
            start = offset
        }
        guard offset + count <= start + filled else { return nil }
        return Array(block[offset - start..<offset - start + count])
    }

    /// zlib's CRC-32 of the `count` bytes at `offset`, or `nil` when the data ends first.
    mutating func crc32(at offset: Int, count: Int, in source: inout ByteSource) -> UInt32? {
        var crc: UInt32 = 0
        var position = offset
        let end = offset + count
        while position < end {
            if position < start || position >= start + filled {
                filled = source.scan(at: position, into: &block)
                start = position
                guard filled > 0 else { return nil }
            }
            let local = position - start
            let piece = min(end, start + filled) - position
            crc = block.withUnsafeBytes { Shim.crc32(crc, UnsafeRawBufferPointer(rebasing: $0[local..<local + piece])) }
            position += piece
        }
        return crc
    }
}
