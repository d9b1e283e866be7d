public import Foundation
import KlingCheck

/// The CometAPI key (api.md, "Auth"). It never prints: ``description`` is a fixed placeholder,
/// and the only way out is the `Authorization` header the client builds.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable that holds the key.
    public static let environmentVariable = "COMETAPI_KEY"
    /// What is shown wherever the key would appear.
    public static let redacted = "Bearer <redacted>"

    let secret: String

    /// Wraps a key; trailing new lines and surrounding spaces are removed.
    ///
    /// - Throws: ``SubmitError/apiKeyEmpty(source:)`` when nothing remains;
    ///   ``SubmitError/apiKeyMalformed(source:)`` when what remains holds a space or a control
    ///   character (it could not travel in a header, and an HTTP library would quote it in its
    ///   error).
    public init(_ value: String, source: String = "the key") throws(SubmitError) {
        secret = try Self.clean(value, source: source)
    }

    /// `value` without surrounding white space, checked to be one printable ASCII word.
    static func clean(_ value: String, source: String) throws(SubmitError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .apiKeyEmpty(source: source) }
        guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .apiKeyMalformed(source: source)
        }
        return trimmed
    }

    /// `text` without a leading byte order mark (some editors write one).
    static func withoutByteOrderMark(_ text: String) -> String {
        text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// The text of a key file, read through ``Files`` (bounded, regular files only).
    static func readKeyFile(_ file: URL) throws(SubmitError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try Files.readAll(path: file.path, limit: maximumFileBytes)
        } catch {
            throw .apiKeyFileUnreadable(path: file.path, reason: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .apiKeyFileUnreadable(path: file.path, reason: "not UTF-8 text")
        }
        return text
    }

    /// The largest key file read, in bytes: a key is one short word, so anything larger is not a
    /// key file.
    public static let maximumFileBytes = 4096

    /// Loads the key: from `file` when given, else from `COMETAPI_KEY`.
    ///
    /// The file is opened through ``InputFile``, so a FIFO, a device such as `/dev/zero`, a socket
    /// or a folder is refused by name instead of blocking or reading forever.
    ///
    /// - Throws: ``SubmitError/missingAPIKey``, ``SubmitError/apiKeyFileUnreadable(path:reason:)``
    ///   or ``SubmitError/apiKeyEmpty(source:)``.
    public static func load(file: URL?, environment: [String: String]) throws(SubmitError) -> APIKey {
        if let file {
            return try APIKey(withoutByteOrderMark(try readKeyFile(file)), source: file.path)
        }
        if let value = environment[environmentVariable] {
            return try APIKey(value, source: environmentVariable)
        }
        throw .missingAPIKey
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "APIKey(<redacted>)" }
}
