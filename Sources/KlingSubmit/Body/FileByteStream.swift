import Foundation
import KlingCheck
import NIOCore

/// The bytes of a file as an `AsyncSequence` of `ByteBuffer`s, read in 256 KiB chunks, so that a
/// large body goes on the wire without being held in memory. Each iteration opens the file anew
/// (through ``InputFile``, which refuses anything but a regular file), so one value can serve
/// every retry.
struct FileByteStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    static let chunkSize = 256 << 10

    let url: URL

    /// The open file and the read position of one iteration.
    final class Reader {
        let file: InputFile
        var offset = 0

        init(file: consuming InputFile) { self.file = file }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let url: URL
        var reader: Reader?
        var done = false

        mutating func next() async throws -> ByteBuffer? {
            if done { return nil }
            if reader == nil { reader = Reader(file: try InputFile(path: url.path)) }
            guard let reader else { return nil }
            let chunk = try reader.file.read(at: reader.offset, count: FileByteStream.chunkSize)
            if chunk.isEmpty {
                done = true
                self.reader = nil
                return nil
            }
            reader.offset += chunk.count
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(url: url) }
}
