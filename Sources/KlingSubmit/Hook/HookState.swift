public import Foundation
import KlingCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The callback receiver's small state file: the random secret path segment that makes the
/// callback URL unguessable (api.md, "Callback": the service signs nothing, so the URL itself is
/// the only secret).
///
/// The file is JSON, `{"version":1,"secret":"<hex>","created_at":"…"}`, created once by
/// ``loadOrCreate(at:)``, written atomically with mode 0600 in a folder created with mode 0700,
/// and reused from then on, so that callback URLs given out earlier keep working. Its default
/// place is ``defaultURL(environment:)``.
///
/// The secret never appears in ``description`` or a mirror: only ``secretPath`` and
/// ``callbackURL(base:)`` give it out.
public struct HookState: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The state file's name in its default folder.
    public static let fileName = "hook.json"
    /// Hex digits in a new secret (32 random bytes, 256 bits).
    public static let secretLength = 64
    /// Fewest hex digits a stored secret may have (128 bits).
    public static let minimumSecretLength = 32
    /// The largest state file read, in bytes.
    static let maximumFileBytes = 64 * 1024

    /// Where the state was read from.
    public let url: URL
    /// The secret path segment: lowercase hex, at least ``minimumSecretLength`` digits.
    let secret: String

    /// The path the receiver answers on, `/hook/<secret>`.
    public var secretPath: String { "/hook/" + secret }

    /// Names the file only, never the secret.
    public var description: String { "HookState(\(url.path))" }

    /// Shows the file only, never the secret (so `dump` stays safe).
    public var customMirror: Mirror { Mirror(self, children: ["url": url]) }

    init(url: URL, secret: String) {
        self.url = url
        self.secret = secret
    }

    /// The default state file: `$XDG_STATE_HOME/klingprep/hook.json` when `XDG_STATE_HOME` is an
    /// absolute path, else `~/.local/state/klingprep/hook.json` (`HOME`, else the user's home).
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        StateDirectory.url(environment: environment).appendingPathComponent(fileName)
    }

    /// Reads the state file at `url`.
    ///
    /// - Throws: ``HookError/stateUnreadable(path:reason:)`` when it is missing or cannot be read
    ///   (a folder, a FIFO, no permission, more than 64 KiB);
    ///   ``HookError/stateMalformed(path:reason:)`` when it is not the hook's JSON or its secret
    ///   is not at least 32 lowercase hex digits.
    public static func load(from url: URL) throws(HookError) -> HookState {
        let bytes: [UInt8]
        do {
            bytes = try Files.readAll(path: url.path, limit: maximumFileBytes)
        } catch {
            throw .stateUnreadable(path: url.path, reason: error.reason)
        }
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)) else {
            throw .stateMalformed(path: url.path, reason: "it is not a JSON object with a \"secret\" string")
        }
        guard stored.version == 1 else {
            throw .stateMalformed(path: url.path, reason: "it has version \(stored.version); this klingprep reads 1")
        }
        guard isUsableSecret(stored.secret) else {
            throw .stateMalformed(
                path: url.path, reason: "its secret is not at least \(minimumSecretLength) lowercase hex digits")
        }
        return HookState(url: url, secret: stored.secret)
    }

    /// Reads the state file at `url`, creating it with a new random secret when there is none.
    ///
    /// A new file is written atomically (a temporary file, then a rename) with mode 0600; missing
    /// folders are created with mode 0700. The file is read back after writing, so two runs that
    /// create it at once end up with whichever secret was renamed into place last.
    ///
    /// - Throws: ``HookError/stateNotWritable(path:reason:)`` when it cannot be created, and what
    ///   ``load(from:)`` throws for an existing file.
    public static func loadOrCreate(at url: URL) throws(HookError) -> HookState {
        var status = stat()
        if lstat(url.path, &status) == 0 || errno != ENOENT { return try load(from: url) }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .stateNotWritable(path: folder.path, reason: Files.reason(of: error))
        }
        let stored = Stored(version: 1, secret: generateSecret(), createdAt: JournalRecord.timestamp(Date()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var bytes = try? encoder.encode(stored) else {
            throw .stateNotWritable(path: url.path, reason: "the state could not be encoded")
        }
        bytes.append(UInt8(ascii: "\n"))
        do throws(FileError) {
            let output = try AtomicOutput(destination: url.path)
            guard chmod(output.temporaryPath, 0o600) == 0 else {
                let reason = Files.reason(errno: errno)
                output.discard()
                throw FileError.writeFailed(path: url.path, reason: reason)
            }
            do throws(FileError) {
                try output.write(bytes)
                try output.commit()
            } catch {
                output.discard()
                throw error
            }
        } catch {
            throw .stateNotWritable(path: url.path, reason: error.reason)
        }
        return try load(from: url)
    }

    /// The callback URL for the public `base` (where the service reaches this receiver, e.g.
    /// `https://example.com/klingprep`): the base without trailing slashes, then ``secretPath``.
    ///
    /// A base with a path is for a reverse proxy that strips that prefix: the receiver itself
    /// answers on ``secretPath`` only.
    ///
    /// - Throws: ``HookError/invalidPublicBase(_:reason:)`` for a base without a host or with a
    ///   query, fragment or credentials; ``HookError/insecurePublicBase(_:)`` for plain `http://`
    ///   to a host that is not loopback.
    public func callbackURL(base: String) throws(HookError) -> String {
        try Self.publicBase(base) + secretPath
    }

    /// `raw` checked and normalised as a public base URL (trimmed, no trailing slash).
    ///
    /// - Throws: as ``callbackURL(base:)``.
    public static func publicBase(_ raw: String) throws(HookError) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidPublicBase(raw, reason: "not an absolute URL")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidPublicBase(raw, reason: "no host") }
        guard components.query == nil, components.fragment == nil, components.user == nil,
            components.password == nil
        else {
            throw .invalidPublicBase(raw, reason: "a base URL has no query, fragment or credentials")
        }
        switch scheme {
        case "https": break
        case "http":
            guard ServiceEndpoint.isLoopback(host: host) else { throw .insecurePublicBase(raw) }
        default:
            throw .invalidPublicBase(raw, reason: "scheme \(scheme) is neither https nor http")
        }
        return text
    }

    /// A new secret: ``secretLength`` lowercase hex digits from `SystemRandomNumberGenerator`.
    static func generateSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<(secretLength / 16) {
            let word = String(generator.next() as UInt64, radix: 16)
            text += String(repeating: "0", count: 16 - word.count) + word
        }
        return text
    }

    /// Whether `secret` is at least ``minimumSecretLength`` (at most 256) lowercase hex digits.
    static func isUsableSecret(_ secret: String) -> Bool {
        (minimumSecretLength...256).contains(secret.utf8.count)
            && secret.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The file's JSON.
    struct Stored: Codable {
        var version: Int
        var secret: String
        var createdAt: String?

        enum CodingKeys: String, CodingKey {
            case version, secret
            case createdAt = "created_at"
        }
    }
}
