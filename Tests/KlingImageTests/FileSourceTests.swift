import Foundation
@testable import KlingImage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files are opened through KlingCheck's `InputFile`: what is not a regular file is refused
/// by name, a FIFO never blocks, and nothing that is not a file of 0 bytes reads as "empty".
struct FileSourceTests {
    static func reason(_ path: String) -> String? {
        do {
            _ = try ImageProbe.probe(path: path)
            return nil
        } catch {
            guard case .unreadable(let seen, let reason) = error, seen == path else { return "\(error)" }
            return reason
        }
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let directory = try TestPaths.temporaryDirectory()
        let fifo = directory.appendingPathComponent("pipe.jpg").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // No writer is ever attached: a blocking open or read would hang this test.
        #expect(Self.reason(fifo) == "it is a FIFO (named pipe), not a regular file")
        let refused = ImageError.unreadable(path: fifo, reason: "it is a FIFO (named pipe), not a regular file")
        #expect(throws: refused) { try ImageDecoder.verify(path: fifo) }
    }

    @Test(arguments: ["/dev/null", "/dev/zero"])
    func aDeviceIsNamedNotEmpty(path: String) {
        #expect(Self.reason(path) == "it is a character device, not a regular file")
    }

    /// `/proc` files report 0 bytes but have content.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func aProcFileIsNotEmpty() {
        let reason = Self.reason("/proc/self/status")
        #expect(reason?.contains("reports a size of 0 bytes but has content") == true, "\(reason ?? "probed")")
        #expect(
            ImageError.unreadable(path: "/proc/self/status", reason: reason ?? "").description.contains("empty")
                == false)
    }

    @Test func aRealEmptyFileIsEmpty() throws {
        let info = try ImageProbe.probe(path: TestPaths.fixture("bad/empty.jpg"))
        #expect(info.format == .empty && info.byteCount == 0)
    }
}
