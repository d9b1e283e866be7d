/// Reads a PNG's IHDR and looks for an `eXIf` chunk before the image data.
enum PNGHeaderReader {
    /// Most chunks walked before giving up on finding `eXIf` (a file may have many tEXt chunks).
    private static let maximumChunksWalked = 256
    /// The largest eXIf chunk we look into.
    private static let maximumEXIFLength = 1 << 20

    static func read(_ source: inout ByteSource, into info: inout ImageInfo) throws(ImageError) {
        // Signature (8) + length (4) + "IHDR" (4) + 13 bytes of data.
        let header = source.read(at: 8, count: 8 + 13)
        guard header.count == 21 else {
            throw .invalidHeader(
                format: .png, reason: "the file ends before the IHDR chunk is complete",
                offset: 8 + header.count)
        }
        guard Array(header[4..<8]) == Array("IHDR".utf8) else {
            throw .invalidHeader(
                format: .png, reason: "the first chunk is not IHDR", offset: 12)
        }
        guard header.uint32BE(0) == 13 else {
            throw .invalidHeader(
                format: .png, reason: "IHDR has length \(header.uint32BE(0)), expected 13",
                offset: 8)
        }
        let width = header.uint32BE(8)
        let height = header.uint32BE(12)
        let bitDepth = Int(header[16])
        let colorType = Int(header[17])
        let interlace = Int(header[20])
        info.width = width
        info.height = height
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidHeader(
                format: .png,
                reason: "IHDR declares \(width)x\(height); each side must be 1…\(Int32.max)",
                offset: 16)
        }
        let allowedDepths: [Int: Set<Int>] = [
            0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
        ]
        guard let depths = allowedDepths[colorType], depths.contains(bitDepth) else {
            throw .invalidHeader(
                format: .png,
                reason: "IHDR has colour type \(colorType) with bit depth \(bitDepth), which PNG does not allow",
                offset: 24)
        }
        guard interlace <= 1 else {
            throw .invalidHeader(
                format: .png, reason: "IHDR has interlace method \(interlace); allowed 0 or 1",
                offset: 28)
        }
        info.png = PNGHeader(bitDepth: bitDepth, colorType: colorType, interlaced: interlace == 1)
        info.exifOrientation = findEXIFOrientation(&source)
    }

    /// Walks chunk headers after IHDR until the image data; reads `eXIf` when met.
    private static func findEXIFOrientation(_ source: inout ByteSource) -> Int? {
        var offset = 8 + 25  // after signature and the whole IHDR chunk (incl. CRC)
        for _ in 0..<maximumChunksWalked {
            let chunkHeader = source.read(at: offset, count: 8)
            guard chunkHeader.count == 8 else { return nil }
            let length = chunkHeader.uint32BE(0)
            let type = String(decoding: chunkHeader[4..<8], as: UTF8.self)
            if type == "IDAT" || type == "IEND" { return nil }
            if type == "eXIf" {
                guard length <= maximumEXIFLength else { return nil }
                let start = offset + 8
                return readEXIFOrientation(blockLength: length) { at, count in
                    guard at < length else { return [] }
                    return source.read(at: start + at, count: min(count, length - at))
                }
            }
            offset += 12 + length
            if offset >= source.size { return nil }
        }
        return nil
    }
}
