import Foundation
import KlingCheck

/// A build's output files, written under temporary names and renamed into place together by
/// ``commit()`` (``AtomicOutput/commitAll(_:)``: flushed side by side, then renamed in the order
/// they were added), or removed by ``discard(keeping:)`` (design.md, "Outputs").
struct PendingFiles {
    private var outputs: [AtomicOutput] = []

    /// Writes `bytes` under `path`'s temporary name.
    /// - Throws: ``RequestError/writeFailed(path:reason:)``; nothing of this file is left.
    mutating func add(_ bytes: some ContiguousBytes, at path: String) throws(RequestError) {
        let output = try RequestError.file { () throws(FileError) in try AtomicOutput(destination: path) }
        do throws(FileError) {
            try output.write(bytes)
        } catch {
            output.discard()
            throw RequestError(error)
        }
        outputs.append(output)
    }

    /// Adds a file already written under its temporary name.
    mutating func add(_ output: AtomicOutput) {
        outputs.append(output)
    }

    /// Removes every temporary file but those whose destination is in `keeping`.
    mutating func discard(keeping: [String] = []) {
        for output in outputs where !keeping.contains(output.destination) { output.discard() }
        outputs.removeAll { !keeping.contains($0.destination) }
    }

    /// Flushes every file and renames each into place.
    /// - Throws: ``RequestError/writeFailed(path:reason:)``; files not yet renamed are removed.
    mutating func commit() throws(RequestError) {
        let all = outputs
        outputs = []
        _ = try RequestError.file { () throws(FileError) in try AtomicOutput.commitAll(all) }
    }
}
