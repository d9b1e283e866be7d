/// Reads an image's header without decoding its pixels.
///
/// Format by signature; for PNG the IHDR chunk (and an `eXIf` chunk before the image data);
/// for JPEG the markers up to the start of frame, skipping each segment by its length, reading
/// only the first bytes of an APP1 `Exif` segment for the orientation.
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

    /// Probes and also tells how many bytes were read (used by tests and the benchmark).
    static func probeCountingBytes(path: String) throws(ImageError) -> (ImageInfo, Int) {
        var source = try ByteSource(path: path)
        let info = try probe(&source)
        return (info, source.bytesRead)
    }

    /// Probes bytes and tells how many of them the probe read.
    static func probeCountingBytes(bytes: [UInt8]) throws(ImageError) -> (ImageInfo, Int) {
        var source = ByteSource(bytes: bytes)
        let info = try probe(&source)
        return (info, source.bytesRead)
    }

    /// The whole IEND chunk: length 0, type, CRC.
    private static let pngEnd: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
    /// How far from the end an end marker may sit (some writers append a few bytes).
    private static let trailingAllowance = 4096

    /// True when the data ends with `exact`, or holds `marker` within its last 4 KiB.
    private static func endsWith(_ source: inout ByteSource, exact: [UInt8], marker: [UInt8]) -> Bool {
        if source.read(at: source.size - exact.count, count: exact.count) == exact { return true }
        let start = max(0, source.size - trailingAllowance)
        let tail = source.read(at: start, count: source.size - start)
        guard tail.count >= marker.count else { return false }
        return (0...(tail.count - marker.count)).contains { tail[$0..<$0 + marker.count].elementsEqual(marker) }
    }

    static func probe(_ source: inout ByteSource) throws(ImageError) -> ImageInfo {
        let head = source.read(at: 0, count: ImageFormat.signatureLength)
        let format = ImageFormat.detect(head)
        var info = ImageInfo(
            format: format, width: 0, height: 0, byteCount: source.size, png: nil, jpeg: nil,
            exifOrientation: nil, endMarkerFound: nil, leadingBytes: head.hexPrefix())
        switch format {
        case .png:
            try PNGHeaderReader.read(&source, into: &info)
            info.endMarkerFound = endsWith(&source, exact: pngEnd, marker: Array("IEND".utf8))
        case .jpeg:
            try JPEGHeaderReader.read(&source, into: &info)
            info.endMarkerFound = endsWith(&source, exact: [0xFF, 0xD9], marker: [0xFF, 0xD9])
        default:
            break
        }
        return info
    }
}
