import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written under a temporary name in its destination's directory and renamed into
/// place on ``commit()`` (design.md, "Outputs"). Not `Sendable`: one writer owns it.
final class AtomicOutput {
    let destination: String
    let temporaryPath: String
    private let handle: FileHandle
    private var written = 0
    private var finished = false

    /// Creates the temporary file (exclusively, mode 0644 less the umask).
    ///
    /// - Throws: ``RequestError/writeFailed(path:reason:)`` when it cannot be created.
    init(destination: String) throws(RequestError) {
        self.destination = destination
        // Only regular files are replaced: a rename would swap out a link, a device such as
        // /dev/null, a pipe or a folder instead of writing through it.
        var status = stat()
        if lstat(destination, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            let kind: String
            switch status.st_mode & S_IFMT {
            case S_IFDIR: kind = "it is a folder"
            case S_IFLNK: kind = "it is a symbolic link"
            default: kind = "it is a device, pipe or socket"
            }
            throw .writeFailed(path: destination, reason: "\(kind); give the path of a regular file")
        }
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        var generator = SystemRandomNumberGenerator()
        let suffix = String(generator.next() as UInt64, radix: 36)
        temporaryPath = "\(directory)/.\(url.lastPathComponent).\(suffix).tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .writeFailed(path: destination, reason: String(cString: strerror(errno)))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends `bytes`.
    func write(_ bytes: Data) throws(RequestError) {
        guard !bytes.isEmpty else { return }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw .writeFailed(path: destination, reason: FileInput.reason(error))
        }
        written += bytes.count
    }

    /// Flushes, closes and renames the file into place; returns its size.
    func commit() throws(RequestError) -> Int {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .writeFailed(path: destination, reason: FileInput.reason(error))
        }
        guard rename(temporaryPath, destination) == 0 else {
            throw .writeFailed(path: destination, reason: String(cString: strerror(errno)))
        }
        finished = true
        return written
    }

    /// Closes and removes the temporary file; the destination is untouched.
    func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        unlink(temporaryPath)
    }
}
