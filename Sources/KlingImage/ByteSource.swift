import KlingCheck

/// Random access to the bytes of an image, counting how many were read.
///
/// The probe reads only what it needs through this; a file source reads with `pread` through
/// KlingCheck's ``InputFile`` (opened without blocking, refusing a folder, FIFO, device or
/// socket by name before a byte is read), a memory source slices. Both give identical results
/// for identical bytes. A file's first ``headLength`` bytes are read once, on opening, and the
/// header reads inside them are served from memory: a whole PNG or JPEG header is then one
/// system call, not one per field.
struct ByteSource {
    /// An open file, shared by copies of the source (a class, so that the source itself is an
    /// ordinary value: the optimiser's ownership checks crashed on a noncopyable one).
    private final class OpenFile {
        let file: InputFile
        init(_ file: consuming InputFile) { self.file = file }
    }

    private enum Storage {
        /// An open file and its first bytes (up to ``headLength``).
        case file(OpenFile, head: [UInt8])
        case memory([UInt8])
    }

    /// How many bytes of a file are read on opening: the headers of most files fit (a JPEG's
    /// EXIF block with its thumbnail may not; reads past it go to the file).
    static let headLength = 8192

    private let storage: Storage
    /// Total size in bytes.
    let size: Int
    /// How many bytes the header reads took (the probe's cost for the header).
    private(set) var bytesRead = 0
    /// How many bytes the end search took (``scan(at:count:)``; it may cover the whole file).
    private(set) var bytesScanned = 0
    /// The first read that failed, if any (later reads of a failed file return no bytes).
    private(set) var failure: FileError?

    /// Opens a file for reading.
    /// - Throws: ``ImageError/unreadable(path:reason:)`` with ``FileError/reason`` when it
    ///   cannot be opened or is not a regular file, and for a file that reports 0 bytes but has
    ///   content (a `/proc` or `/sys` file), whose size is unknown.
    init(path: String) throws(ImageError) {
        let file: InputFile
        do throws(FileError) {
            file = try InputFile(path: path)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        // One read of the head; a file that reports 0 bytes is asked for 1 to tell a /proc file.
        var head: [UInt8] = []
        do throws(FileError) {
            head = try file.read(at: 0, count: file.size == 0 ? 1 : min(file.size, Self.headLength))
        } catch {
            failure = error
        }
        if file.size == 0, !head.isEmpty {
            throw .unreadable(
                path: path,
                reason: "it reports a size of 0 bytes but has content (a /proc or /sys file, not an image file)")
        }
        size = file.size
        storage = .file(OpenFile(file), head: head)
    }

    /// Wraps bytes already in memory (e.g. a decoded base64 string).
    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        size = bytes.count
    }

    /// Reads up to `count` bytes at `offset`; fewer at the end of the data (or after a failed
    /// read, see ``failure``).
    mutating func read(at offset: Int, count: Int) -> [UInt8] {
        let bytes = fetch(at: offset, count: count)
        bytesRead += bytes.count
        return bytes
    }

    /// Reads as ``read(at:count:)`` does, counted in ``bytesScanned``: for the search of the
    /// data's end, which may read the whole file.
    mutating func scan(at offset: Int, count: Int) -> [UInt8] {
        let bytes = fetch(at: offset, count: count)
        bytesScanned += bytes.count
        return bytes
    }

    /// Reads as ``scan(at:count:)`` does, into `buffer` (from its start) instead of a new array,
    /// so that a search of a whole file reuses one block.
    /// - Returns: how many bytes were read (fewer than `buffer.count` at the end of the data).
    mutating func scan(at offset: Int, into buffer: inout [UInt8]) -> Int {
        guard offset >= 0, offset < size, !buffer.isEmpty, failure == nil else { return 0 }
        let wanted = min(buffer.count, size - offset)
        var failed: FileError?
        let got = buffer.withUnsafeMutableBytes { target -> Int in
            let window = UnsafeMutableRawBufferPointer(rebasing: target[0..<wanted])
            switch storage {
            case .memory(let all):
                all.withUnsafeBytes {
                    window.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + wanted]))
                }
                return wanted
            case .file(let open, _):
                do throws(FileError) {
                    return try open.file.read(at: offset, into: window)
                } catch {
                    failed = error
                    return 0
                }
            }
        }
        if let failed { failure = failed }
        bytesScanned += got
        return got
    }

    private mutating func fetch(at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, offset < size, count > 0, failure == nil else { return [] }
        let wanted = min(count, size - offset)
        var failed: FileError?
        let bytes: [UInt8]
        switch storage {
        case .memory(let all):
            bytes = Array(all[offset..<offset + wanted])
        case .file(_, let head) where offset + wanted <= head.count:
            bytes = Array(head[offset..<offset + wanted])
        case .file(let open, _):
            do throws(FileError) {
                bytes = try open.file.read(at: offset, count: wanted)
            } catch {
                failed = error
                bytes = []
            }
        }
        if let failed { failure = failed }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// Big-endian 16-bit value at `index` (caller checks bounds).
    func uint16BE(_ index: Int) -> Int { Int(self[index]) << 8 | Int(self[index + 1]) }

    /// Big-endian 32-bit value at `index` (caller checks bounds).
    func uint32BE(_ index: Int) -> Int {
        Int(self[index]) << 24 | Int(self[index + 1]) << 16 | Int(self[index + 2]) << 8
            | Int(self[index + 3])
    }

    /// The first bytes in hex, for messages: `47 49 46 38`.
    func hexPrefix(_ count: Int = 8) -> String {
        prefix(count).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}
