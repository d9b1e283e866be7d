/// What a file really is, told by its first bytes (its signature), never by its name.
public enum ImageFormat: String, Sendable, Codable, Hashable, CaseIterable {
    case png
    case jpeg
    case gif
    case webp
    case bmp
    case tiff
    case heic
    case avif
    case pdf
    /// Bytes that match no signature we know.
    case notAnImage = "not-an-image"
    /// A file of zero bytes.
    case empty

    /// True for the formats the API accepts (api.md, `image_list[].image`: JPG/JPEG/PNG).
    public var isAccepted: Bool { self == .png || self == .jpeg }

    /// A name for people: "PNG", "JPEG", "GIF", ….
    public var displayName: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .bmp: "BMP"
        case .tiff: "TIFF"
        case .heic: "HEIC"
        case .avif: "AVIF"
        case .pdf: "PDF"
        case .notAnImage: "not an image"
        case .empty: "an empty file"
        }
    }

    /// How many leading bytes ``detect(_:)`` needs at most.
    static let signatureLength = 16

    /// Tells the format from the first bytes of a file (up to ``signatureLength``).
    public static func detect(_ head: [UInt8]) -> ImageFormat {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
        }
        if head.isEmpty { return .empty }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("BM".utf8)) { return .bmp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            if brand == "avif" || brand == "avis" { return .avif }
            if ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"].contains(brand) {
                return .heic
            }
        }
        return .notAnImage
    }
}
