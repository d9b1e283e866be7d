import Foundation

/// Why a file could not be read or written: the one file error of every module.
///
/// Each case names the path and what was wrong, in words a user can act on
/// (`"no such file"`, `"it is a FIFO"`), never an errno number alone.
public enum FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` says why (e.g. `no such file`).
    case unreadable(path: String, reason: String)
    /// The path names something other than a regular file; `kind` says what
    /// (`a folder`, `a FIFO`, `a character device`, …).
    case notRegularFile(path: String, kind: String)
    /// The file has `bytes` bytes, more than the `limit` the reader allows.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The file could not be created, written or renamed into place; `reason` says why.
    case writeFailed(path: String, reason: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .notRegularFile(let path, _), .tooLarge(let path, _, _),
            .writeFailed(let path, _):
            path
        }
    }

    /// The reason alone, without the path (for messages that name the file themselves).
    public var reason: String {
        switch self {
        case .unreadable(_, let reason), .writeFailed(_, let reason): reason
        case .notRegularFile(_, let kind): "it is \(kind), not a regular file"
        case .tooLarge(_, let bytes, let limit):
            "it has \(Digits.grouped(bytes)) bytes, more than the \(Digits.grouped(limit)) bytes allowed"
        }
    }

    public var description: String {
        switch self {
        case .unreadable, .notRegularFile, .tooLarge: "cannot read \(path): \(reason)"
        case .writeFailed: "cannot write \(path): \(reason)"
        }
    }
}

extension Files {
    /// The reason in a Foundation file error (`CocoaError`, `NSError` with a POSIX code), in the
    /// same words as ``reason(errno:)``.
    public static func reason(of error: any Error) -> String {
        if let file = error as? FileError { return file.reason }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code)) }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteFileExists: return "a file of that name is in the way (a folder is needed)"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            case .fileReadCorruptFile, .fileReadUnknown, .fileWriteUnknown: return "the file system refused"
            default: return "the file system refused (code \(cocoa.code.rawValue))"
            }
        }
        // Our own words, not a library's: the domain and code are enough to look it up.
        return "the operation failed (\(ns.domain) \(ns.code))"
    }
}
