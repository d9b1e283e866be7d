import Foundation

/// Whole files written atomically: a temporary name in the same directory, then a rename
/// (design.md, "Outputs"). On failure the temporary file is removed and the target is untouched.
public enum AtomicFile {
    /// Writes `data` to `path`.
    /// - Throws: ``RequestError/writeFailed(path:reason:)`` naming the path and the system's reason
    ///   (e.g. "it is a folder", "it is a symbolic link", "No such file or directory").
    public static func write(_ data: Data, to path: String) throws(RequestError) {
        let output = try AtomicOutput(destination: path)
        do throws(RequestError) {
            try output.write(data)
            _ = try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }
}
