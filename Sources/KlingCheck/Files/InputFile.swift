#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file opened for reading: the one way every module opens an input file.
///
/// Opening never blocks and never reads from something that is not a regular file: the path is
/// opened without following into a FIFO's wait (`O_NONBLOCK`), then `fstat` decides, so a FIFO,
/// a device, a socket or a folder is refused by name before a byte is read. The size is the
/// `fstat` size, so a caller can refuse a file above its limit before reading it.
public struct InputFile: ~Copyable {
    /// The path as given.
    public let path: String
    /// The file's size in bytes, from `fstat`.
    public let size: Int
    private let descriptor: Int32

    /// Opens `path` for reading.
    /// - Throws: ``FileError/unreadable(path:reason:)`` when it cannot be opened,
    ///   ``FileError/notRegularFile(path:kind:)`` for a folder, FIFO, device or socket.
    public init(path: String) throws(FileError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: Files.reason(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = Files.reason(errno: errno)
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        if let kind = Files.kind(mode: status.st_mode) {
            close(descriptor)
            throw .notRegularFile(path: path, kind: kind)
        }
        // Back to blocking reads: a regular file never blocks, and some file systems refuse
        // O_NONBLOCK reads.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        self.descriptor = descriptor
        self.size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Calls `body` with the open descriptor, for a C library that reads the file itself (the
    /// image shim); the descriptor is valid only inside the call and must not be closed by it.
    public func withDescriptor<R>(_ body: (Int32) -> R) -> R { body(descriptor) }

    /// Reads up to `count` bytes at `offset` (fewer at the end of the file).
    /// - Throws: ``FileError/unreadable(path:reason:)`` when the read fails.
    public func read(at offset: Int, count: Int) throws(FileError) -> [UInt8] {
        guard offset >= 0, count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: FileError?
        let filled = bytes.withUnsafeMutableBytes { buffer in
            do throws(FileError) {
                return try read(at: offset, into: buffer)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Reads up to `buffer.count` bytes at `offset` into `buffer` (`pread`, repeated until the
    /// buffer is full or the file ends), so a caller can reuse one buffer for many reads.
    /// - Returns: how many bytes were read; fewer than `buffer.count` only at the end of the file.
    /// - Throws: ``FileError/unreadable(path:reason:)`` when the read fails.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        guard offset >= 0, let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let got = pread(descriptor, base + filled, buffer.count - filled, off_t(offset + filled))
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: Files.reason(errno: errno))
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// The whole file, when it has at most `limit` bytes.
    /// - Throws: ``FileError/tooLarge(path:bytes:limit:)`` above `limit` (checked before
    ///   reading, and again while reading, for a file that grows);
    ///   ``FileError/unreadable(path:reason:)`` when a read fails.
    public func readAll(limit: Int) throws(FileError) -> [UInt8] {
        guard size <= limit else { throw .tooLarge(path: path, bytes: size, limit: limit) }
        let bytes = try read(at: 0, count: size + 1)
        guard bytes.count <= limit else { throw .tooLarge(path: path, bytes: bytes.count, limit: limit) }
        return bytes
    }
}

/// Small file-system facts shared by ``InputFile``, ``AtomicOutput`` and their callers.
public enum Files {
    /// The whole file at `path`, when it is a regular file of at most `limit` bytes.
    /// - Throws: ``FileError`` (see ``InputFile/init(path:)`` and ``InputFile/readAll(limit:)``).
    public static func readAll(path: String, limit: Int) throws(FileError) -> [UInt8] {
        let file = try InputFile(path: path)
        return try file.readAll(limit: limit)
    }

    /// What the `st_mode` of `stat` names when it is not a regular file (`a folder`,
    /// `a FIFO`, …), or `nil` for a regular file.
    static func kind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    /// `errno` in words, lower-case as in a sentence (`no such file or directory`).
    public static func reason(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let words = String(cString: text)
        guard let first = words.first else { return "error \(code)" }
        return first.lowercased() + words.dropFirst()
    }
}
