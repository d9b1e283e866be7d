import Foundation

/// Random access to the bytes of an image, counting how many were read.
///
/// The probe reads only what it needs through this; a file source reads with `pread`-like
/// seeks, a memory source slices. Both give identical results for identical bytes.
struct ByteSource: ~Copyable {
    private enum Storage {
        case file(FileHandle)
        case memory([UInt8])
    }

    private let storage: Storage
    /// Total size in bytes.
    let size: Int
    /// How many bytes have been read so far (the probe's cost).
    private(set) var bytesRead = 0

    /// Opens a file for reading.
    /// - Throws: ``ImageError/unreadable(path:reason:)`` when it cannot be opened or sized.
    init(path: String) throws(ImageError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            let end = try handle.seekToEnd()
            storage = .file(handle)
            size = Int(end)
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
    }

    /// Wraps bytes already in memory (e.g. a decoded base64 string).
    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        size = bytes.count
    }

    deinit {
        if case .file(let handle) = storage { try? handle.close() }
    }

    /// Reads up to `count` bytes at `offset`; fewer at the end of the data.
    mutating func read(at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, offset < size, count > 0 else { return [] }
        let wanted = min(count, size - offset)
        let bytes: [UInt8]
        switch storage {
        case .memory(let all):
            bytes = Array(all[offset..<offset + wanted])
        case .file(let handle):
            do {
                try handle.seek(toOffset: UInt64(offset))
                bytes = [UInt8](try handle.read(upToCount: wanted) ?? Data())
            } catch {
                bytes = []
            }
        }
        bytesRead += bytes.count
        return bytes
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError {
            return "permission denied"
        }
        return nsError.localizedDescription
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
