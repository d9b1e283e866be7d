public import Foundation

/// Whole files written atomically: a temporary name in the same folder, then a rename
/// (design.md, "Outputs"). On failure the temporary file is removed and the target is untouched.
public enum AtomicFile {
    /// Writes `bytes` to `path`.
    /// - Throws: ``FileError/writeFailed(path:reason:)`` naming the path and the reason
    ///   (e.g. "it is a folder; give the path of a regular file").
    public static func write(_ bytes: some ContiguousBytes, to path: String) throws(FileError) {
        let output = try AtomicOutput(destination: path)
        do throws(FileError) {
            try output.write(bytes)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }
}
