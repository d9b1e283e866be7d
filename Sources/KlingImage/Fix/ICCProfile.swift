/// An embedded ICC colour profile (PNG iCCP chunk, JPEG APP2 ICC_PROFILE segments), with the
/// facts read from its header and description tag (ICC.1:2022, sections 7.2 and 9.2.10).
public struct ICCProfile: Sendable, Hashable {
    /// The profile's bytes, as embedded.
    public var bytes: [UInt8]

    /// The profile of `bytes`.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The header's data colour space signature, trimmed: `RGB`, `GRAY`, `CMYK`; `nil` when the
    /// header is shorter than 128 bytes or the field is not printable ASCII.
    public var colorSpace: String? {
        guard bytes.count >= 128, bytes[16..<20].allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        let text = String(decoding: bytes[16..<20], as: UTF8.self).trimmingCharacters(in: " ")
        return text.isEmpty ? nil : text
    }

    /// The `desc` tag's text (`textDescriptionType` of ICC v2 or the first record of a v4
    /// `multiLocalizedUnicodeType`), e.g. `sRGB IEC61966-2.1`, `Display P3`; `nil` when absent
    /// or unreadable.
    public var name: String? {
        guard bytes.count >= 132 else { return nil }
        let count = Self.u32(bytes, 128)
        guard count < 1000, bytes.count >= 132 + count * 12 else { return nil }
        for index in 0..<count {
            let entry = 132 + index * 12
            guard Self.u32(bytes, entry) == 0x6465_7363 else { continue }  // 'desc'
            let offset = Self.u32(bytes, entry + 4)
            let size = Self.u32(bytes, entry + 8)
            guard offset >= 0, size >= 12, offset <= bytes.count - size else { return nil }
            return Self.text(Array(bytes[offset..<offset + size]))
        }
        return nil
    }

    /// True when the description names sRGB (`sRGB IEC61966-2.1`, `sRGB built-in`, …): the
    /// colour space the service is assumed to expect.
    public var isSRGB: Bool {
        guard let name else { return false }
        return name.lowercased().contains("srgb")
    }

    static func text(_ tag: [UInt8]) -> String? {
        let type = u32(tag, 0)
        if type == 0x6465_7363 {  // 'desc': uint32 length, ASCII with a terminating zero
            let length = u32(tag, 8)
            guard length > 0, 12 + length <= tag.count else { return nil }
            let ascii = tag[12..<12 + length].prefix { $0 != 0 }
            return String(decoding: ascii, as: UTF8.self)
        }
        if type == 0x6D6C_7563 {  // 'mluc': records of (language, country, length, offset)
            guard tag.count >= 28, u32(tag, 8) > 0 else { return nil }
            let length = u32(tag, 20)
            let offset = u32(tag, 24)
            guard offset + length <= tag.count, length >= 2 else { return nil }
            var units: [UInt16] = []
            for index in stride(from: offset, to: offset + length - 1, by: 2) {
                units.append(UInt16(tag[index]) << 8 | UInt16(tag[index + 1]))
            }
            return String(decoding: units, as: UTF16.self).trimmingCharacters(in: "\0")
        }
        return nil
    }

    static func u32(_ bytes: [UInt8], _ index: Int) -> Int {
        guard index >= 0, index + 4 <= bytes.count else { return -1 }
        return Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8
            | Int(bytes[index + 3])
    }
}

extension String {
    /// The string without `character` at either end.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
