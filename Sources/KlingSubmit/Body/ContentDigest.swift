import Foundation
import KlingCheck

/// The digest that identifies a body's content for the derived external id (design: issue 11):
/// SHA-256 over the file's bytes with the value tokens of the top-level `external_task_id` and
/// `callback_url` left out, so that filling either in does not make the body another job.
enum ContentDigest {
    /// The content digest of the file at `url`, whose scan is `scan` (lower-case hex). When the
    /// body has neither member, this equals ``BodyScan/sha256``, so nothing is read again.
    ///
    /// - Throws: ``SubmitError/bodyUnreadable(path:reason:)``.
    static func of(_ url: URL, scan: BodyScan) throws(SubmitError) -> String {
        let skipped = [scan.externalIDRange, scan.callbackURLRange].compactMap { $0 }.sorted {
            $0.lowerBound < $1.lowerBound
        }
        if skipped.isEmpty { return scan.sha256 }
        let file: InputFile
        do {
            file = try InputFile(path: url.path)
        } catch {
            throw .bodyUnreadable(path: url.path, reason: error.reason)
        }
        var digest = BodyDigest()
        var position: Int64 = 0
        while true {
            let chunk: [UInt8]
            do {
                chunk = try file.read(at: Int(position), count: BodyScanner.chunkSize)
            } catch {
                throw .bodyUnreadable(path: url.path, reason: error.reason)
            }
            if chunk.isEmpty { break }
            let start = position
            let end = position + Int64(chunk.count)
            var cursor = start
            for range in skipped where range.upperBound > cursor && range.lowerBound < end {
                if range.lowerBound > cursor {
                    digest.update(chunk[Int(cursor - start)..<Int(range.lowerBound - start)])
                }
                cursor = min(end, range.upperBound)
            }
            if cursor < end { digest.update(chunk[Int(cursor - start)..<chunk.count]) }
            position = end
        }
        return digest.finalize()
    }
}
