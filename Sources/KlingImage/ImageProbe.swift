import KlingCheck
/// Reads an image's header, and finds where its data ends, without decoding its pixels.
///
/// Format by signature; for PNG the IHDR chunk (and an `eXIf` chunk before the image data);
/// for JPEG the markers up to the start of frame, skipping each segment by its length, reading
/// only the first bytes of an APP1 `Exif` segment for the orientation. Then the end of the
/// image's own data (see ``ImageInfo/endMarkerFound`` and ``ImageInfo/trailingByteCount``):
/// PNG's chunk walk to IEND reads 8 bytes per chunk; JPEG's search for the end-of-image marker
/// reads the entropy-coded data once, at `memchr` speed, without decoding it.
public enum ImageProbe {
    /// Probes the file at `path`.
    /// - Returns: the header facts; accepted and refused formats alike (see ``ImageInfo/format``).
    /// - Throws: ``ImageError/unreadable(path:reason:)`` when the file cannot be read,
    ///   ``ImageError/invalidHeader(format:reason:offset:)`` when a PNG or JPEG header is damaged.
    public static func probe(path: String) throws(ImageError) -> ImageInfo {
        var source = try ByteSource(path: path)
        return try probe(&source)
    }

    /// Probes bytes in memory (e.g. a decoded base64 string); same results as for a file.
    /// - Throws: ``ImageError/invalidHeader(format:reason:offset:)`` when a header is damaged.
    public static func probe(bytes: [UInt8]) throws(ImageError) -> ImageInfo {
        var source = ByteSource(bytes: bytes)
        return try probe(&source)
    }

    /// Probes and also tells how many bytes the header reads and the end search took (used by
    /// tests and the benchmark).
    static func probeCountingBytes(path: String) throws(ImageError) -> ProbeCost {
        var source = try ByteSource(path: path)
        let info = try probe(&source)
        return ProbeCost(info: info, headerBytes: source.bytesRead, endSearchBytes: source.bytesScanned)
    }

    /// Probes bytes and tells how many of them the probe read.
    static func probeCountingBytes(bytes: [UInt8]) throws(ImageError) -> ProbeCost {
        var source = ByteSource(bytes: bytes)
        let info = try probe(&source)
        return ProbeCost(info: info, headerBytes: source.bytesRead, endSearchBytes: source.bytesScanned)
    }

    static func probe(_ source: inout ByteSource) throws(ImageError) -> ImageInfo {
        try probe(&source, checkingPNGChunks: false).info
    }

    /// Probes, and with `checkingPNGChunks` also checks a PNG's chunk CRCs in the same walk that
    /// finds the end of its data (``PNGChunkCheck``), so the file is read once.
    static func probe(_ source: inout ByteSource, checkingPNGChunks: Bool) throws(ImageError) -> ProbeOutcome {
        let head = source.read(at: 0, count: ImageFormat.signatureLength)
        let format = ImageFormat.detect(head)
        var info = ImageInfo(
            format: format, width: 0, height: 0, byteCount: source.size, png: nil, jpeg: nil,
            exifOrientation: nil, endMarkerFound: nil, trailingByteCount: nil,
            leadingBytes: head.hexPrefix())
        var end: Int?
        var damage: String?
        switch format {
        case .png:
            try PNGHeaderReader.read(&source, into: &info)
            if checkingPNGChunks {
                let walk = PNGChunkCheck.walk(&source)
                end = walk.end
                damage = walk.damage
            } else {
                end = DataEnd.png(&source)
            }
        case .jpeg:
            let frameEnd = try JPEGHeaderReader.read(&source, into: &info)
            end = DataEnd.jpeg(&source, from: frameEnd)
        default:
            break
        }
        if let failure = source.failure {
            throw .unreadable(path: failure.path, reason: failure.reason)
        }
        if format == .png || format == .jpeg {
            info.endMarkerFound = end != nil
            info.trailingByteCount = end.map { source.size - $0 }
        }
        return ProbeOutcome(info: info, pngDamage: damage)
    }
}

/// A probe's facts, and what the PNG chunk-CRC pass found when it was asked for.
struct ProbeOutcome {
    var info: ImageInfo
    /// The first damaged chunk of a PNG, as a sentence; `nil` when all match or not checked.
    var pngDamage: String?
}

/// What a probe cost: header bytes read, and bytes read by the search of the data's end.
struct ProbeCost {
    var info: ImageInfo
    var headerBytes: Int
    var endSearchBytes: Int
}
