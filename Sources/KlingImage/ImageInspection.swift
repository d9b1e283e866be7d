/// What probing, and optionally decoding, one image found: facts and typed errors, no verdict.
///
/// KlingRequest's image rules turn it into findings (`klingprep inspect`, job and raw-body
/// checks).
public struct ImageInspection: Sendable, Hashable {
    /// The path (or label) it was given.
    public var path: String
    /// The header facts; `nil` when the file could not be read or its header is damaged (then
    /// ``errors`` holds why).
    public var info: ImageInfo?
    /// The full decode's report; `nil` when no decode was asked for or it failed.
    public var decode: DecodeReport?
    /// `true`/`false` after a decode was asked for; `nil` when not.
    public var decodable: Bool?
    /// The typed errors met, in order: the probe's; or, for an accepted format, a refusal from
    /// the header alone (too large, unsupported precision or process) and, without a decode,
    /// PNG chunk damage found by the CRC pass; or the full decode's error.
    public var errors: [ImageError]
}

/// Probes (and optionally decodes) images, collecting facts and typed errors.
public enum ImageInspector {
    /// Inspects the file at `path`; with `decode`, a full decode proves its data is whole
    /// (``ImageDecoder/verify(path:limits:)``), otherwise a PNG's chunk CRCs are checked.
    /// Never throws: every failure is one of ``ImageInspection/errors``.
    public static func inspect(path: String, decode: Bool, limits: DecodeLimits = .standard)
        -> ImageInspection
    {
        let probed: ProbeOutcome
        do {
            var source = try ByteSource(path: path)
            probed = try ImageProbe.probe(&source, checkingPNGChunks: !decode)
        } catch {
            return ImageInspection(
                path: path, info: nil, decode: nil, decodable: decode ? false : nil, errors: [error])
        }
        return inspect(probed, input: .file(path), label: path, decode: decode, limits: limits)
    }

    /// Inspects bytes in memory (e.g. a decoded base64 image), labelled `label` in the result.
    public static func inspect(
        bytes: [UInt8], label: String, decode: Bool, limits: DecodeLimits = .standard
    ) -> ImageInspection {
        let probed: ProbeOutcome
        do {
            var source = ByteSource(bytes: bytes)
            probed = try ImageProbe.probe(&source, checkingPNGChunks: !decode)
        } catch {
            return ImageInspection(
                path: label, info: nil, decode: nil, decodable: decode ? false : nil, errors: [error])
        }
        return inspect(probed, input: .bytes(bytes), label: label, decode: decode, limits: limits)
    }

    /// The inspection of probed facts: the decode, or without it the header refusals and the
    /// PNG chunk damage the probe's walk found.
    static func inspect(
        _ probed: ProbeOutcome, input: ShimInput, label: String, decode: Bool, limits: DecodeLimits
    ) -> ImageInspection {
        let info = probed.info
        var errors: [ImageError] = []
        var report: DecodeReport?
        var decodable: Bool?
        if decode && info.format.isAccepted {
            do {
                report = try ImageDecoder.verify(input, info: info, limits: limits)
                decodable = true
            } catch {
                decodable = false
                errors.append(error)
            }
        } else if decode {
            decodable = false
        }
        if !decode, info.format.isAccepted {
            do {
                try ImageDecoder.checkDecodable(info, limits: limits)
            } catch {
                errors.append(error)
            }
            if info.format == .png, let damage = probed.pngDamage {
                errors.append(.corrupt(format: .png, message: damage))
            }
        }
        return ImageInspection(
            path: label, info: info, decode: report, decodable: decodable, errors: errors)
    }
}
