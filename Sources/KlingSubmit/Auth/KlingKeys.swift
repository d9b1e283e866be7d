public import Foundation
public import KlingCheck

/// The access key and secret key of a Kling account (api.md, "Auth"): the access key is the
/// JWT's `iss`, the secret key signs it. Neither ever prints: ``description`` is a placeholder.
public struct KlingKeys: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable holding the access key.
    public static let accessKeyVariable = "KLING_ACCESS_KEY"
    /// The environment variable holding the secret key.
    public static let secretKeyVariable = "KLING_SECRET_KEY"

    let accessKey: String
    let secretKey: String

    /// Wraps a key pair; surrounding white space is removed.
    ///
    /// - Throws: ``SubmitError/apiKeyEmpty(source:)`` or ``SubmitError/apiKeyMalformed(source:)``
    ///   (naming the variable or line, never the value).
    public init(accessKey: String, secretKey: String, source: String = "the keys") throws(SubmitError) {
        self.accessKey = try APIKey.clean(accessKey, source: "\(Self.accessKeyVariable) in \(source)")
        self.secretKey = try APIKey.clean(secretKey, source: "\(Self.secretKeyVariable) in \(source)")
    }

    /// Loads the pair: from `file` when given (lines `KLING_ACCESS_KEY=…` and
    /// `KLING_SECRET_KEY=…`; blank lines and `#` comments allowed; `export ` and quotes around the
    /// value tolerated), else from the two environment variables.
    ///
    /// - Throws: ``SubmitError/missingKlingKeys(missing:)``,
    ///   ``SubmitError/apiKeyFileUnreadable(path:reason:)`` and the cases of ``init(accessKey:secretKey:source:)``.
    public static func load(file: URL?, environment: [String: String]) throws(SubmitError) -> KlingKeys {
        if let file {
            let text = try APIKey.readKeyFile(file)
            var values: [String: String] = [:]
            let lines = APIKey.withoutByteOrderMark(text).split(
                omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            for (index, raw) in lines.enumerated() {
                var line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
                guard let equals = line.firstIndex(of: "=") else {
                    throw .apiKeyFileUnreadable(
                        path: file.path,
                        reason:
                            "line \(index + 1) is not NAME=VALUE; the file holds \(accessKeyVariable)=… and \(secretKeyVariable)=… lines"
                    )
                }
                let name = line[..<equals].trimmingCharacters(in: .whitespaces)
                var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                    value = String(value.dropFirst().dropLast())
                }
                guard name == accessKeyVariable || name == secretKeyVariable else {
                    throw .apiKeyFileUnreadable(
                        path: file.path,
                        reason:
                            "line \(index + 1) sets \(name); only \(accessKeyVariable) and \(secretKeyVariable) are read"
                    )
                }
                guard values[name] == nil else {
                    throw .apiKeyFileUnreadable(
                        path: file.path, reason: "line \(index + 1) sets \(name) a second time; keep one line for it")
                }
                values[name] = value
            }
            let missing = [accessKeyVariable, secretKeyVariable].filter { values[$0] == nil }
            guard missing.isEmpty, let access = values[accessKeyVariable], let secret = values[secretKeyVariable]
            else {
                throw .apiKeyFileUnreadable(path: file.path, reason: "it sets no \(missing.joined(separator: " and "))")
            }
            return try KlingKeys(accessKey: access, secretKey: secret, source: file.path)
        }
        let access = environment[accessKeyVariable]
        let secret = environment[secretKeyVariable]
        guard let access, let secret else {
            throw .missingKlingKeys(
                missing: [access == nil ? accessKeyVariable : nil, secret == nil ? secretKeyVariable : nil]
                    .compactMap { $0 })
        }
        return try KlingKeys(accessKey: access, secretKey: secret, source: "the environment")
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "KlingKeys(<redacted>)" }
}

/// What authorises requests at a backend (api.md, "Auth"): a CometAPI key, or a Kling key pair
/// from which JWTs are signed.
public enum Credentials: Sendable, CustomStringConvertible {
    /// `Authorization: Bearer <key>` (CometAPI).
    case apiKey(APIKey)
    /// `Authorization: Bearer <JWT>` signed with the secret key (Kling).
    case kling(KlingKeys)

    /// Loads the credentials of `backend`: CometAPI's key from `file` or `COMETAPI_KEY`; Kling's
    /// pair from `file` or `KLING_ACCESS_KEY` and `KLING_SECRET_KEY`.
    ///
    /// - Throws: the key cases of ``SubmitError``.
    public static func load(backend: Backend, file: URL?, environment: [String: String]) throws(SubmitError)
        -> Credentials
    {
        switch backend {
        case .cometapi: return .apiKey(try APIKey.load(file: file, environment: environment))
        case .kling: return .kling(try KlingKeys.load(file: file, environment: environment))
        }
    }

    /// The backend these credentials are for.
    public var backend: Backend {
        switch self {
        case .apiKey: .cometapi
        case .kling: .kling
        }
    }

    /// The secret values, for redaction.
    var secrets: [String] {
        switch self {
        case .apiKey(let key): [key.secret]
        case .kling(let keys): [keys.accessKey, keys.secretKey]
        }
    }

    public var description: String { "<redacted>" }
}
