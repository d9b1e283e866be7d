public import Foundation
public import KlingCheck

/// A request body ready to send: the file whose bytes go on the wire, and what identifies it.
///
/// When the body already carries the wanted `external_task_id`, ``fileToSend`` is the original
/// file. Otherwise a copy is written next to the system's temporary files, with the id
/// inserted right after the opening `{` (or replacing the body's own id for `--force-new`);
/// ``discard()`` removes that copy.
public struct PreparedBody: Sendable, Equatable {
    /// The body file the caller gave.
    public let original: URL
    /// SHA-256 of the original file (lower-case hex): the journal's key for the job.
    public let contentSHA256: String
    /// The `external_task_id` the service will see.
    public let externalID: String
    /// The route the body is sent to (api.md, "Routes").
    public let route: Route
    /// The file sent: the original, or a rewritten copy.
    public let fileToSend: URL
    /// Size of ``fileToSend`` in bytes.
    public let size: Int64
    /// Whether ``fileToSend`` is a temporary copy.
    public let isTemporaryCopy: Bool

    /// Scans `original` once (hash, structure, its own `external_task_id`).
    ///
    /// - Throws: the body cases of ``SubmitError``.
    static func scan(_ original: URL) throws(SubmitError) -> BodyScan {
        try BodyScanner.scan(original)
    }

    /// Prepares `original` to be sent to `route` with `externalID`.
    ///
    /// - Parameters:
    ///   - scan: the result of scanning `original` (see ``scan(_:)``).
    ///   - externalID: the id to send; when it differs from the body's own, a copy is written.
    ///   - route: the route, already resolved against the body's shape.
    /// - Throws: ``SubmitError/bodyUnreadable(path:reason:)`` or ``SubmitError/fileNotWritable(path:reason:)``.
    static func prepare(original: URL, scan: BodyScan, externalID: String, route: Route) throws(SubmitError)
        -> PreparedBody
    {
        if scan.externalID == externalID {
            return PreparedBody(
                original: original, contentSHA256: scan.sha256, externalID: externalID, route: route,
                fileToSend: original, size: scan.size, isTemporaryCopy: false)
        }
        let member = "\"external_task_id\":" + Self.jsonString(externalID)
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("klingprep-body-\(scan.sha256.prefix(16))-\(UUID().uuidString.lowercased()).json")
        let written: Int64
        if let range = scan.externalIDRange {
            written = try Self.rewrite(
                original, to: copy, replacing: range, with: Array(Self.jsonString(externalID).utf8))
        } else {
            let insertion = scan.isEmptyObject ? member : member + ","
            let at = scan.openBraceOffset + 1
            written = try Self.rewrite(original, to: copy, replacing: at..<at, with: Array(insertion.utf8))
        }
        return PreparedBody(
            original: original, contentSHA256: scan.sha256, externalID: externalID, route: route,
            fileToSend: copy, size: written, isTemporaryCopy: true)
    }

    /// Scans `original` and prepares it to be sent with `externalID`, or with the body's own
    /// `external_task_id`, or with a generated one (in that order).
    ///
    /// - Parameter route: the route to send it to (a job's route); `nil` takes it from the body's
    ///   shape (top-level `image` → image2video, `image_list` → multi-image2video).
    /// - Throws: the body cases of ``SubmitError`` (including the route cases) and
    ///   ``SubmitError/fileNotWritable(path:reason:)``.
    public static func prepare(_ original: URL, externalID: String? = nil, route: Route? = nil) throws(SubmitError)
        -> PreparedBody
    {
        let scan = try BodyScanner.scan(original)
        return try prepare(
            original: original, scan: scan, externalID: externalID ?? scan.externalID ?? ExternalTaskID.generate(),
            route: scan.route(requested: route, path: original.path))
    }

    /// Removes the temporary copy, if there is one.
    public func discard() {
        if isTemporaryCopy { try? FileManager.default.removeItem(at: fileToSend) }
    }

    static func jsonString(_ s: String) -> String {
        guard let data = try? JSONEncoder().encode(s), let text = String(data: data, encoding: .utf8) else {
            return "\"\""  // Unreachable: a String always encodes.
        }
        return text
    }

    /// Copies `source` to `destination` in chunks, replacing the bytes in `range` by `bytes`.
    /// The copy is written under a temporary name and renamed into place (``AtomicOutput``).
    private static func rewrite(
        _ source: URL, to destination: URL, replacing range: Range<Int64>, with bytes: [UInt8]
    ) throws(SubmitError) -> Int64 {
        let input: InputFile
        do {
            input = try InputFile(path: source.path)
        } catch {
            throw .bodyUnreadable(path: source.path, reason: error.reason)
        }
        let output: AtomicOutput
        do {
            output = try AtomicOutput(destination: destination.path)
        } catch {
            throw .fileNotWritable(path: destination.path, reason: error.reason)
        }
        var position: Int64 = 0
        var total: Int64 = 0
        var inserted = false
        do throws(FileError) {
            while true {
                let chunk = try input.read(at: Int(position), count: BodyScanner.chunkSize)
                if chunk.isEmpty { break }
                let chunkStart = position
                let chunkEnd = position + Int64(chunk.count)
                position = chunkEnd
                // Keep the bytes outside `range`; emit the new bytes where `range` starts.
                var keep: [UInt8] = []
                keep.reserveCapacity(chunk.count + bytes.count)
                var index = chunkStart
                while index < chunkEnd {
                    if index == range.lowerBound && !inserted {
                        keep += bytes
                        inserted = true
                    }
                    if range.contains(index) {
                        index = min(range.upperBound, chunkEnd)
                        continue
                    }
                    let stop = index < range.lowerBound ? min(range.lowerBound, chunkEnd) : chunkEnd
                    keep += chunk[Int(index - chunkStart)..<Int(stop - chunkStart)]
                    index = stop
                }
                try output.write(keep)
                total += Int64(keep.count)
            }
            if !inserted {
                try output.write(bytes)
                total += Int64(bytes.count)
            }
            try output.commit()
        } catch {
            output.discard()
            if case .unreadable = error { throw .bodyUnreadable(path: source.path, reason: error.reason) }
            throw .fileNotWritable(path: destination.path, reason: error.reason)
        }
        return total
    }
}
