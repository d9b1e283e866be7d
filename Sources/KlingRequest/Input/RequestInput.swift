import Foundation
import KlingCheck
import KlingImage

/// What a file given to `validate`, `build` or `submit` is: a job file, a raw request body, or a picture
/// (design.md, "The user's day").
public enum RequestInput: Sendable, Hashable {
    /// A job file (YAML or JSON): `images`, `brushes`, …
    case job
    /// A request body written for the API: a JSON object with `image` (image2video) or
    /// `image_list` (multi-image2video) at its top level.
    case body
    /// A picture (PNG, JPEG, or a format the service refuses), told by its first bytes:
    /// `validate` checks it as an input image.
    case image

    /// Bytes read per step while looking for a body's keys.
    static let chunkBytes = 1 << 20

    /// Tells a body from a job: a `.json` file whose text holds the key `"image"` or
    /// `"image_list"` (a job names its images `images`). Reads the file in 1 MiB chunks, never
    /// whole; a file that cannot be read is left to the reader that follows, so it is `.job`.
    public static func classify(path: String) -> RequestInput {
        guard let file = try? InputFile(path: path) else { return .job }
        if let head = try? file.read(at: 0, count: 16), !head.isEmpty,
            ![.notAnImage, .empty].contains(ImageFormat.detect(head))
        {
            return .image
        }
        guard path.lowercased().hasSuffix(".json") else { return .job }
        var offset = 0
        var carry: [UInt8] = []
        while offset < file.size {
            guard let chunk = try? file.read(at: offset, count: chunkBytes), !chunk.isEmpty else { break }
            offset += chunk.count
            let window = carry + chunk
            if containsImageKey(window) { return .body }
            carry = Array(window.suffix(32))
        }
        return .job
    }

    /// True when `bytes` hold `"image"` or `"image_list"` followed, after spaces, by a colon.
    static func containsImageKey(_ bytes: [UInt8]) -> Bool {
        let quote = UInt8(ascii: "\"")
        let keys: [[UInt8]] = [Array("\"image\"".utf8), Array("\"image_list\"".utf8)]
        var index = 0
        while index < bytes.count {
            guard bytes[index] == quote else {
                index += 1
                continue
            }
            for key in keys where index + key.count <= bytes.count && Array(bytes[index..<index + key.count]) == key {
                var after = index + key.count
                while after < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ":") { return true }
            }
            index += 1
        }
        return false
    }
}
