public import Foundation
public import KlingCheck

/// A request body ready to send: the file whose bytes go on the wire, and what identifies it.
///
/// When the body already carries the wanted `external_task_id` (and no `callback_url` is to be
/// set), ``fileToSend`` is the original file. Otherwise a copy is written next to the system's
/// temporary files, with the id (and `callback_url`) inserted right after the opening `{` or
/// replacing the body's own values; ``discard()`` removes that copy.
public struct PreparedBody: Sendable, Equatable {
    /// The body file the caller gave.
    public let original: URL
    /// SHA-256 of the original file's bytes (lower-case hex): the journal's key for the job.
    public let bodySHA256: String
    /// SHA-256 of the original without the values of its `external_task_id` and `callback_url`
    /// (see ``ExternalTaskID/derive(backend:route:contentSHA256:take:)``).
    public let contentSHA256: String
    /// The `external_task_id` the service will see.
    public let externalID: String
    /// The `callback_url` the service will see, when one was set here.
    public let callbackURL: String?
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

    /// Prepares `original` to be sent to `route` with `externalID` (and `callbackURL`, replacing
    /// the body's own when given).
    ///
    /// - Parameters:
    ///   - scan: the result of scanning `original` (see ``scan(_:)``).
    ///   - externalID: the id to send; when it differs from the body's own, a copy is written.
    ///   - route: the route, already resolved against the body's shape.
    ///   - contentSHA256: the content digest when the caller has it; computed otherwise.
    /// - Throws: ``SubmitError/bodyUnreadable(path:reason:)`` or ``SubmitError/fileNotWritable(path:reason:)``.
    static func prepare(
        original: URL, scan: BodyScan, externalID: String, route: Route, callbackURL: String? = nil,
        contentSHA256: String? = nil
    ) throws(SubmitError) -> PreparedBody {
        let content: String
        if let contentSHA256 { content = contentSHA256 } else { content = try ContentDigest.of(original, scan: scan) }
        var edits: [(range: Range<Int64>, bytes: [UInt8])] = []
        var inserted: [String] = []
        if scan.externalID != externalID {
            if let range = scan.externalIDRange {
                edits.append((range, Array(jsonString(externalID).utf8)))
            } else {
                inserted.append("\"external_task_id\":" + jsonString(externalID))
            }
        }
        if let callbackURL {
            if let range = scan.callbackURLRange {
                edits.append((range, Array(jsonString(callbackURL).utf8)))
            } else {
                inserted.append("\"callback_url\":" + jsonString(callbackURL))
            }
        }
        if edits.isEmpty && inserted.isEmpty {
            return PreparedBody(
                original: original, bodySHA256: scan.sha256, contentSHA256: content, externalID: externalID,
                callbackURL: callbackURL, route: route, fileToSend: original, size: scan.size,
                isTemporaryCopy: false)
        }
        if !inserted.isEmpty {
            let text = inserted.joined(separator: ",") + (scan.isEmptyObject ? "" : ",")
            let at = scan.openBraceOffset + 1
            edits.append((at..<at, Array(text.utf8)))
        }
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("klingprep-body-\(scan.sha256.prefix(16))-\(UUID().uuidString.lowercased()).json")
        let written = try rewrite(original, to: copy, edits: edits.sorted { $0.range.lowerBound < $1.range.lowerBound })
        return PreparedBody(
            original: original, bodySHA256: scan.sha256, contentSHA256: content, externalID: externalID,
            callbackURL: callbackURL, route: route, fileToSend: copy, size: written, isTemporaryCopy: true)
    }

    /// Scans `original` and prepares it to be sent with `externalID`, or with the body's own
    /// `external_task_id`, or with a random one (in that order).
    ///
    /// - Parameter route: the route to send it to (a job's route); `nil` takes it from the body's
    ///   shape (top-level `image` → image2video, `image_list` → multi-image2video).
    /// - Throws: the body cases of ``SubmitError`` (including the route cases) and
    ///   ``SubmitError/fileNotWritable(path:reason:)``.
    public static func prepare(
        _ original: URL, externalID: String? = nil, route: Route? = nil, callbackURL: String? = nil
    ) throws(SubmitError) -> PreparedBody {
        let scan = try BodyScanner.scan(original)
        return try prepare(
            original: original, scan: scan, externalID: externalID ?? scan.externalID ?? ExternalTaskID.generate(),
            route: scan.route(requested: route, path: original.path), callbackURL: callbackURL)
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

    /// Copies `source` to `destination` in chunks, replacing the bytes of each edit's range
    /// (sorted, not overlapping; an empty range inserts) by its bytes. The copy is written under
    /// a temporary name and renamed into place (``AtomicOutput``).
    private static func rewrite(
        _ source: URL, to destination: URL, edits: [(range: Range<Int64>, bytes: [UInt8])]
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
        var total: Int64 = 0
        do throws(FileError) {
            var cursor: Int64 = 0
            /// Copies the source's bytes from `cursor` up to `end` (or to its end when `nil`).
            func copy(upTo end: Int64?) throws(FileError) {
                while end.map({ cursor < $0 }) ?? true {
                    let want = end.map { Int(min(Int64(BodyScanner.chunkSize), $0 - cursor)) } ?? BodyScanner.chunkSize
                    let chunk = try input.read(at: Int(cursor), count: want)
                    if chunk.isEmpty { return }
                    try output.write(chunk)
                    cursor += Int64(chunk.count)
                    total += Int64(chunk.count)
                }
            }
            for edit in edits {
                try copy(upTo: edit.range.lowerBound)
                try output.write(edit.bytes)
                total += Int64(edit.bytes.count)
                cursor = max(cursor, edit.range.upperBound)
            }
            try copy(upTo: nil)
            try output.commit()
        } catch {
            output.discard()
            if case .unreadable = error { throw .bodyUnreadable(path: source.path, reason: error.reason) }
            throw .fileNotWritable(path: destination.path, reason: error.reason)
        }
        return total
    }
}
