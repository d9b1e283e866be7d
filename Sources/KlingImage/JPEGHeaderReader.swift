/// Walks a JPEG's markers to the start of frame (SOF), skipping segments by their length.
enum JPEGHeaderReader {
    /// Most segments walked before the SOF; beyond it the file is not a photo we can trust.
    private static let maximumSegments = 4096

    /// Reads the markers up to the SOF into `info`.
    /// - Returns: the offset just after the SOF segment, where the search of the end starts.
    static func read(_ source: inout ByteSource, into info: inout ImageInfo) throws(ImageError) -> Int {
        var offset = 2  // after SOI
        var sawJFIF = false
        var adobeTransform: Int?
        for _ in 0..<maximumSegments {
            // Find the next marker as libjpeg does (jdmarker.c, next_marker): skip any bytes that
            // are not 0xFF (libjpeg warns "extraneous bytes"), then fill bytes 0xFF.
            guard let found = nextMarker(&source, from: offset) else {
                throw .invalidHeader(
                    format: .jpeg, reason: "the file ends before the start of frame (SOF)",
                    offset: offset)
            }
            offset = found.offset
            let marker: [UInt8] = [0xFF, found.code]
            let code = marker[1]
            let markerOffset = offset
            // Markers without a length: TEM, RSTn, SOI.
            if code == 0x01 || (0xD0...0xD8).contains(code) {
                offset += 2
                continue
            }
            if code == 0xD9 || code == 0xDA {
                throw .invalidHeader(
                    format: .jpeg,
                    reason: code == 0xD9
                        ? "end of image (EOI) before any start of frame (SOF)"
                        : "start of scan (SOS) before any start of frame (SOF)",
                    offset: markerOffset)
            }
            let lengthBytes = source.read(at: offset + 2, count: 2)
            guard lengthBytes.count == 2 else {
                throw .invalidHeader(
                    format: .jpeg, reason: "the file ends inside a segment length",
                    offset: offset + 2)
            }
            let length = lengthBytes.uint16BE(0)
            guard length >= 2 else {
                throw .invalidHeader(
                    format: .jpeg, reason: "segment length \(length) is below the minimum of 2",
                    offset: offset + 2)
            }
            let payloadOffset = offset + 4
            let payloadLength = length - 2
            if let process = sofProcess(code) {
                try readFrame(
                    &source, at: payloadOffset, length: payloadLength, markerOffset: markerOffset,
                    process: process, sawJFIF: sawJFIF, adobeTransform: adobeTransform,
                    into: &info)
                return payloadOffset + payloadLength
            }
            switch code {
            case 0xE0:
                let id = source.read(at: payloadOffset, count: 5)
                if id == Array("JFIF\0".utf8) { sawJFIF = true }
            case 0xE1 where info.exifOrientation == nil:
                let id = source.read(at: payloadOffset, count: 6)
                if id == Array("Exif\0\0".utf8) {
                    let tiffStart = payloadOffset + 6
                    let tiffLength = payloadLength - 6
                    info.exifOrientation = readEXIFOrientation(blockLength: tiffLength) {
                        at, count in
                        guard at < tiffLength else { return [] }
                        return source.read(at: tiffStart + at, count: min(count, tiffLength - at))
                    }
                }
            case 0xEE:
                let adobe = source.read(at: payloadOffset, count: 12)
                if adobe.count == 12, Array(adobe[0..<5]) == Array("Adobe".utf8) {
                    adobeTransform = Int(adobe[11])
                }
            default:
                break
            }
            offset = payloadOffset + payloadLength
        }
        throw .invalidHeader(
            format: .jpeg,
            reason: "no start of frame (SOF) within the first \(maximumSegments) segments",
            offset: offset)
    }

    /// Most bytes skipped while looking for a marker; libjpeg has no bound, but a probe must.
    private static let maximumSkippedBytes = 1 << 20

    /// The offset of the next marker's 0xFF and its code, skipping garbage and fill bytes.
    private static func nextMarker(_ source: inout ByteSource, from start: Int) -> (offset: Int, code: UInt8)? {
        var window = ReadWindow()
        var position = start
        while position - start < maximumSkippedBytes {
            guard let byte = window.byte(at: position, in: &source) else { return nil }
            guard byte == 0xFF else {
                position += 1
                continue
            }
            var next = position + 1
            while true {
                guard let code = window.byte(at: next, in: &source) else { return nil }
                if code == 0xFF {
                    position = next
                    next += 1
                } else if code == 0x00 {
                    position = next + 1  // 0xFF 0x00 is stuffed data, not a marker
                    break
                } else {
                    return (position, code)
                }
            }
        }
        return nil
    }

    /// The coding process of a SOF marker code, or `nil` when the code is not a SOF.
    private static func sofProcess(_ code: UInt8) -> JPEGFrame.Process? {
        switch code {
        case 0xC0: .baseline
        case 0xC1: .extendedHuffman
        case 0xC2: .progressiveHuffman
        case 0xC3: .losslessHuffman
        case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF: .hierarchical
        case 0xC9: .extendedArithmetic
        case 0xCA: .progressiveArithmetic
        case 0xCB: .losslessArithmetic
        default: nil
        }
    }

    private static func readFrame(
        _ source: inout ByteSource, at offset: Int, length: Int, markerOffset: Int,
        process: JPEGFrame.Process, sawJFIF: Bool, adobeTransform: Int?,
        into info: inout ImageInfo
    ) throws(ImageError) {
        let frame = source.read(at: offset, count: min(length, 6 + 3 * 4))
        guard length >= 6, frame.count >= 6 else {
            throw .invalidHeader(
                format: .jpeg, reason: "the start of frame (SOF) is cut short", offset: offset)
        }
        let precision = Int(frame[0])
        let height = frame.uint16BE(1)
        let width = frame.uint16BE(3)
        let components = Int(frame[5])
        info.width = width
        info.height = height
        guard width > 0, height > 0 else {
            throw .invalidHeader(
                format: .jpeg,
                reason: "the start of frame declares \(width)x\(height); each side must be at least 1",
                offset: offset + 1)
        }
        guard (1...10).contains(components) else {
            throw .invalidHeader(
                format: .jpeg,
                reason: "the start of frame declares \(components) components; expected 1 to 10",
                offset: offset + 5)
        }
        var ids: [UInt8] = []
        for index in 0..<components where frame.count >= 6 + 3 * index + 1 {
            ids.append(frame[6 + 3 * index])
        }
        info.jpeg = JPEGFrame(
            process: process, precision: precision, components: components,
            colorSpace: colorSpace(
                components: components, ids: ids, sawJFIF: sawJFIF, adobeTransform: adobeTransform),
            sofOffset: markerOffset)
    }

    /// The colour space as libjpeg tells it (jdapimin.c, default_decompress_parms).
    private static func colorSpace(
        components: Int, ids: [UInt8], sawJFIF: Bool, adobeTransform: Int?
    ) -> JPEGFrame.ColorSpace {
        switch components {
        case 1:
            return .gray
        case 3:
            if sawJFIF { return .yCbCr }
            if let transform = adobeTransform { return transform == 0 ? .rgb : .yCbCr }
            if ids == Array("RGB".utf8) { return .rgb }
            return .yCbCr
        case 4:
            return adobeTransform == 2 ? .ycck : .cmyk
        default:
            return .unknown
        }
    }
}

/// Reads a source a block at a time for byte-wise scanning.
private struct ReadWindow {
    private var bytes: [UInt8] = []
    private var start = 0
    /// Small at first: a well-formed file has its marker right there; garbage reads more.
    private var blockSize = 8

    mutating func byte(at offset: Int, in source: inout ByteSource) -> UInt8? {
        if offset < start || offset >= start + bytes.count {
            bytes = source.read(at: offset, count: blockSize)
            blockSize = 512
            start = offset
            if bytes.isEmpty { return nil }
        }
        return bytes[offset - start]
    }
}

/// A byte in two upper-case hex digits: `0A`.
func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
