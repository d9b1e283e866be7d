public import KlingCheck
import Foundation

/// Writes `request.json` from a ``RequestBody``: compact JSON, base64 streamed into the file
/// in chunks, atomically (issue 4, "Payload writer"; design.md, "Outputs").
///
/// **Same bytes as `JSONEncoder`.** The writer encodes a *skeleton* of the body with
/// ``RequestBody/encoder()`` — every file or in-memory source replaced by a unique slot token —
/// and streams each source's base64 where its token stands. The output is therefore exactly
/// `RequestBody.encoder().encode(body.resolved())`, key order and escaping included (base64
/// needs no escaping: its alphabet has no `"`, `\` or control characters, and `/` is written
/// unescaped).
///
/// **Memory.** Files are read `chunkBytes` at a time (a multiple of 3, so chunks encode without
/// inner padding); peak memory is about one chunk plus its base64 plus the skeleton, whatever
/// the number and size of the images. In-memory `.data` sources are encoded chunk by chunk too.
///
/// **Atomicity.** Everything goes to a temporary file in the destination's directory, which is
/// flushed to disk and renamed over the destination only when complete. On any failure the
/// temporary file is removed and the destination is untouched.
public struct PayloadWriter: Sendable {
    /// Bytes read and encoded per step; a multiple of 3 (default 768 KiB → 1 MiB of base64).
    public let chunkBytes: Int

    /// Creates a writer; `chunkBytes` is rounded down to a multiple of 3 (at least 3).
    public init(chunkBytes: Int = 3 * 256 * 1024) {
        self.chunkBytes = max(3, chunkBytes - chunkBytes % 3)
    }

    /// What was written.
    public struct Result: Sendable, Hashable {
        /// The destination path.
        public var path: String
        /// Size of the file in bytes.
        public var bytes: Int
    }

    /// Writes `body` to `path`, replacing any file there only on success.
    ///
    /// - Throws: ``RequestError/unreadable(path:reason:)`` when a source file cannot be read;
    ///   ``RequestError/writeFailed(path:reason:)`` when the output cannot be created, written,
    ///   flushed or renamed. In both cases no output and no temporary file are left.
    @discardableResult
    public func write(_ body: RequestBody, to path: String) throws(RequestError) -> Result {
        let output = try writeUncommitted(body, to: path)
        do throws(RequestError) {
            let bytes = try RequestError.file { () throws(FileError) in try output.commit() }
            return Result(path: path, bytes: bytes)
        } catch {
            output.discard()
            throw error
        }
    }

    /// Writes `body` under `path`'s temporary name, for the caller to commit with other files
    /// (``AtomicOutput/commitAll(_:)``) or discard; nothing is at `path` until then.
    /// - Throws: as ``write(_:to:)``; no temporary file is left.
    public func writeUncommitted(_ body: RequestBody, to path: String) throws(RequestError) -> AtomicOutput {
        let nonce = Self.nonce()
        let sources = body.sources
        let skeletonBody = body.mapSources { source, slot in
            switch source {
            case .file, .data: .base64("\(nonce)\(slot).")
            case .url, .base64: source
            }
        }
        let skeleton: Data
        do {
            skeleton = try RequestBody.encoder().encode(skeletonBody)
        } catch {
            throw .writeFailed(path: path, reason: "the body cannot be encoded as JSON: \(error)")
        }
        let output = try RequestError.file { () throws(FileError) in try AtomicOutput(destination: path) }
        do throws(RequestError) {
            try writePieces(of: skeleton, nonce: nonce, sources: sources, to: output)
            return output
        } catch {
            output.discard()
            throw error
        }
    }

    /// Writes the skeleton, streaming each slot's source in place of its token.
    private func writePieces(
        of skeleton: Data, nonce: String, sources: [PayloadSource], to output: AtomicOutput
    ) throws(RequestError) {
        let marker = Data(nonce.utf8)
        var cursor = skeleton.startIndex
        while let found = skeleton.range(of: marker, in: cursor..<skeleton.endIndex) {
            try output.append(skeleton[cursor..<found.lowerBound])
            // The token is nonce + decimal index + ".".
            var end = found.upperBound
            var index = 0
            while end < skeleton.endIndex, let digit = Self.digit(skeleton[end]) {
                index = index * 10 + digit
                end += 1
            }
            guard end < skeleton.endIndex, skeleton[end] == UInt8(ascii: "."), index < sources.count else {
                throw .writeFailed(path: output.destination, reason: "internal: malformed slot in the body skeleton")
            }
            try stream(sources[index], to: output)
            cursor = end + 1
        }
        try output.append(skeleton[cursor..<skeleton.endIndex])
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Writes the base64 of one binary source.
    private func stream(_ source: PayloadSource, to output: AtomicOutput) throws(RequestError) {
        switch source {
        case .url, .base64:
            break  // written inside the skeleton
        case .data(let data):
            var start = data.startIndex
            while start < data.endIndex {
                let end = data.index(start, offsetBy: chunkBytes, limitedBy: data.endIndex) ?? data.endIndex
                try output.append(data[start..<end].base64EncodedData())
                start = end
            }
        case .file(let path):
            try streamFile(path, to: output)
        }
    }

    /// Reads `path` in chunks and writes their base64. A short read is carried over so that
    /// only the file's last chunk can carry `=` padding.
    private func streamFile(_ path: String, to output: AtomicOutput) throws(RequestError) {
        let file = try RequestError.file { () throws(FileError) in try InputFile(path: path) }
        var offset = 0
        var carry = Data()
        while true {
            let chunk = Data(
                try RequestError.file { () throws(FileError) in try file.read(at: offset, count: chunkBytes) })
            if chunk.isEmpty { break }
            offset += chunk.count
            var pending = carry.isEmpty ? chunk : carry + chunk
            let whole = pending.count - pending.count % 3
            carry = pending.suffix(from: pending.startIndex + whole)
            pending = pending.prefix(whole)
            if !pending.isEmpty { try output.append(pending.base64EncodedData()) }
        }
        if !carry.isEmpty { try output.append(carry.base64EncodedData()) }
    }

    /// 24 random hex digits that cannot clash with text in the body by chance.
    private static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = (0..<3).map { _ in String(generator.next() as UInt32, radix: 16) }.joined()
        return "klingprep-slot-\(value)-"
    }
}

extension AtomicOutput {
    /// ``write(_:)`` in the request module's error.
    fileprivate func append(_ data: Data) throws(RequestError) {
        try RequestError.file { () throws(FileError) in try write(data) }
    }
}
