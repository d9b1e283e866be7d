import Foundation
public import KlingCheck

/// Why a request-module operation could not run at all.
///
/// Problems *in* a job or a body are never thrown: they are returned as `Finding`s so that a
/// whole file can be reported at once (design.md, "Checks"). This error is for the environment:
/// a file that cannot be read, an output that cannot be written.
public enum RequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file at `path` could not be opened or read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The file at `path` is larger than `limit` bytes and was not read (`bytes` seen).
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// Writing the output at `path` failed; nothing was left behind. `reason` explains why.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .tooLarge(let path, let bytes, let limit):
            "\(path) is \(bytes) bytes, more than the \(limit) bytes allowed"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}

extension RequestError {
    /// The request module's view of a file error: what could not be read or written, and why.
    public init(_ error: FileError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .notRegularFile(let path, _): self = .unreadable(path: path, reason: error.reason)
        case .tooLarge(let path, let bytes, let limit): self = .tooLarge(path: path, bytes: bytes, limit: limit)
        case .writeFailed(let path, let reason): self = .writeFailed(path: path, reason: reason)
        }
    }

    /// Runs `body`, turning a ``FileError`` into a ``RequestError``.
    static func file<T: ~Copyable>(_ body: () throws(FileError) -> T) throws(RequestError) -> T {
        do {
            return try body()
        } catch {
            throw RequestError(error)
        }
    }

    /// ``AtomicFile/write(_:to:)`` in the request module's error.
    static func writeAtomically(_ bytes: some ContiguousBytes, to path: String) throws(RequestError) {
        try file { () throws(FileError) in try AtomicFile.write(bytes, to: path) }
    }
}
