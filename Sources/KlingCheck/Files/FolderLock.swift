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

    /// Waits for and takes the lock on `path` (an existing folder), without blocking a thread:
    /// while another holder has it, it tries again every 10 ms (two builds of one folder in one
    /// process must not hold both cooperative threads of a 2-core machine in `flock`).
    /// - Throws: ``FileError/writeFailed(path:reason:)`` when the folder cannot be opened or
    ///   locked; `CancellationError` is not thrown: a cancelled wait goes on until it has the lock.
    public static func acquire(folder path: String) async throws(FileError) -> FolderLock {
        let lock = try FolderLock(opening: path)
        while true {
            if flock(lock.descriptor, LOCK_EX | LOCK_NB) == 0 { return lock }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                lock.release()
                throw .writeFailed(path: path, reason: "it cannot be locked: \(Files.reason(errno: code))")
            }
            do {
                try await Task.sleep(for: .milliseconds(10))
            } catch {
                usleep(10_000)  // cancelled: Task.sleep returns at once; never spin
            }
        }
    }

    private init(opening path: String) throws(FileError) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: Files.reason(errno: errno)) }
    }

    /// Releases the lock; later calls do nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
