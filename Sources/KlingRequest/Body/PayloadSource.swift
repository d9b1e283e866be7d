public import Foundation

/// Where the bytes of one image or mask in a ``RequestBody`` come from.
///
/// A body read from JSON holds `.url` and `.base64` only; a body built from a job also holds
/// `.file` (an input image, streamed in chunks) and `.data` (a mask PNG made in memory), which
/// become base64 when the body is written.
public enum PayloadSource: Sendable, Hashable {
    /// A local file, read in chunks and written as base64 (never whole in memory).
    case file(String)
    /// Bytes in memory (e.g. a mask PNG from the image module), written as base64.
    case data(Data)
    /// A public URL, written as is.
    case url(String)
    /// Text that is already base64 (without a `data:` header), written as is.
    case base64(String)

    /// The source a JSON string of a body stands for: an `http://` or `https://` URL, else
    /// inline base64 (api.md: "public URL or base64").
    public init(bodyText text: String) {
        let head = text.prefix(8).lowercased()
        self = head.hasPrefix("http://") || head.hasPrefix("https://") ? .url(text) : .base64(text)
    }

    /// The JSON string of a `.url` or `.base64` source; `nil` for `.file` and `.data`, which
    /// must be read and encoded first.
    public var bodyText: String? {
        switch self {
        case .url(let text), .base64(let text): text
        case .file, .data: nil
        }
    }
}
