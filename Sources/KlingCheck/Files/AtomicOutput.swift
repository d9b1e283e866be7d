public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written under a temporary name in its destination's folder and renamed into place
/// only by ``commit()``, so a reader never sees half a file (design.md, "Outputs").
///
/// Only a regular file (or nothing) is replaced: a rename would swap out a link, a device such
/// as `/dev/null`, a FIFO or a folder instead of writing through it, so those are refused. The
/// temporary file is removed by ``discard()`` or when the value goes away uncommitted.
public final class AtomicOutput {
    /// The final path.
    public let destination: String
    /// The temporary path written until ``commit()``.
    public let temporaryPath: String
    private let descriptor: Int32
    private var written = 0
    private var finished = false

    /// Creates the temporary file next to `destination`.
    /// - Throws: ``FileError/writeFailed(path:reason:)`` when `destination` is not a regular
    ///   file or its folder cannot be written.
    public init(destination: String) throws(FileError) {
        self.destination = destination
        var status = stat()
        if lstat(destination, &status) == 0, let kind = Files.kind(mode: status.st_mode) {
            throw .writeFailed(path: destination, reason: "it is \(kind); give the path of a regular file")
        }
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        var generator = SystemRandomNumberGenerator()
        let suffix = String(generator.next() as UInt64, radix: 36)
        temporaryPath = "\(directory)/.\(url.lastPathComponent).\(suffix).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .writeFailed(path: destination, reason: Files.reason(errno: errno))
        }
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends `bytes`.
    /// - Throws: ``FileError/writeFailed(path:reason:)`` (e.g. the disk is full).
    public func write(_ bytes: some ContiguousBytes) throws(FileError) {
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let done = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if done < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += done
            }
            return nil
        }
        if let failure { throw .writeFailed(path: destination, reason: Files.reason(errno: failure)) }
        bytes.withUnsafeBytes { written += $0.count }
    }

    /// Flushes, closes and renames the file into place; returns the number of bytes written.
    /// - Throws: ``FileError/writeFailed(path:reason:)``; the temporary file is then removed.
    @discardableResult
    public func commit() throws(FileError) -> Int {
        guard !finished else { return written }
        finished = true
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = Files.reason(errno: errno)
            unlink(temporaryPath)
            throw .writeFailed(path: destination, reason: reason)
        }
        guard rename(temporaryPath, destination) == 0 else {
            let reason = Files.reason(errno: errno)
            unlink(temporaryPath)
            throw .writeFailed(path: destination, reason: reason)
        }
        return written
    }

    /// Removes the temporary file; the destination is untouched.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
