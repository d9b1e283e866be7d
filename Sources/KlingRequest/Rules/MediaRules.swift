public import KlingCheck

/// The rules on how an image or a mask is written: a file path, a public URL, or base64
/// without a `data:` header (api.md, "multi-image2video fields", `image_list[].image`; "Brush
/// rules": masks follow the same rules).
public enum MediaRules {
    /// What a media string is: an input image or a mask.
    public enum Kind: Sendable {
        case image
        case mask

        var word: String { self == .image ? "image" : "mask" }
    }

    /// An image URL that is not an absolute http(s) URL.
    public static let imageURLInvalid = Rule(
        "images.url_invalid", .error, fact: "an image URL is a public absolute http(s) URL.", source: "[C-mi], [K]",
        fix: "Give a full http(s) URL, or a file path.")
    /// Inline image text that is not base64.
    public static let imageBase64Invalid = Rule(
        "images.base64_invalid", .error, fact: "inline image text is valid base64.", source: "[K]",
        fix: "Paste the whole base64 text again, or give the file's path instead.")
    /// A body's image starts with `data:`.
    public static let imageDataPrefix = Rule(
        "images.data_prefix", .error, fact: "base64 images are sent without a data: header.", source: "[C-mi-old], [K]",
        fix: "Remove the text up to and including the first comma.")
    /// A job's image starts with `data:`: stripped, with a notice.
    public static let imageDataPrefixStripped = Rule(
        "images.data_prefix_stripped", .info, fact: "a job's data: header is stripped before the body is written.",
        source: "[C-mi-old], [K]", fix: "Remove the prefix from the job file to silence this notice.")
    /// An image given as an empty string.
    public static let imageMissingSource = Rule(
        "images.missing_source", .error, fact: "every image has a path, a URL or base64.", source: "[C-i2v], [C-mi]",
        fix: "Give the image's path, url: or base64:.")
    /// A job's image written as a bare URL or as `base64:…` without a space.
    public static let imageSourceSyntax = Rule(
        "images.source_syntax", .error,
        fact: "a job's image is a path, or a mapping with url: or base64: (a space after the colon).",
        source: "design.md")
    /// A mask URL that is not an absolute http(s) URL.
    public static let maskURLInvalid = Rule(
        "brushes.mask_url_invalid", .error, fact: "a mask URL is a public absolute http(s) URL.", source: "[K]",
        fix: "Give a full http(s) URL, or the mask as base64.")
    /// Inline mask text that is not base64.
    public static let maskBase64Invalid = Rule(
        "brushes.mask_base64_invalid", .error, fact: "inline mask text is valid base64.", source: "[K]",
        fix: "Encode the mask file with base64 (no line breaks), or give a public URL.")
    /// A body's mask starts with `data:`.
    public static let maskDataPrefix = Rule(
        "brushes.mask_data_prefix", .error, fact: "base64 masks are sent without a data: header.", source: "[K]",
        fix: "Remove the text up to and including the first comma.")
    /// A mask given as an empty string.
    public static let maskMissingSource = Rule(
        "brushes.mask_missing_source", .error, fact: "every mask is a URL or base64.", source: "[K]",
        fix: "Give the mask as base64 or a URL.")

    /// A job's `url:` image that was not fetched (no `--remote`).
    public static let imageRemoteUnchecked = Rule(
        RequestCode.imageRemoteUnchecked, .info,
        fact: "a url: image is checked only with --remote; without it its format, size and dimensions are not.",
        source: "KlingPrep", fix: "Run with --remote to fetch its header, or download it and give the file.")
    /// A `url:` image that could not be fetched with `--remote`.
    public static let imageRemoteUnreachable = Rule(
        RequestCode.imageRemoteUnreachable, .error,
        fact: "a url: image is public and reachable: the service fetches it.",
        source: "[C-mi], [K]", fix: "Check that the URL is public and reachable, or give a local file.")
    /// A `url:` image served with a Content-Type other than PNG or JPEG.
    public static let imageRemoteContentType = Rule(
        RequestCode.imageRemoteContentType, .warning,
        fact: "a url: image is served as image/png or image/jpeg.", source: "[K]",
        fix: "Serve the file with its image type, or give the file itself.")

    /// A URL whose host is loopback or private: the service cannot reach it.
    public static let urlNotPublic = Rule(
        "images.url_not_public", .warning,
        fact:
            "image, mask and callback URLs are public: a loopback or private-range host cannot be reached by the service.",
        source: "[C-mi], [K] (\"public URL\")", fix: "Use a public URL, or give the file itself.")

    /// No preview could be drawn: the reference is a URL or missing.
    public static let previewUnavailable = Rule(
        "images.preview_unavailable", .info, fact: "the preview is drawn from a local or inline reference image.",
        source: "KlingPrep")

    /// Every rule of this file, in the order `klingprep rules` lists them.
    public static let rules: [Rule] = [
        urlNotPublic, previewUnavailable, imageRemoteUnchecked, imageRemoteUnreachable, imageRemoteContentType,
        imageURLInvalid, imageBase64Invalid, imageDataPrefix, imageDataPrefixStripped, imageMissingSource,
        imageSourceSyntax, maskURLInvalid, maskBase64Invalid, maskDataPrefix, maskMissingSource,
    ]

    /// Findings for one media string of a raw body (a URL or base64; a `data:` header is an
    /// error), at `path`.
    public static func checkBodyText(_ text: String, kind: Kind, path: String, context: RuleContext) -> [Finding] {
        switch PayloadSource(bodyText: text) {
        case .url(let url):
            return urlFindings(url, kind: kind, label: path, path: path, context: context)
        default:
            var findings: [Finding] = []
            if let prefix = InlineBase64.dataPrefix(of: text) {
                let rule = kind == .image ? imageDataPrefix : maskDataPrefix
                findings += [
                    rule.finding(
                        "\(path) starts with \(Quote.short(String(prefix))); the API wants base64 without a data: prefix.",
                        at: path, in: context)
                ].compactMap { $0 }
            }
            findings += base64Findings(
                InlineBase64.strippingDataPrefix(text), kind: kind, label: path, path: path, context: context)
            return findings
        }
    }

    /// Findings for one image entry of a job (`images[i]` or `tail`); `label` names it in
    /// messages (`image 2`). A `.file` path is only checked for being non-empty here: the
    /// image module reads the file.
    public static func checkJobImage(_ image: JobImage, label: String, path: String, context: RuleContext) -> [Finding]
    {
        switch image {
        case .file(let file):
            guard file.isEmpty else { return [] }
            return missing(.image, label: label, path: path, context: context)
        case .url(let url):
            return urlFindings(url, kind: .image, label: label, path: path, context: context)
        case .base64(let text):
            var findings: [Finding] = []
            if let prefix = InlineBase64.dataPrefix(of: text) {
                findings += [
                    imageDataPrefixStripped.finding(
                        "\(label) starts with \(Quote.short(String(prefix))); the API wants base64 without a data: prefix, so it is stripped.",
                        at: path, in: context)
                ].compactMap { $0 }
            }
            findings += base64Findings(
                InlineBase64.strippingDataPrefix(text), kind: .image, label: label, path: path, context: context)
            return findings
        }
    }

    private static func urlFindings(
        _ url: String, kind: Kind, label: String, path: String, context: RuleContext
    ) -> [Finding] {
        guard let problem = FieldRules.urlProblem(url) else {
            guard let host = FieldRules.privateHost(url) else { return [] }
            return [
                urlNotPublic.finding(
                    "\(label) is the URL \(Quote.short(url)), whose host \(host) is not public: the service cannot fetch it.",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        let rule = kind == .image ? imageURLInvalid : maskURLInvalid
        return [
            rule.finding(
                "\(label) is the URL \(Quote.short(url)), \(problem); it must be a public http(s) URL.", at: path,
                in: context)
        ].compactMap { $0 }
    }

    private static func base64Findings(
        _ payload: String, kind: Kind, label: String, path: String, context: RuleContext
    ) -> [Finding] {
        if payload.isEmpty { return missing(kind, label: label, path: path, context: context) }
        guard !InlineBase64.isValid(payload) else { return [] }
        let rule = kind == .image ? imageBase64Invalid : maskBase64Invalid
        return [
            rule.finding(
                "\(label) is neither an http(s) URL nor valid base64 (\(payload.utf8.count) characters; base64 uses A–Z a–z 0–9 + / and '=' padding, in groups of 4).",
                at: path, in: context)
        ].compactMap { $0 }
    }

    private static func missing(_ kind: Kind, label: String, path: String, context: RuleContext) -> [Finding] {
        let rule = kind == .image ? imageMissingSource : maskMissingSource
        return [
            rule.finding("\(label) is empty; a path, URL or base64 \(kind.word) is required.", at: path, in: context)
        ].compactMap { $0 }
    }
}
