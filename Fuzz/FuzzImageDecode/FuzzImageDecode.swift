import FuzzSupport
import KlingImage

/// The full decode on bytes: ``ImageDecoder/verify(bytes:limits:)`` through libpng and
/// libjpeg-turbo with the standard limits (100 megapixels, refused from the header before any
/// allocation). Run with `-malloc_limit_mb` so that an allocation the limits should have
/// prevented is a finding. Property: a decode that succeeds reports the header's size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageDecode(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    do {
        let report = try ImageDecoder.verify(bytes: bytes, limits: .standard)
        FuzzDriver.require(report.width > 0 && report.height > 0, "decoded \(report.width)×\(report.height)")
        FuzzDriver.require(
            report.width.multipliedReportingOverflow(by: report.height).partialValue
                <= DecodeLimits.standard.maximumPixels,
            "decoded \(report.width)×\(report.height) above the limit")
        FuzzDriver.require(report.warnings.count <= max(report.warningCount, 0), "more warnings kept than counted")
    } catch {
        _ = error.description
    }
    return 0
}

@main enum FuzzImageDecodeMain {
    static func main() { FuzzDriver.run(fuzzImageDecode) }
}
