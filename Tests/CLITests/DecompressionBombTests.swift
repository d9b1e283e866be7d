import Foundation
import TestSupport
import Testing

/// Issue 12: a picture that claims absurd dimensions is refused from its header, before any
/// pixel buffer is allocated — checked in a child process whose data segment is capped at
/// 512 MiB (`ulimit -d`): allocating the 17 GB such a PNG would need ends the process instead.
struct DecompressionBombTests {
    @Test func aPNGClaiming65535SquaredIsRefusedWithinHalfAGigabyte() throws {
        guard ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil else { return }  // ASan's shadow needs more
        var png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("images/gradient.png"))))
        for offset in [16, 20] {
            png[offset] = 0
            png[offset + 1] = 0
            png[offset + 2] = 0xFF
            png[offset + 3] = 0xFF
        }
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("bomb.png")
        try Data(png).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "ulimit -d 524288 && exec \"$0\" inspect --decode \"$1\"", TestPaths.klingprep.path, file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(text)")
        #expect(text.contains("images.too_large") && text.contains("refused before decoding"), "\(text)")
    }
}
