import Foundation
import KlingCheck

/// The digest that identifies a body's content for the derived external id (issue 11):
/// SHA-256 over the body's JSON with the whitespace between tokens left out and without its
/// top-level `external_task_id` and `callback_url` members (key, value and one comma), so that
/// re-formatting the file, or filling either member in, does not make it another job. The order
/// of members still counts.
enum ContentDigest {
    /// The content digest of the file at `url`, whose scan is `scan` (lower-case hex).
    ///
    /// - Throws: ``SubmitError/bodyUnreadable(path:reason:)``.
    static func of(_ url: URL, scan: BodyScan) throws(SubmitError) -> String {
        var skipped: [Range<Int64>] = []
        if let start = scan.externalMemberStart, let value = scan.externalIDRange {
            skipped.append(start..<value.upperBound)
        }
        if let start = scan.callbackMemberStart, let value = scan.callbackURLRange {
            skipped.append(start..<value.upperBound)
        }
        skipped.sort { $0.lowerBound < $1.lowerBound }
        let file: InputFile
        do {
            file = try InputFile(path: url.path)
        } catch {
            throw .bodyUnreadable(path: url.path, reason: error.reason)
        }
        var canonical = Canonicaliser(skipped: skipped)
        var position = 0
        while true {
            let chunk: [UInt8]
            do {
                chunk = try file.read(at: position, count: BodyScanner.chunkSize)
            } catch {
                throw .bodyUnreadable(path: url.path, reason: error.reason)
            }
            if chunk.isEmpty { break }
            canonical.feed(chunk, at: Int64(position))
            position += chunk.count
        }
        return canonical.finish()
    }

    /// Streams the canonical form into a digest. The body was already checked to be well-formed
    /// by ``BodyScanner``, and each skipped range starts at a key's opening quote and ends after
    /// its value's closing quote, so the string state outside them is exact.
    struct Canonicaliser {
        let skipped: [Range<Int64>]
        private var next = 0
        private var inString = false
        private var escaped = false
        private var depth = 0
        private var heldComma = false
        private var dropNextComma = false
        private var digest = BodyDigest()
        private var out: [UInt8] = []

        init(skipped: [Range<Int64>]) { self.skipped = skipped }

        mutating func feed(_ chunk: [UInt8], at start: Int64) {
            out.removeAll(keepingCapacity: true)
            var index = 0
            while index < chunk.count {
                let offset = start + Int64(index)
                if next < skipped.count, offset >= skipped[next].lowerBound {
                    if offset == skipped[next].lowerBound {
                        // A member leaves with one comma: the one before it, else the one after.
                        if heldComma { heldComma = false } else { dropNextComma = true }
                    }
                    let end = min(Int64(chunk.count) + start, skipped[next].upperBound)
                    index = Int(end - start)
                    if end == skipped[next].upperBound { next += 1 }
                    continue
                }
                step(chunk[index])
                index += 1
            }
            digest.update(out)
        }

        private mutating func step(_ byte: UInt8) {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                return
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                return
            case UInt8(ascii: ",") where depth == 1:
                if dropNextComma {
                    dropNextComma = false
                } else {
                    heldComma = true
                }
                return
            default:
                break
            }
            if heldComma {
                out.append(UInt8(ascii: ","))
                heldComma = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            out.append(byte)
        }

        mutating func finish() -> String { digest.finalize() }
    }
}
