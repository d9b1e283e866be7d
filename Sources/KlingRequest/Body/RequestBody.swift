import KlingCheck
import Foundation

/// The JSON body of `POST /kling/v1/videos/multi-image2video` (api.md, "Create a task").
///
/// Every field the API documents for this endpoint, typed as the API documents it: `duration` is
/// the string `"5"` or `"10"`, trajectory points are integers. Absent optionals are omitted from
/// the JSON, never written as `null`.
///
/// **Key order.** Keys are written in sorted byte order at every level — the order `JSONEncoder`
/// produces with `.sortedKeys` — which is the only order `JSONEncoder` keeps stable on Linux.
/// Top level: `callback_url`, `cfg_scale`, `duration`, `dynamic_masks`, `external_task_id`,
/// `image_list`, `mode`, `model_name`, `negative_prompt`, `prompt`, `static_mask`; in a dynamic
/// mask `mask`, `trajectories`; in a point `x`, `y`. See ``RequestBody/encoder()`` and
/// ``RequestBody/topLevelKeys``.
public struct RequestBody: Sendable, Hashable, Codable {
    /// `model_name`: the Kling model variant, e.g. `kling-v1-6` (api.md, `model_name`).
    public var modelName: String?
    /// `duration`: video length in seconds as a string, `"5"` or `"10"` (api.md, `duration`).
    public var duration: String?
    /// `image_list`: 2 to 4 images (api.md, `image_list`).
    public var imageList: [ImageItem]
    /// `prompt`: the motion to generate, at most 500 characters (api.md, `prompt`).
    public var prompt: String?
    /// `negative_prompt`: what to avoid, at most 200 characters (api.md, `negative_prompt`).
    public var negativePrompt: String?
    /// `callback_url`: webhook for task status changes (api.md, `callback_url`).
    public var callbackURL: String?
    /// `mode`: `std` or `pro` (api.md, `mode`).
    public var mode: String?
    /// `cfg_scale`: prompt adherence, 0…1 (api.md, `cfg_scale`).
    public var cfgScale: Double?
    /// `static_mask`: base64 PNG or public URL; white = frozen (api.md, `static_mask`).
    public var staticMask: String?
    /// `dynamic_masks`: up to 6 groups (api.md, `dynamic_masks`).
    public var dynamicMasks: [DynamicMask]?
    /// `external_task_id`: the caller's own id for the task (api.md, `external_task_id`).
    public var externalTaskID: String?

    /// Creates a body; every optional left `nil` is omitted from the JSON.
    public init(
        modelName: String? = nil,
        duration: String? = nil,
        imageList: [ImageItem],
        prompt: String? = nil,
        negativePrompt: String? = nil,
        callbackURL: String? = nil,
        mode: String? = nil,
        cfgScale: Double? = nil,
        staticMask: String? = nil,
        dynamicMasks: [DynamicMask]? = nil,
        externalTaskID: String? = nil
    ) {
        self.modelName = modelName
        self.duration = duration
        self.imageList = imageList
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.callbackURL = callbackURL
        self.mode = mode
        self.cfgScale = cfgScale
        self.staticMask = staticMask
        self.dynamicMasks = dynamicMasks
        self.externalTaskID = externalTaskID
    }

    /// The JSON keys of the body.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case callbackURL = "callback_url"
        case cfgScale = "cfg_scale"
        case duration
        case dynamicMasks = "dynamic_masks"
        case externalTaskID = "external_task_id"
        case imageList = "image_list"
        case mode
        case modelName = "model_name"
        case negativePrompt = "negative_prompt"
        case prompt
        case staticMask = "static_mask"
    }

    /// The top-level keys in the order they are written (sorted byte order).
    public static let topLevelKeys: [String] = CodingKeys.allCases.map(\.rawValue).sorted()

    /// The encoder whose output is the canonical body: compact, keys sorted, `/` not escaped.
    ///
    /// ``PayloadWriter`` produces exactly these bytes without building them in memory.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The canonical JSON bytes of this body (built in memory; for small bodies and tests).
    ///
    /// - Throws: `EncodingError` if `cfgScale` is not finite.
    public func encoded() throws -> Data {
        try Self.encoder().encode(self)
    }
}

/// One `image_list` item: `{"image": "<public URL or base64>"}` (api.md, `image_list[].image`).
public struct ImageItem: Sendable, Hashable, Codable {
    /// A public URL, or base64 without a `data:` prefix.
    public var image: String

    /// Creates an item from a URL or a base64 string.
    public init(image: String) { self.image = image }
}

/// One `dynamic_masks` group: the painted area and its motion (api.md, `dynamic_masks[]`).
public struct DynamicMask: Sendable, Hashable, Codable {
    /// The area's mask, base64 PNG or public URL, at the reference image's size.
    public var mask: String
    /// 2 to 77 points in API space (integer pixels, origin bottom-left).
    public var trajectories: [APIPoint]

    /// Creates a group.
    public init(mask: String, trajectories: [APIPoint]) {
        self.mask = mask
        self.trajectories = trajectories
    }
}
