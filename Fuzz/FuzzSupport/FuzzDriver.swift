import CFuzzDriver
import Foundation

/// The one input callback libFuzzer calls: the bytes of one input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's driver over the process's arguments.
///
/// SwiftPM links an executable with its entry point renamed (`<Module>_main`, the `main` symbol
/// pointing at it), so libFuzzer's own `main` is never called: each fuzz target's `@main` calls
/// this, passing the same function it exports as `LLVMFuzzerTestOneInput`.
public enum FuzzDriver {
    /// Hands the process over to libFuzzer; exits with its status.
    public static func run(_ callback: FuzzCallback) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
        exit(status)
    }

    /// The input as an array (an empty one for a null pointer).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Stops the run with a message when a property the target checks does not hold; libFuzzer
    /// saves the input as a crash.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz property violated: \(message())") }
    }
}
