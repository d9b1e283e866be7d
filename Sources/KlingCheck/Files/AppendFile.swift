#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Files {
    /// Opens (or creates, mode 0644) the regular file at `path` for appending and returns its
    /// descriptor, which the caller closes. A FIFO is refused before `open` could wait for a
    /// reader, and `fstat` confirms a regular file before a byte is written (for append-only
    /// journals).
    /// - Throws: ``FileError/notRegularFile(path:kind:)`` or ``FileError/writeFailed(path:reason:)``.
    public static func openForAppending(path: String) throws(FileError) -> Int32 {
        var status = stat()
        if stat(path, &status) == 0, let kind = kind(mode: status.st_mode) {
            throw .notRegularFile(path: path, kind: kind)
        }
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: reason(errno: errno)) }
        guard fstat(descriptor, &status) == 0 else {
            let why = reason(errno: errno)
            close(descriptor)
            throw .writeFailed(path: path, reason: why)
        }
        if let kind = kind(mode: status.st_mode) {
            close(descriptor)
            throw .notRegularFile(path: path, kind: kind)
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }
}
