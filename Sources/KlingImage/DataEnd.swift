#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds where a PNG's or JPEG's own data really ends, so bytes after it (a video a phone
/// appended, the second picture of an MPO) are told apart from a file that was cut short.
///
/// Nothing is decoded. PNG: the chunks are walked by their lengths, reading 8 header bytes per
/// chunk. JPEG: from the end of the start of frame, segments are skipped by their lengths and
/// entropy-coded data is searched for `0xFF` a block at a time (`memchr`), as libjpeg reads it:
/// `FF 00` is a stuffed data byte, `FF FF` fill, `FF D0`…`FF D7` restart markers, reserved
/// codes below `FF C0` garbage (libjpeg's resynchronisation discards them), and the first
/// `FF D9` that is a marker is the end of the image.
enum DataEnd {
    /// The offset just after the PNG's IEND chunk (its CRC included), or `nil` when a chunk
    /// runs past the end of the data before IEND.
    static func png(_ source: inout ByteSource) -> Int? {
        var offset = 8  // after the signature
        while offset + 12 <= source.size {
            let header = source.scan(at: offset, count: 8)
            guard header.count == 8 else { return nil }
            let length = header.uint32BE(0)
            guard length <= Int(Int32.max) else { return nil }
            let next = offset + 12 + length
            guard next <= source.size else { return nil }
            if header[4..<8].elementsEqual("IEND".utf8) { return next }
            offset = next
        }
        return nil
    }

    /// The offset just after the JPEG's end-of-image marker (EOI, `FF D9`), searching from
    /// `start` (the end of the start-of-frame segment), or `nil` when the data ends first or a
    /// new image starts (`FF D8`) before this one ended.
    static func jpeg(_ source: inout ByteSource, from start: Int) -> Int? {
        var window = ScanWindow()
        var position = start
        while true {
            guard let mark = window.firstFF(from: position, in: &source),
                let code = window.byte(at: mark + 1, in: &source)
            else { return nil }
            switch code {
            case 0x00, 0x01, 0xD0...0xD7:  // stuffed data byte, TEM, RSTn: no length
                position = mark + 2
            case 0x02...0xBF:  // reserved codes: libjpeg discards them as garbage (no length)
                position = mark + 2
            case 0xFF:  // fill byte: the marker code follows
                position = mark + 1
            case 0xD9:
                return mark + 2
            case 0xD8:
                return nil
            default:  // a segment with a length: DHT, DQT, DRI, SOS, APPn, COM, …
                guard let high = window.byte(at: mark + 2, in: &source),
                    let low = window.byte(at: mark + 3, in: &source)
                else { return nil }
                let length = Int(high) << 8 | Int(low)
                guard length >= 2 else { return nil }
                position = mark + 2 + length
            }
        }
    }
}

/// Reads a source in 64 KiB blocks for the end search, finding `0xFF` with `memchr`; one
/// block buffer is reused for the whole search.
private struct ScanWindow {
    private var block = [UInt8](repeating: 0, count: Self.blockSize)
    /// How many bytes of ``block`` hold data from ``start``.
    private var filled = 0
    private var start = 0
    private static let blockSize = 1 << 16

    /// The byte at `offset`, or `nil` past the end of the data.
    mutating func byte(at offset: Int, in source: inout ByteSource) -> UInt8? {
        guard load(offset, in: &source) else { return nil }
        return block[offset - start]
    }

    /// The offset of the first `0xFF` at or after `offset`, or `nil` when there is none.
    mutating func firstFF(from offset: Int, in source: inout ByteSource) -> Int? {
        var position = offset
        while load(position, in: &source) {
            let local = position - start
            let count = filled
            let found: Int? = block.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, let hit = memchr(base + local, 0xFF, count - local)
                else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
            if let found { return start + found }
            position = start + filled
        }
        return nil
    }

    /// Makes `offset` part of the block; `false` past the end of the data.
    private mutating func load(_ offset: Int, in source: inout ByteSource) -> Bool {
        if offset >= start, offset < start + filled { return true }
        guard offset >= 0, offset < source.size else { return false }
        filled = source.scan(at: offset, into: &block)
        start = offset
        return filled > 0
    }
}
