public import Foundation
public import KlingCheck

/// One image or mask string of a raw body: where it is and what it is.
public struct BodyMediaItem: Sendable, Hashable {
    /// The body path, e.g. `image_list[1].image` or `dynamic_masks[0].mask`.
    public var path: String
    /// The string as a source: `.url` or `.base64` (possibly with a `data:` header).
    public var media: PayloadSource

    /// An item.
    public init(path: String, media: PayloadSource) {
        self.path = path
        self.media = media
    }

    /// The decoded bytes of inline base64, or `nil` for a URL or text that is not base64.
    public func data() -> Data? { media.decodedData() }
}

/// One `dynamic_masks` group of a raw body as read; parts that could not be read are `nil`.
public struct BodyDynamicMaskItem: Sendable, Hashable {
    /// The body path, e.g. `dynamic_masks[0]`.
    public var path: String
    /// The group's mask.
    public var mask: BodyMediaItem?
    /// The trajectory in API space (integer pixels of the input image, origin bottom-left).
    public var trajectories: [APIPoint]?
}

/// What reading a raw body gives: the route it is for, every finding of its fields, and its
/// images and masks for the deep checks (``RawBodyChecker``).
public struct RawBodyReport: Sendable {
    /// The rule context the body was judged in (its route: `--route`, else `image` versus
    /// `image_list`).
    public var context: RuleContext
    /// Reading and field findings.
    public var findings: [Finding]
    /// The 1-based line of each body path, when the body has several lines.
    public var lines: [String: Int]
    /// The 1-based column of each body path whose line is known (in Unicode scalars).
    public var columns: [String: Int]
    /// The typed body, when every field could be read.
    public var body: RequestBody?
    /// The input images in order (`image` is one item); `nil` entries could not be read.
    public var images: [BodyMediaItem?]
    /// `image_tail`.
    public var imageTail: BodyMediaItem?
    /// `static_mask`.
    public var staticMask: BodyMediaItem?
    /// `dynamic_masks`.
    public var dynamicMasks: [BodyDynamicMaskItem]

    /// True when any finding is an error.
    public var hasErrors: Bool { findings.hasErrors }

    /// Where `path` (or its nearest enclosing path that was read) starts in the body, when the
    /// body has several lines.
    public func location(of path: String) -> SourceLocation? {
        FindingLines.location(of: path, lines: lines, columns: columns)
    }
}

extension RawBodyReport {
    /// The decoded bytes of input image `index` (0-based), when it is inline base64.
    public func imageData(at index: Int) -> Data? {
        guard images.indices.contains(index) else { return nil }
        return images[index]?.data()
    }

    /// The decoded bytes of `static_mask`, when it is inline base64.
    public func staticMaskData() -> Data? { staticMask?.data() }

    /// The decoded bytes of dynamic mask `index` (0-based), when it is inline base64.
    public func dynamicMaskData(at index: Int) -> Data? {
        guard dynamicMasks.indices.contains(index) else { return nil }
        return dynamicMasks[index].mask?.data()
    }
}
