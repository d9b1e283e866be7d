import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes output files whole or not at all (design.md, "Outputs"): the bytes go to a new
/// temporary file beside the target, which is then renamed over it. On any failure the
/// temporary file is removed and the target is left as it was.
enum AtomicFile {
    /// Why a file could not be written; ``description`` is one sentence with the system's words.
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write '\(path)': \(reason)" }
    }

    /// Writes `bytes` to `path` atomically: `open(O_CREAT|O_EXCL)` a temporary file in the
    /// same folder, `write`, `fsync`, `close`, then `rename(2)` it over `path`.
    static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let target = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError(path: path, reason: "it is a folder")
        }
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: systemReason()) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, failure == nil {
                let written = systemWrite(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    failure = written < 0 ? systemReason() : "the system wrote nothing"
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = systemReason() }
        if close(descriptor) != 0, failure == nil { failure = systemReason() }
        if failure == nil, rename(temporary, target.path) != 0 { failure = systemReason() }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// `write(2)`, named apart from ``write(_:to:)``.
    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #else
            Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// `strerror(errno)`, e.g. "No such file or directory".
    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
