public import Foundation
public import KlingCheck

/// The JSON body of a create request on either route (api.md, "Routes", "image2video fields",
/// "multi-image2video fields").
///
/// One type for both routes and for both directions: a body built from a job (images and masks
/// as files or bytes, see ``PayloadSource``) and a body read from JSON. Every field the route
/// documents, typed as documented: `duration` is the string `"5"` or `"10"`, trajectory points
/// are integer ``APIPoint``s (origin bottom-left). Absent optionals are omitted, never `null`.
///
/// **Keys by route.** image2video writes the one image as `image` and may carry `image_tail`,
/// `static_mask`, `dynamic_masks`, `camera_control`, `cfg_scale`; multi-image2video writes
/// `image_list: [{"image": …}]` and may carry `aspect_ratio`, `watermark_info` — and the brush
/// fields and `cfg_scale` only when a job opted in to undocumented fields (the builder decides;
/// the encoder writes what is set).
///
/// **Key order.** Sorted byte order at every level (`JSONEncoder` with `.sortedKeys`, the only
/// order `JSONEncoder` keeps stable on Linux); see ``encoder()``.
public struct RequestBody: Sendable, Hashable {
    /// The create route; decides `image` versus `image_list`. Not a JSON field.
    public var route: Route
    /// `model_name`.
    public var modelName: String?
    /// `mode`: `std` or `pro`.
    public var mode: String?
    /// `duration`: `"5"` or `"10"`.
    public var duration: String?
    /// `prompt`.
    public var prompt: String?
    /// `negative_prompt`.
    public var negativePrompt: String?
    /// `cfg_scale`, 0…1.
    public var cfgScale: Double?
    /// `callback_url`.
    public var callbackURL: String?
    /// `external_task_id`.
    public var externalTaskID: String?
    /// The input images in order: `image` (image2video, exactly one) or `image_list`.
    public var images: [PayloadSource]
    /// `image_tail` (image2video).
    public var imageTail: PayloadSource?
    /// `static_mask`: white = frozen.
    public var staticMask: PayloadSource?
    /// `dynamic_masks`: up to 6 groups; `nil` omits the key.
    public var dynamicMasks: [DynamicMask]?
    /// `camera_control` (image2video).
    public var cameraControl: CameraControl?
    /// `aspect_ratio` (multi-image2video): `16:9`, `9:16`, `1:1`.
    public var aspectRatio: String?
    /// `watermark_info` (multi-image2video).
    public var watermarkInfo: WatermarkInfo?

    /// Creates a body; every optional left `nil` is omitted from the JSON.
    public init(
        route: Route, modelName: String? = nil, mode: String? = nil, duration: String? = nil,
        prompt: String? = nil, negativePrompt: String? = nil, cfgScale: Double? = nil,
        callbackURL: String? = nil, externalTaskID: String? = nil, images: [PayloadSource],
        imageTail: PayloadSource? = nil, staticMask: PayloadSource? = nil, dynamicMasks: [DynamicMask]? = nil,
        cameraControl: CameraControl? = nil, aspectRatio: String? = nil, watermarkInfo: WatermarkInfo? = nil
    ) {
        self.route = route
        self.modelName = modelName
        self.mode = mode
        self.duration = duration
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.cfgScale = cfgScale
        self.callbackURL = callbackURL
        self.externalTaskID = externalTaskID
        self.images = images
        self.imageTail = imageTail
        self.staticMask = staticMask
        self.dynamicMasks = dynamicMasks
        self.cameraControl = cameraControl
        self.aspectRatio = aspectRatio
        self.watermarkInfo = watermarkInfo
    }

    /// The encoder whose output is the canonical body: compact, keys sorted, `/` not escaped.
    /// ``PayloadWriter`` produces exactly these bytes without holding the base64 in memory.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The canonical JSON bytes of this body, every file read (for small bodies and tests).
    ///
    /// - Throws: ``RequestError/unreadable(path:reason:)`` for a file that cannot be read,
    ///   ``RequestError/writeFailed(path:reason:)`` when `cfgScale` is not finite.
    public func encoded() throws(RequestError) -> Data {
        let resolved = try self.resolved()
        do {
            return try Self.encoder().encode(resolved)
        } catch {
            throw .writeFailed(path: "request body", reason: "it cannot be encoded as JSON: \(error)")
        }
    }

    /// The same body with every `.file` and `.data` source turned into `.base64`.
    /// - Throws: ``RequestError/unreadable(path:reason:)`` for a file that cannot be read.
    public func resolved() throws(RequestError) -> RequestBody {
        try mapSources { source, _ throws(RequestError) in
            switch source {
            case .url, .base64: return source
            case .data(let data): return .base64(data.base64EncodedString())
            case .file(let path):
                let bytes = try RequestError.file { () throws(FileError) in
                    try Files.readAll(path: path, limit: Int.max)
                }
                return .base64(Data(bytes).base64EncodedString())
            }
        }
    }

    /// Every image and mask source in slot order: images, `image_tail`, `static_mask`, then
    /// each dynamic mask.
    public var sources: [PayloadSource] {
        images + [imageTail, staticMask].compactMap { $0 } + (dynamicMasks ?? []).map(\.mask)
    }

    /// The body with each source replaced by `transform(source, slot)`, slots counted as in
    /// ``sources``.
    func mapSources<E: Error>(
        _ transform: (PayloadSource, Int) throws(E) -> PayloadSource
    ) throws(E) -> RequestBody {
        var copy = self
        var slot = 0
        func next(_ source: PayloadSource) throws(E) -> PayloadSource {
            defer { slot += 1 }
            return try transform(source, slot)
        }
        var images: [PayloadSource] = []
        for image in self.images { images.append(try next(image)) }
        copy.images = images
        if let imageTail { copy.imageTail = try next(imageTail) }
        if let staticMask { copy.staticMask = try next(staticMask) }
        if let dynamicMasks {
            var groups: [DynamicMask] = []
            for group in dynamicMasks {
                groups.append(DynamicMask(mask: try next(group.mask), trajectories: group.trajectories))
            }
            copy.dynamicMasks = groups
        }
        return copy
    }
}

/// One `dynamic_masks` group: the painted area and its motion (api.md, "Brush rules").
public struct DynamicMask: Sendable, Hashable {
    /// The area's mask (white = moves), at the input image's pixel size.
    public var mask: PayloadSource
    /// 2 to 77 points in API space: integer pixels of the input image, origin bottom-left.
    public var trajectories: [APIPoint]

    /// Creates a group.
    public init(mask: PayloadSource, trajectories: [APIPoint]) {
        self.mask = mask
        self.trajectories = trajectories
    }
}
