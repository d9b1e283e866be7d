import FuzzSupport
import KlingImage

/// The header probe on bytes: ``ImageProbe/probe(bytes:)`` (format by signature, PNG IHDR and
/// eXIf, JPEG markers to the frame, the data's end) and ``ImageInspector`` without a decode
/// (the header-only refusals and the PNG chunk-CRC pass). Properties: the facts stay within the
/// input (no negative size, trailing bytes within the input) and both entry points agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageProbe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzDriver.bytes(data, size)
    let probed: ImageInfo?
    do {
        probed = try ImageProbe.probe(bytes: bytes)
    } catch {
        _ = error.description
        probed = nil
    }
    if let info = probed {
        FuzzDriver.require(info.byteCount == bytes.count, "byteCount \(info.byteCount) for \(bytes.count) bytes")
        FuzzDriver.require(info.width >= 0 && info.height >= 0, "size \(info.width)×\(info.height)")
        if let trailing = info.trailingByteCount {
            FuzzDriver.require((0...bytes.count).contains(trailing), "\(trailing) trailing of \(bytes.count)")
        }
    }
    let inspection = ImageInspector.inspect(bytes: bytes, label: "fuzz", decode: false)
    FuzzDriver.require(inspection.info == probed, "inspect and probe disagree")
    _ = inspection.errors.map(\.description)
    return 0
}

@main enum FuzzImageProbeMain {
    static func main() { FuzzDriver.run(fuzzImageProbe) }
}
