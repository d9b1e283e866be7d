public import KlingCheck
public import KlingImage

/// One image's facts (from KlingImage) and the image rules' findings on them.
public struct ImageVerdict: Sendable {
    /// What probing, and optionally decoding, found.
    public var inspection: ImageInspection
    /// Every rule's verdict that is not a plain pass, in check order.
    public var findings: [Finding]

    /// True when no finding is an error.
    public var passes: Bool { !findings.hasErrors }
}

extension ImageRules {
    /// Probes (and with `decode`, fully decodes) the file at `path` and judges it by the
    /// image rules in `context`. Never throws: every failure is a finding.
    /// - Parameter findingPath: the finding path (`images[0]`), `nil` for a lone file.
    public static func verdict(
        path: String, decode: Bool, limits: DecodeLimits = .standard, context: RuleContext,
        findingPath: String? = nil
    ) -> ImageVerdict {
        let inspection = ImageInspector.inspect(path: path, decode: decode, limits: limits)
        return ImageVerdict(inspection: inspection, findings: findings(inspection, at: findingPath, in: context))
    }

    /// The same for bytes in memory (a base64 image), labelled `label`.
    public static func verdict(
        bytes: [UInt8], label: String, decode: Bool, limits: DecodeLimits = .standard,
        context: RuleContext, findingPath: String? = nil
    ) -> ImageVerdict {
        let inspection = ImageInspector.inspect(bytes: bytes, label: label, decode: decode, limits: limits)
        return ImageVerdict(inspection: inspection, findings: findings(inspection, at: findingPath, in: context))
    }
}
