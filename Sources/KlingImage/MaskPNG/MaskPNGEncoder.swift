/// Writes 0/255 masks as 8-bit grayscale PNG files straight from their runs, without libpng,
/// zlib's deflate or a byte per pixel.
///
/// The file is what ``PNGEncoder`` writes for a mask with ``PNGEncodeOptions/mask`` in kind:
/// signature, `IHDR` (8-bit gray, colour type 0, no interlace), one `IDAT`, `IEND`, nothing
/// else (PNG 1.2 / ISO 15948). Every row has filter type 0; the zlib stream is one
/// dynamic-Huffman deflate block of literals and matches in codes fitted to them
/// (``RunDeflate``, ``RunTokens``). Chunk CRC-32s come from the shim's `kp_crc32`.
public enum MaskPNGEncoder {
    /// Encodes a mask of `width` × `rows.count` pixels: row `r` (from the top) is 255 in the
    /// columns of `rows[r]` (from the left) and 0 elsewhere. The runs of a row must be sorted,
    /// non-empty and disjoint (they may touch), within `0..<width`.
    ///
    /// Time and memory are proportional to the runs and the output (about 2 bits per 258
    /// pixels of one value); the output bytes are the only buffer.
    ///
    /// - Returns: the PNG file's bytes.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when `width` or the row count is not
    ///   positive or over 2³¹ − 1, ``ImageError/invalidMaskRun(row:run:width:)`` for a run out of
    ///   order or off the row.
    public static func encode(rows: [[Range<Int>]], width: Int) throws(ImageError) -> [UInt8] {
        let height = rows.count
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .encodeFailed("width \(width) and height \(height) must be positive and below 2^31")
        }
        for (index, runs) in rows.enumerated() {
            var end = 0
            for run in runs {
                guard !run.isEmpty, run.lowerBound >= end, run.upperBound <= width else {
                    throw .invalidMaskRun(row: index, run: run, width: width)
                }
                end = run.upperBound
            }
        }
        let stream = RunDeflate.stream(rows: rows, width: width)
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file.reserveCapacity(file.count + 25 + 12 + stream.count + 12)
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        // Bit depth 8, colour type 0 (gray), compression 0, filter method 0, no interlace.
        header += [8, 0, 0, 0, 0]
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", stream, to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    private static func appendChunk(_ type: StaticString, _ data: [UInt8], to file: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &file)
        let start = file.count
        type.withUTF8Buffer { file.append(contentsOf: $0) }
        file.append(contentsOf: data)
        let crc = file.withUnsafeBytes { Shim.crc32(0, UnsafeRawBufferPointer(rebasing: $0[start...])) }
        appendBigEndian(crc, to: &file)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
