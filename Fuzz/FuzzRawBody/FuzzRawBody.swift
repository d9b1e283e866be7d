import Foundation
import FuzzSupport
import KlingCheck
import KlingRequest

/// The raw-body validator: ``RawBodyValidator/validate(_:route:backend:allowUndocumented:)`` on
/// any bytes, the route taken from the body, judged for a backend chosen by the input's length
/// (images and masks are only read as text here: their checks are ``RawBodyChecker``'s).
/// Property: every finding has a code and a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRawBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(FuzzDriver.bytes(data, size))
    let backend = Backend.allCases[size % Backend.allCases.count]
    let report = RawBodyValidator.validate(bytes, backend: backend, allowUndocumented: size % 3 == 0)
    for finding in report.findings {
        FuzzDriver.require(!finding.code.isEmpty && !finding.message.isEmpty, "a finding without text: \(finding)")
    }
    return 0
}

@main enum FuzzRawBodyMain {
    static func main() { FuzzDriver.run(fuzzRawBody) }
}
