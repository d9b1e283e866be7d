import Foundation
import KlingCheck

/// One image or mask string found in a raw body, with where it is.
public struct BodyMediaItem: Sendable, Hashable {
    /// Its path in the body, e.g. `image_list[2].image` or `dynamic_masks[0].mask`.
    public var path: String
    /// The URL or base64 text as written.
    public var media: BodyMedia

    /// Creates an item.
    public init(path: String, media: BodyMedia) {
        self.path = path
        self.media = media
    }

    /// The decoded bytes (decoded on each call), or `nil` for a URL or invalid base64.
    public func data() -> Data? { media.decodedData() }
}

/// One `dynamic_masks` group of a raw body, as far as it could be read.
public struct BodyDynamicMaskItem: Sendable, Hashable {
    /// Its path, e.g. `dynamic_masks[1]`.
    public var path: String
    /// The mask, when it is a string.
    public var mask: BodyMediaItem?
    /// The trajectory, when every point is a pair of integers.
    public var trajectories: [APIPoint]?
}

/// What ``RawBodyValidator`` found in a raw `request.json`: the findings, and the images and
/// masks for the image module to probe and decode (lazily, one at a time).
public struct RawBodyReport: Sendable {
    /// All problems, in document order; messages start with their line.
    public var findings: [Finding]
    /// The line of each path read (`"image_list[1].image"` → 4).
    public var lines: [String: Int]
    /// The typed body, when every field has its documented type (findings may still hold
    /// rule errors such as a too-long prompt).
    public var body: RequestBody?
    /// One entry per `image_list` item, in order: its `image` string, or `nil` when the item
    /// could not be read.
    public var images: [BodyMediaItem?]
    /// `static_mask`, when it is a string.
    public var staticMask: BodyMediaItem?
    /// Each `dynamic_masks` group that is a mapping, in order.
    public var dynamicMasks: [BodyDynamicMaskItem]

    /// The decoded bytes of `image_list[index].image`, or `nil` (URL, invalid base64, no such
    /// item). Decodes on each call.
    public func imageData(at index: Int) -> Data? {
        guard images.indices.contains(index) else { return nil }
        return images[index]?.data()
    }

    /// The decoded bytes of `static_mask`, or `nil`.
    public func staticMaskData() -> Data? { staticMask?.data() }

    /// The decoded bytes of `dynamic_masks[index].mask`, or `nil`.
    public func dynamicMaskData(at index: Int) -> Data? {
        guard dynamicMasks.indices.contains(index) else { return nil }
        return dynamicMasks[index].mask?.data()
    }
}
