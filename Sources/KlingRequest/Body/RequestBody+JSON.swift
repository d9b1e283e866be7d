import Foundation
public import KlingCheck

extension RequestBody: Codable {
    /// Every top-level key either route documents (api.md), in sorted byte order.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case aspectRatio = "aspect_ratio"
        case callbackURL = "callback_url"
        case cameraControl = "camera_control"
        case cfgScale = "cfg_scale"
        case duration
        case dynamicMasks = "dynamic_masks"
        case externalTaskID = "external_task_id"
        case image
        case imageList = "image_list"
        case imageTail = "image_tail"
        case mode
        case modelName = "model_name"
        case negativePrompt = "negative_prompt"
        case prompt
        case staticMask = "static_mask"
        case watermarkInfo = "watermark_info"
    }

    /// The top-level keys `route` documents, sorted (api.md, "image2video fields",
    /// "multi-image2video fields"). The brush fields and `cfg_scale` of multi-image2video are
    /// only on the older page and are not listed.
    public static func documentedKeys(on route: Route) -> [String] {
        let common: [CodingKeys] = [
            .callbackURL, .duration, .externalTaskID, .mode, .modelName, .negativePrompt, .prompt,
        ]
        let specific: [CodingKeys] =
            switch route {
            case .image2video: [.image, .imageTail, .cfgScale, .staticMask, .dynamicMasks, .cameraControl]
            case .multiImage2video: [.imageList, .aspectRatio, .watermarkInfo]
            }
        return (common + specific).map(\.rawValue).sorted()
    }

    /// `{"image": …}`, an element of `image_list`.
    struct ImageItem: Codable {
        var image: String
    }

    /// A `dynamic_masks` element as JSON.
    struct DynamicMaskJSON: Codable {
        var mask: String
        var trajectories: [APIPoint]
    }

    /// Decodes a body; the route is `image2video` when `image` is present, else
    /// multi-image2video. Media strings become `.url` or `.base64` (``PayloadSource/init(bodyText:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let single = try container.decodeIfPresent(String.self, forKey: .image)
        let list = try container.decodeIfPresent([ImageItem].self, forKey: .imageList)
        let route: Route = single != nil || list == nil ? .image2video : .multiImage2video
        let images =
            single.map { [PayloadSource(bodyText: $0)] } ?? (list ?? []).map { PayloadSource(bodyText: $0.image) }
        self.init(
            route: route,
            modelName: try container.decodeIfPresent(String.self, forKey: .modelName),
            mode: try container.decodeIfPresent(String.self, forKey: .mode),
            duration: try container.decodeIfPresent(String.self, forKey: .duration),
            prompt: try container.decodeIfPresent(String.self, forKey: .prompt),
            negativePrompt: try container.decodeIfPresent(String.self, forKey: .negativePrompt),
            cfgScale: try container.decodeIfPresent(Double.self, forKey: .cfgScale),
            callbackURL: try container.decodeIfPresent(String.self, forKey: .callbackURL),
            externalTaskID: try container.decodeIfPresent(String.self, forKey: .externalTaskID),
            images: images,
            imageTail: try container.decodeIfPresent(String.self, forKey: .imageTail).map(
                PayloadSource.init(bodyText:)),
            staticMask: try container.decodeIfPresent(String.self, forKey: .staticMask).map(
                PayloadSource.init(bodyText:)),
            dynamicMasks: try container.decodeIfPresent([DynamicMaskJSON].self, forKey: .dynamicMasks)?.map {
                DynamicMask(mask: PayloadSource(bodyText: $0.mask), trajectories: $0.trajectories)
            },
            cameraControl: try container.decodeIfPresent(CameraControl.self, forKey: .cameraControl),
            aspectRatio: try container.decodeIfPresent(String.self, forKey: .aspectRatio),
            watermarkInfo: try container.decodeIfPresent(WatermarkInfo.self, forKey: .watermarkInfo))
    }

    /// Encodes the body with its route's keys.
    /// - Throws: `EncodingError.invalidValue` for a `.file` or `.data` source: call
    ///   ``resolved()`` first, or write with ``PayloadWriter``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func text(_ source: PayloadSource, _ key: CodingKeys) throws -> String {
            guard let text = source.bodyText else {
                throw EncodingError.invalidValue(
                    source,
                    EncodingError.Context(
                        codingPath: container.codingPath + [key],
                        debugDescription: "a file or in-memory source must be resolved before encoding"))
            }
            return text
        }
        switch route {
        case .image2video:
            if let first = images.first { try container.encode(try text(first, .image), forKey: .image) }
        case .multiImage2video:
            try container.encode(images.map { ImageItem(image: try text($0, .imageList)) }, forKey: .imageList)
        }
        try container.encodeIfPresent(modelName, forKey: .modelName)
        try container.encodeIfPresent(mode, forKey: .mode)
        try container.encodeIfPresent(duration, forKey: .duration)
        try container.encodeIfPresent(prompt, forKey: .prompt)
        try container.encodeIfPresent(negativePrompt, forKey: .negativePrompt)
        try container.encodeIfPresent(cfgScale, forKey: .cfgScale)
        try container.encodeIfPresent(callbackURL, forKey: .callbackURL)
        try container.encodeIfPresent(externalTaskID, forKey: .externalTaskID)
        if let imageTail { try container.encode(try text(imageTail, .imageTail), forKey: .imageTail) }
        if let staticMask { try container.encode(try text(staticMask, .staticMask), forKey: .staticMask) }
        if let dynamicMasks {
            try container.encode(
                dynamicMasks.map {
                    DynamicMaskJSON(mask: try text($0.mask, .dynamicMasks), trajectories: $0.trajectories)
                },
                forKey: .dynamicMasks)
        }
        try container.encodeIfPresent(cameraControl, forKey: .cameraControl)
        try container.encodeIfPresent(aspectRatio, forKey: .aspectRatio)
        try container.encodeIfPresent(watermarkInfo, forKey: .watermarkInfo)
    }
}
