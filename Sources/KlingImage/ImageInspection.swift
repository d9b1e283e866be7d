import KlingCheck

/// Everything `klingprep inspect` says about one image.
public struct ImageInspection: Sendable, Codable, Hashable {
    /// The path (or label) it was given.
    public var path: String
    /// The header facts; `nil` when the file could not be read or its header is damaged.
    public var info: ImageInfo?
    /// The decode result; `nil` when no decode was asked for or it failed.
    public var decode: DecodeReport?
    /// `true`/`false` after a decode; `nil` when no decode was asked for.
    public var decodable: Bool?
    /// Every rule's verdict that is not a plain pass.
    public var findings: [Finding]

    /// True when no finding is an error.
    public var passes: Bool { !findings.hasErrors }
}

/// Probes (and optionally decodes) images and applies the API's image rules.
public enum ImageInspector {
    /// Inspects the file at `path`. Never throws: every failure is a finding.
    public static func inspect(path: String, decode: Bool, limits: DecodeLimits = .standard)
        -> ImageInspection
    {
        let info: ImageInfo
        do {
            info = try ImageProbe.probe(path: path)
        } catch {
            return ImageInspection(
                path: path, info: nil, decode: nil, decodable: decode ? false : nil,
                findings: [ImageRules.finding(for: error)])
        }
        return inspect(info: info, input: .file(path), label: path, decode: decode, limits: limits)
    }

    /// Inspects bytes in memory (e.g. a decoded base64 image), labelled `label` in the result.
    public static func inspect(
        bytes: [UInt8], label: String, decode: Bool, limits: DecodeLimits = .standard
    ) -> ImageInspection {
        let info: ImageInfo
        do {
            info = try ImageProbe.probe(bytes: bytes)
        } catch {
            return ImageInspection(
                path: label, info: nil, decode: nil, decodable: decode ? false : nil,
                findings: [ImageRules.finding(for: error)])
        }
        return inspect(info: info, input: .bytes(bytes), label: label, decode: decode, limits: limits)
    }

    /// The PNG chunk-CRC pass of ``PNGChunkCheck`` on a file or bytes.
    static func pngDamage(_ input: ShimInput) -> String? {
        switch input {
        case .file(let path):
            guard var source = try? ByteSource(path: path) else { return nil }
            return PNGChunkCheck.firstDamagedChunk(&source)
        case .bytes(let bytes):
            var source = ByteSource(bytes: bytes)
            return PNGChunkCheck.firstDamagedChunk(&source)
        }
    }

    static func inspect(
        info: ImageInfo, input: ShimInput, label: String, decode: Bool, limits: DecodeLimits
    ) -> ImageInspection {
        var findings = ImageRules.check(info)
        var report: DecodeReport?
        var decodable: Bool?
        if decode && info.format.isAccepted {
            do {
                let decoded = try ImageDecoder.verify(input, info: info, limits: limits)
                report = decoded
                decodable = true
                findings += ImageRules.warningFindings(decoded)
            } catch {
                decodable = false
                findings.append(ImageRules.finding(for: error))
            }
        } else if decode {
            decodable = false
        }
        if !decode, info.format.isAccepted {
            do {
                try ImageDecoder.checkDecodable(info, limits: limits)
            } catch {
                findings.append(ImageRules.finding(for: error))
            }
            if info.format == .png, let damage = Self.pngDamage(input) {
                findings.append(ImageRules.finding(for: .corrupt(format: .png, message: damage)))
            }
        }
        return ImageInspection(
            path: label, info: info, decode: report, decodable: decodable, findings: findings)
    }
}
