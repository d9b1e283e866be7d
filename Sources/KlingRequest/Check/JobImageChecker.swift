import Foundation
public import KlingCheck
public import KlingImage

/// One input image after its checks.
public struct CheckedImage: Sendable {
    /// 0-based position in `images`.
    public var index: Int
    /// The header facts; `nil` when unread (unreadable, remote without `--remote`, damaged).
    public var info: ImageInfo?
    /// `true`/`false` after a decode; `nil` when not decoded.
    public var decodable: Bool?
    /// This image's findings, with paths `images[i]`.
    public var findings: [Finding]
}

/// Checks a job's images against the rule book's image rules (``ImageRules``; api.md,
/// `image_list[].image`): each by probe (and full decode with `decode`), remote ones through a
/// ``RemoteImageFetcher``.
public struct JobImageChecker: Sendable {
    /// Decode every local and inline image fully.
    public var decode: Bool
    /// Decoder limits.
    public var limits: DecodeLimits
    /// Fetcher for `url:` images; `nil` leaves them unchecked (reported as `info`).
    public var remote: (any RemoteImageFetcher)?
    /// The route and backend the image rules are judged for (``JobCheckOptions/context``).
    public var context: RuleContext

    /// Bytes asked for first from a remote image: enough for nearly every header.
    static let remoteHeadBytes = 64 * 1024

    public init(
        decode: Bool, limits: DecodeLimits = .standard, remote: (any RemoteImageFetcher)? = nil,
        context: RuleContext = RuleContext(route: .image2video)
    ) {
        self.decode = decode
        self.limits = limits
        self.remote = remote
        self.context = context
    }

    /// Checks every image, two at a time (decoding is CPU work), and returns them in order.
    public func check(_ images: [JobImage]) async -> [CheckedImage] {
        await withTaskGroup(of: CheckedImage.self) { group in
            var results: [CheckedImage] = []
            var next = 0
            let parallel = 2
            while next < min(parallel, images.count) {
                let index = next
                group.addTask { await self.check(images[index], index: index) }
                next += 1
            }
            for await result in group {
                results.append(result)
                if next < images.count {
                    let index = next
                    group.addTask { await self.check(images[index], index: index) }
                    next += 1
                }
            }
            return results.sorted { $0.index < $1.index }
        }
    }

    /// Checks one image.
    public func check(_ image: JobImage, index: Int) async -> CheckedImage {
        await check(image, slot: ImageSlot(index: index))
    }

    /// Checks one image at `slot` (an input image, or the tail image).
    public func check(_ image: JobImage, slot: ImageSlot) async -> CheckedImage {
        let index = slot.index
        let path = slot.path
        switch image {
        case .file(let file):
            guard !file.isEmpty else { return CheckedImage(index: index, info: nil, decodable: nil, findings: []) }
            let verdict = ImageRules.verdict(
                path: file, decode: decode, limits: limits, context: context, findingPath: path)
            return checked(verdict, slot: slot)
        case .base64(let text):
            guard let data = InlineBase64.decode(text), !data.isEmpty else {
                // JobValidator reports empty or invalid base64.
                return CheckedImage(index: index, info: nil, decodable: nil, findings: [])
            }
            let verdict = ImageRules.verdict(
                bytes: [UInt8](data), label: path, decode: decode, limits: limits, context: context,
                findingPath: path)
            return checked(verdict, slot: slot)
        case .url(let url):
            // An invalid URL is JobValidator's finding; there is nothing to fetch.
            if FieldRules.urlProblem(url) != nil {
                return CheckedImage(index: index, info: nil, decodable: nil, findings: [])
            }
            guard let remote else {
                return CheckedImage(
                    index: index, info: nil, decodable: nil,
                    findings: [
                        MediaRules.imageRemoteUnchecked.finding(
                            "\(slot.label) is the URL \(Quote.short(url)); it was not fetched, so its format, size and dimensions are unchecked.",
                            at: path, in: context)
                    ].compactMap { $0 })
            }
            return await checkRemote(url, slot: slot, remote: remote)
        }
    }

    /// Checks the bytes of an image made here (a `fix:` copy) at `slot`.
    public func check(bytes: [UInt8], slot: ImageSlot) -> CheckedImage {
        let verdict = ImageRules.verdict(
            bytes: bytes, label: slot.path, decode: decode, limits: limits, context: context, findingPath: slot.path)
        return checked(verdict, slot: slot)
    }

    /// The verdict as a checked image, each message starting with the image's number.
    private func checked(_ verdict: ImageVerdict, slot: ImageSlot) -> CheckedImage {
        let index = slot.index
        let path = slot.path
        let findings = verdict.findings.map { finding in
            var copy = finding.at(path)
            copy.message = "\(slot.label): " + finding.message
            return copy
        }
        return CheckedImage(
            index: index, info: verdict.inspection.info, decodable: verdict.inspection.decodable,
            findings: findings)
    }

    private func checkRemote(_ url: String, slot: ImageSlot, remote: any RemoteImageFetcher) async -> CheckedImage {
        let index = slot.index
        let path = slot.path
        var head: RemoteImageHead
        do {
            head = try await remote.fetchHead(url: url, byteCount: Self.remoteHeadBytes)
            // Headers can sit behind large metadata: fall back to a bounded full GET.
            if !head.isComplete, (try? ImageProbe.probe(bytes: head.leadingBytes)) == nil {
                head = try await remote.fetchHead(url: url, byteCount: ImageRules.maximumBytes + 1)
            }
        } catch {
            return CheckedImage(
                index: index, info: nil, decodable: nil,
                findings: [
                    MediaRules.imageRemoteUnreachable.finding(
                        "\(slot.label) could not be fetched from \(Quote.short(url)): \(error)", at: path,
                        in: context)
                ].compactMap { $0 })
        }
        var inspection = ImageInspector.inspect(
            bytes: head.leadingBytes, label: path, decode: decode && head.isComplete, limits: limits)
        let total = head.contentLength ?? (head.isComplete ? head.leadingBytes.count : nil)
        if var info = inspection.info {
            // The rules speak of the whole file: its real size, and no verdict on its end from a
            // head that stops short of it.
            if let total { info.byteCount = total }
            if !head.isComplete {
                info.endMarkerFound = nil
                info.trailingByteCount = nil
            }
            inspection.info = info
        }
        var verdict = ImageVerdict(
            inspection: inspection, findings: ImageRules.findings(inspection, at: path, in: context))
        if let type = head.contentType?.lowercased(), !type.hasPrefix("image/png"), !type.hasPrefix("image/jpeg"),
            !type.hasPrefix("image/jpg")
        {
            verdict.findings += [
                MediaRules.imageRemoteContentType.finding(
                    "the server says its Content-Type is '\(type)'; the API expects image/png or image/jpeg", at: path,
                    in: context)
            ].compactMap { $0 }
        }
        return checked(verdict, slot: slot)
    }
}

/// Where an image of a job sits: an input image (`images[i]`, "image i+1") or the tail image
/// (`tail`, "the tail image").
public struct ImageSlot: Sendable, Hashable {
    /// 0-based position in `images`; 0 for the tail image.
    public var index: Int
    /// The finding path.
    public var path: String
    /// How messages name the image.
    public var label: String

    /// Input image `index` (0-based).
    public init(index: Int) {
        self.index = index
        path = "images[\(index)]"
        label = "image \(index + 1)"
    }

    /// image2video's end frame.
    public static let tail = ImageSlot(index: 0, path: "tail", label: "the tail image")

    private init(index: Int, path: String, label: String) {
        self.index = index
        self.path = path
        self.label = label
    }
}
