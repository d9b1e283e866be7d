public import Foundation
import Synchronization

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

    /// The number of bytes written so far.
    public var byteCount: Int { written }

    /// Flushes, closes and renames the file into place; returns the number of bytes written.
    /// - Throws: ``FileError/writeFailed(path:reason:)``; the temporary file is then removed.
    @discardableResult
    public func commit() throws(FileError) -> Int {
        guard !finished else { return written }
        try flush()
        return try rename()
    }

    /// Commits every output as one set: all are flushed to the disk side by side (their
    /// `fsync(2)` calls on threads of their own, which the file system joins into a journal
    /// commit or two instead of one per file), then renamed into place, every one but the last
    /// side by side too (a rename that replaces a file waits for the journal: one after the
    /// other they cost a few milliseconds each), and the last one after all the others.
    /// When any cannot be flushed, none is renamed and every temporary file is removed; when a
    /// rename fails, the outputs not yet renamed are removed.
    /// - Returns: the bytes written to each, in order.
    /// - Throws: ``FileError/writeFailed(path:reason:)`` for the first output that failed.
    @discardableResult
    public static func commitAll(_ outputs: [AtomicOutput]) throws(FileError) -> [Int] {
        let pending = outputs.filter { !$0.finished }
        let descriptors = pending.map(\.descriptor)
        let flushFailures = onThreads(pending.count) { index in
            fsync(descriptors[index]) == 0 ? nil : errno
        }
        if let (index, code) = flushFailures.first {
            for output in outputs { output.discard() }
            throw .writeFailed(path: pending[index].destination, reason: Files.reason(errno: code))
        }
        for (index, output) in pending.enumerated() {
            output.finished = true
            if close(output.descriptor) != 0 {
                let code = errno
                for other in pending { unlink(other.temporaryPath) }
                throw .writeFailed(path: pending[index].destination, reason: Files.reason(errno: code))
            }
        }
        let moves = pending.map { ($0.temporaryPath, $0.destination) }
        let renameFailures = onThreads(max(0, moves.count - 1)) { index in
            systemRename(moves[index].0, moves[index].1) == 0 ? nil : errno
        }
        if let (index, code) = renameFailures.first {
            for (path, _) in moves { unlink(path) }
            throw .writeFailed(path: moves[index].1, reason: Files.reason(errno: code))
        }
        if let last = moves.last, systemRename(last.0, last.1) != 0 {
            let code = errno
            unlink(last.0)
            throw .writeFailed(path: last.1, reason: Files.reason(errno: code))
        }
        return outputs.map(\.written)
    }

    /// Runs `body(0)`, …, `body(count - 1)` each on a thread of its own (blocking system calls:
    /// a thread per call, not per core) and returns the `errno` values it gave, by index,
    /// lowest first.
    private static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Int32?) -> [(Int, Int32)] {
        let failures = Failures()
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                if let code = body(index) { failures.codes.withLock { $0.append((index, code)) } }
                group.leave()
            }
        }
        group.wait()
        return failures.codes.withLock { $0 }.sorted { $0.0 < $1.0 }
    }

    /// The `errno` values of calls made on other threads.
    private final class Failures: Sendable {
        let codes = Mutex<[(Int, Int32)]>([])
    }

    /// `fsync(2)` and `close(2)`.
    private func flush() throws(FileError) {
        finished = true
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = Files.reason(errno: errno)
            unlink(temporaryPath)
            throw .writeFailed(path: destination, reason: reason)
        }
    }

    private func rename() throws(FileError) -> Int {
        guard systemRename(temporaryPath, destination) == 0 else {
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
    private let systemRename = Glibc.rename
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
    private let systemRename = Darwin.rename
#endif
