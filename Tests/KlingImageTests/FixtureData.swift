import Foundation
import TestSupport

/// Bytes of fixtures and helpers to damage them.
enum FixtureData {
    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture(relative))))
    }

    /// Offsets where each PNG chunk starts (after the 8-byte signature), and the file end.
    static func pngChunkBoundaries(_ png: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var offset = 8
        while offset + 8 <= png.count {
            offsets.append(offset)
            let length =
                Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            offset += 12 + length
        }
        return offsets
    }

    /// Offsets of every JPEG marker before the first SOS, plus the SOS and a few inside the scan.
    static func jpegMarkerBoundaries(_ jpeg: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var offset = 2
        while offset + 4 <= jpeg.count, jpeg[offset] == 0xFF {
            offsets.append(offset)
            if jpeg[offset + 1] == 0xDA { break }
            let length = Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3])
            offset += 2 + length
        }
        return offsets
    }

    /// The file's bytes with a big-endian UInt16 written at `offset`.
    static func patching16(_ bytes: [UInt8], at offset: Int, _ value: Int) -> [UInt8] {
        var copy = bytes
        copy[offset] = UInt8(value >> 8 & 0xFF)
        copy[offset + 1] = UInt8(value & 0xFF)
        return copy
    }

    /// The file's bytes with a big-endian UInt32 written at `offset`.
    static func patching32(_ bytes: [UInt8], at offset: Int, _ value: Int) -> [UInt8] {
        var copy = patching16(bytes, at: offset, value >> 16)
        copy = patching16(copy, at: offset + 2, value & 0xFFFF)
        return copy
    }

    /// Offset of the first SOF marker (0xFFC0…0xFFC2) in a JPEG.
    static func sofOffset(_ jpeg: [UInt8]) -> Int? {
        jpegMarkerBoundaries(jpeg).first { [0xC0, 0xC1, 0xC2].contains(jpeg[$0 + 1]) }
    }
}

extension FixtureData {
    /// Bytes a phone might append after a photo's end marker: an MP4 `ftyp` box and data that
    /// holds the JPEG and PNG end markers (`FF D9`, `IEND`) and other marker-like bytes, cut to
    /// `count` bytes.
    static func trailer(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0, 0x18] + Array("ftypmp42".utf8) + [0, 0, 0, 0]
        bytes += [0xFF, 0xD9, 0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10] + Array("IEND".utf8)
        bytes += [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        var state: UInt32 = 0x1234_5678
        while bytes.count < count {
            state = state &* 1_664_525 &+ 1_013_904_223  // a fixed pseudo-random sequence
            bytes.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        return Array(bytes.prefix(count))
    }
}
