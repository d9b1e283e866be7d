internal import CImageShims
import KlingCheck

/// What one shim operation reported, copied out of its `kp_result` (no C type leaves this
/// folder; no pointer outlives the call).
struct ShimOutcome: Sendable {
    var status: kp_status
    var message: String
    var warningCount: Int
    var warnings: [String]
    /// libjpeg warned "Premature end of JPEG file": the file ended inside the image data.
    var truncated: Bool
    /// How often libjpeg warned that a scan's data ended early (JWRN_HIT_MARKER).
    var cutScanWarnings: Int
    /// The PNG has an alpha channel or a tRNS chunk.
    var hasAlpha: Bool
    var width: Int
    var height: Int
    var outputWidth: Int
    var outputHeight: Int
    var precision: Int

    init(_ result: borrowing kp_result) {
        status = result.status
        message = withUnsafeBytes(of: result.message) { Self.string(from: $0) }
        warningCount = Int(result.warning_count)
        let kept = Int(result.kept_warnings)
        var texts: [String] = []
        withUnsafeBytes(of: result.warnings) { all in
            let stride = Int(KP_MESSAGE_LENGTH)
            let count = min(kept, Int(KP_KEPT_WARNINGS), all.count / stride)
            for index in 0..<count {
                let slot = UnsafeRawBufferPointer(rebasing: all[index * stride..<(index + 1) * stride])
                texts.append(Self.string(from: slot))
            }
        }
        warnings = texts
        truncated = result.truncated != 0
        cutScanWarnings = Int(result.cut_scan_warnings)
        hasAlpha = result.has_alpha != 0
        width = Int(result.width)
        height = Int(result.height)
        outputWidth = Int(result.output_width)
        outputHeight = Int(result.output_height)
        precision = Int(result.precision)
    }

    private static func string(from bytes: UnsafeRawBufferPointer) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }
}

/// Where the shim reads compressed data from.
enum ShimInput: Sendable {
    case file(String)
    case bytes([UInt8])
}

/// The one funnel between Swift and the C shim (the files of this folder are the only callers
/// of `kp_*` functions): runs an operation and turns its `kp_result` into a Swift value or an
/// ``ImageError``.
enum Shim {
    /// Calls `body` with a `kp_source` for `input`; the pointers and the descriptor live only
    /// inside the call. A file is opened through KlingCheck's ``InputFile`` (a FIFO, device,
    /// socket or folder refused by name, without blocking); when that fails, the outcome is
    /// `KP_ERROR_OPEN` with its reason and `body` is not called.
    static func withSource(_ input: ShimInput, _ body: (kp_source) -> ShimOutcome) -> ShimOutcome {
        switch input {
        case .file(let path):
            let file: InputFile
            do {
                file = try InputFile(path: path)
            } catch {
                var outcome = ShimOutcome(kp_result())
                outcome.status = KP_ERROR_OPEN
                outcome.message = error.reason
                return outcome
            }
            return file.withDescriptor { descriptor in
                body(kp_source(fd: descriptor, data: nil, size: 0))
            }
        case .bytes(let bytes):
            return bytes.withUnsafeBytes { raw in
                body(kp_source(fd: -1, data: raw.baseAddress, size: raw.count))
            }
        }
    }

    /// Runs `operation` with a fresh result and returns what it reported.
    static func run(_ operation: (UnsafeMutablePointer<kp_result>) -> Void) -> ShimOutcome {
        var result = kp_result()
        operation(&result)
        return ShimOutcome(result)
    }

    /// Maps a failed outcome to an ``ImageError`` for `format`; `nil` when it succeeded.
    ///
    /// `KP_ERROR_BUFFER` means Swift gave the shim a buffer smaller than the size the shim
    /// itself reported a moment before: our bug, never the file's, so it traps.
    static func error(
        _ outcome: ShimOutcome, format: ImageFormat, input: ShimInput, maximumPixels: Int
    ) -> ImageError? {
        switch outcome.status {
        case KP_OK:
            if outcome.truncated {
                return .corrupt(
                    format: format, message: "Premature end of JPEG file (the data is cut short)")
            }
            if format == .png, let damaged = outcome.warnings.first(where: isMalformedChunkWarning) {
                return .corrupt(format: format, message: damaged)
            }
            return nil
        case KP_ERROR_TOO_LARGE:
            return .tooLarge(
                width: outcome.width, height: outcome.height, maximumPixels: maximumPixels)
        case KP_ERROR_OPEN:
            if case .file(let path) = input {
                return .unreadable(path: path, reason: outcome.message)
            }
            return .decoderFailure(outcome.message)
        case KP_ERROR_LIBRARY:
            return .corrupt(format: format, message: outcome.message)
        case KP_ERROR_NO_MEMORY:
            return .decoderFailure("out of memory")
        case KP_ERROR_BUFFER:
            preconditionFailure(
                "KlingImage gave the shim an output buffer smaller than the image it reported")
        default:
            return .decoderFailure(
                outcome.message.isEmpty ? "status \(outcome.status.rawValue)" : outcome.message)
        }
    }

    /// libpng only warns about ancillary chunks whose length or content is malformed ("cHRM:
    /// invalid", "eXIf: too short"); a file with such a chunk is damaged, so KlingPrep refuses it
    /// (as Pillow does), while harmless warnings (an sRGB profile, extra IDAT data) stay warnings.
    static func isMalformedChunkWarning(_ message: String) -> Bool {
        message.hasSuffix(": invalid") || message.hasSuffix(": too short")
            || message.contains("invalid length") || message.contains("bad length")
    }
}
