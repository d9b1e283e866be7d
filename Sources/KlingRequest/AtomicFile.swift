import Foundation

/// Small whole files written atomically (temporary name in the same directory, then rename).
enum AtomicFile {
    /// Writes `data` to `path`; on failure nothing is left behind.
    /// - Throws: ``RequestError/writeFailed(path:reason:)``.
    static func write(_ data: Data, to path: String) throws(RequestError) {
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
