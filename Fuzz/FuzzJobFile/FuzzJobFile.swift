import Foundation
import FuzzSupport
import KlingCheck
import KlingRequest

/// The job-file reader: ``JobFile/decode(_:format:baseDirectory:backend:route:allowUndocumented:)``
/// on any bytes, JSON when the first non-blank byte is `{`, else YAML (as for a file without
/// an extension), judged for a backend chosen by the input's length. The base directory does
/// not exist, so no image file is ever read. Property: every finding has a code and a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJobFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(FuzzDriver.bytes(data, size))
    let format = JobFormat.guess(path: "job", data: bytes)
    let backend = Backend.allCases[size % Backend.allCases.count]
    let document = JobFile.decode(
        bytes, format: format, baseDirectory: "/nonexistent/klingprep-fuzz", backend: backend)
    for finding in document.findings {
        FuzzDriver.require(!finding.code.isEmpty && !finding.message.isEmpty, "a finding without text: \(finding)")
    }
    return 0
}

@main enum FuzzJobFileMain {
    static func main() { FuzzDriver.run(fuzzJobFile) }
}
