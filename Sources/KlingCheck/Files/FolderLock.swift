import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock(2)` on a folder, held until ``release()`` (or until the process ends,
/// however it ends): two writers of one output folder take turns, and the one holding it may
/// treat temporary files left in the folder as left by a writer that was killed.
public final class FolderLock {
    private var descriptor: Int32

    /// Waits for and takes the lock on `path` (an existing folder).
    /// - Throws: ``FileError/writeFailed(path:reason:)`` when the folder cannot be opened or locked.
    public init(folder path: String) throws(FileError) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: Files.reason(errno: errno)) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = Files.reason(errno: errno)
            close(descriptor)
            descriptor = -1
            throw .writeFailed(path: path, reason: "it cannot be locked: \(reason)")
        }
    }

    /// Releases the lock; later calls do nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
