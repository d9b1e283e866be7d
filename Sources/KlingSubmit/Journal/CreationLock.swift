import Crypto
import Foundation
import KlingCheck
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serialises the creation of a task for one body among every submission that shares a journal
/// — the jobs of one batch, and other processes on this machine using the same journal (two
/// batches on one output folder): the second waits until the first has recorded its task (or
/// given up), then finds it in the journal instead of sending the body again.
///
/// The lock is an exclusive `flock(2)` on an empty file named by a digest of the backend, base
/// URL, route and body content, in `JOURNAL.locks/` (created with mode 0700). `flock` locks
/// belong to an open file, so two submissions in one process exclude each other as two processes
/// do. The files stay (removing a lock file could let a third process lock a new file while a
/// second still waits on the old one); they are empty. Without a journal, only submissions in
/// this process are serialised.
final class CreationLock: Sendable {
    private let descriptor: Int32
    private let key: String
    private static let held = Mutex<Set<String>>([])

    private init(descriptor: Int32, key: String) {
        self.descriptor = descriptor
        self.key = key
    }

    /// How often a waiting submission tries again.
    static let retryInterval: Duration = .milliseconds(50)

    /// The lock's key: SHA-256 (hex) of the backend, base URL, route and content digest.
    static func key(endpoint: ServiceEndpoint, route: Route, contentSHA256: String) -> String {
        let text = "\(endpoint.backend.rawValue)\n\(endpoint.baseURL)\n\(route.rawValue)\n\(contentSHA256)"
        return SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Waits for and takes the lock of `key`; `waiting` is called once if another submission
    /// holds it.
    /// - Throws: ``SubmitError/interrupted(taskID:externalID:)`` when cancelled while waiting;
    ///   ``SubmitError/fileNotWritable(path:reason:)`` when the lock file cannot be made.
    static func acquire(
        key: String, journal: Journal?, waiting: @Sendable () -> Void
    ) async throws(SubmitError) -> CreationLock {
        var told = false
        // In this process first (also without a journal) …
        while !held.withLock({ $0.insert(key).inserted }) {
            if !told {
                waiting()
                told = true
            }
            try await pause()
        }
        guard let journal else { return CreationLock(descriptor: -1, key: key) }
        // … then against other processes sharing the journal.
        let folder = journal.url.path + ".locks"
        let path = folder + "/" + key + ".lock"
        let descriptor: Int32
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw SubmitError.fileNotWritable(path: path, reason: Files.reason(errno: errno))
            }
        } catch {
            held.withLock { _ = $0.remove(key) }
            throw (error as? SubmitError) ?? .fileNotWritable(path: folder, reason: Files.reason(of: error))
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                held.withLock { _ = $0.remove(key) }
                throw .fileNotWritable(path: path, reason: Files.reason(errno: code))
            }
            if !told {
                waiting()
                told = true
            }
            do {
                try await pause()
            } catch {
                close(descriptor)
                held.withLock { _ = $0.remove(key) }
                throw error
            }
        }
        return CreationLock(descriptor: descriptor, key: key)
    }

    private static func pause() async throws(SubmitError) {
        do {
            try await Task.sleep(for: retryInterval)
        } catch {
            throw .interrupted(taskID: nil, externalID: nil)
        }
    }

    /// Lets the next submission of the same body go.
    func release() {
        if descriptor >= 0 {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
        Self.held.withLock { _ = $0.remove(key) }
    }
}
