/// A cheap integrity pass over a PNG without decoding it: every chunk's CRC-32 is checked
/// (PNG spec, 5.3), so any damaged byte inside a chunk — the image data included — is found.
/// It reads the whole file once, in chunks, and allocates no pixels.
enum PNGChunkCheck {
    /// Largest chunk read at once; longer chunks are checked in pieces.
    private static let pieceSize = 1 << 20

    /// The first chunk whose CRC does not match, as a sentence; `nil` when all match (or the
    /// walk ends early: truncation is the end-marker rule's finding).
    static func firstDamagedChunk(_ source: inout ByteSource) -> String? {
        var offset = 8
        while offset + 12 <= source.size {
            let header = source.read(at: offset, count: 8)
            guard header.count == 8 else { return nil }
            let length = header.uint32BE(0)
            let type = String(decoding: header[4..<8], as: UTF8.self)
            guard offset + 12 + length <= source.size else { return nil }
            var crc = Shim.crc32(0, Array(header[4..<8]))
            var position = offset + 8
            let end = position + length
            while position < end {
                let piece = source.read(at: position, count: min(pieceSize, end - position))
                guard !piece.isEmpty else { return nil }
                crc = Shim.crc32(crc, piece)
                position += piece.count
            }
            let stored = source.read(at: end, count: 4)
            guard stored.count == 4 else { return nil }
            if UInt32(stored.uint32BE(0)) != crc {
                return "the \(type) chunk at byte \(offset) fails its CRC check (the data is damaged)"
            }
            if type == "IEND" { return nil }
            offset = end + 4
        }
        return nil
    }
}
