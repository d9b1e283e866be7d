import Foundation
import NIOCore

/// The bytes of a file as an `AsyncSequence` of `ByteBuffer`s, read in 256 KiB chunks, so that a
/// large body goes on the wire without being held in memory. Each iteration opens the file anew,
/// so one value can serve every retry.
struct FileByteStream: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    static let chunkSize = 256 << 10

    let url: URL

    struct AsyncIterator: AsyncIteratorProtocol {
        let url: URL
        var handle: FileHandle?
        var done = false

        mutating func next() async throws -> ByteBuffer? {
            if done { return nil }
            if handle == nil { handle = try FileHandle(forReadingFrom: url) }
            guard let handle else { return nil }
            let chunk = try handle.read(upToCount: FileByteStream.chunkSize) ?? Data()
            if chunk.isEmpty {
                done = true
                try? handle.close()
                self.handle = nil
                return nil
            }
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(url: url) }
}
