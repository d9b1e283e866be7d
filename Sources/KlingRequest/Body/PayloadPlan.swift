import KlingCheck
import Foundation

/// Where the bytes of one image or mask come from when the body is written.
public enum PayloadSource: Sendable, Hashable {
    /// A local file, read in chunks and written as base64 (never whole in memory).
    case file(String)
    /// Bytes in memory (e.g. a mask PNG from the image module), written as base64.
    case data(Data)
    /// A public URL, written as is.
    case url(String)
    /// Text that is already base64 (without a `data:` header), written as is.
    case base64(String)
}

/// One `dynamic_masks` group to be written: the mask's source and its trajectory in API space.
public struct PlannedDynamicMask: Sendable, Hashable {
    /// The mask picture (normally `.data` with the PNG the image module encoded).
    public var mask: PayloadSource
    /// The trajectory, integer pixels with the origin at the bottom-left.
    public var trajectories: [APIPoint]

    /// Creates a group.
    public init(mask: PayloadSource, trajectories: [APIPoint]) {
        self.mask = mask
        self.trajectories = trajectories
    }
}

/// A request body whose images and masks are still sources (files, bytes, URLs): what
/// ``PayloadWriter`` turns into `request.json` without holding the base64 in memory.
///
/// Fields mirror ``RequestBody``; `nil` optionals are omitted from the JSON.
public struct PayloadPlan: Sendable, Hashable {
    /// `model_name`.
    public var modelName: String?
    /// `duration`, `"5"` or `"10"`.
    public var duration: String?
    /// `image_list`, in order.
    public var images: [PayloadSource]
    /// `prompt`.
    public var prompt: String?
    /// `negative_prompt`.
    public var negativePrompt: String?
    /// `callback_url`.
    public var callbackURL: String?
    /// `mode`.
    public var mode: String?
    /// `cfg_scale`, 0…1.
    public var cfgScale: Double?
    /// `static_mask`.
    public var staticMask: PayloadSource?
    /// `dynamic_masks`; `nil` omits the key.
    public var dynamicMasks: [PlannedDynamicMask]?
    /// `external_task_id`.
    public var externalTaskID: String?

    /// Creates a plan field by field.
    public init(
        modelName: String? = nil, duration: String? = nil, images: [PayloadSource], prompt: String? = nil,
        negativePrompt: String? = nil, callbackURL: String? = nil, mode: String? = nil, cfgScale: Double? = nil,
        staticMask: PayloadSource? = nil, dynamicMasks: [PlannedDynamicMask]? = nil, externalTaskID: String? = nil
    ) {
        self.modelName = modelName
        self.duration = duration
        self.images = images
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.callbackURL = callbackURL
        self.mode = mode
        self.cfgScale = cfgScale
        self.staticMask = staticMask
        self.dynamicMasks = dynamicMasks
        self.externalTaskID = externalTaskID
    }

    /// The plan for `job`, with the masks the brush and image modules made.
    ///
    /// Images map one to one (`.file` → `.file`, `.url` → `.url`, `.base64` → `.base64` with a
    /// `data:` header stripped, as the job's notice says). An empty `dynamicMasks` omits the key.
    /// Fields are copied as given: validate the job first.
    public init(job: Job, staticMask: PayloadSource? = nil, dynamicMasks: [PlannedDynamicMask] = []) {
        self.init(
            modelName: job.model, duration: job.duration,
            images: job.images.map { image in
                switch image {
                case .file(let path): .file(path)
                case .url(let url): .url(url)
                case .base64(let text): .base64(InlineBase64.strippingDataPrefix(text))
                }
            },
            prompt: job.prompt, negativePrompt: job.negativePrompt, callbackURL: job.callbackURL, mode: job.mode,
            cfgScale: job.cfgScale, staticMask: staticMask, dynamicMasks: dynamicMasks.isEmpty ? nil : dynamicMasks,
            externalTaskID: job.externalTaskID)
    }

    /// The whole body in memory, every file read and base64-encoded — for tests and small
    /// bodies; ``PayloadWriter`` writes the same bytes without this.
    ///
    /// - Throws: ``RequestError/unreadable(path:reason:)`` for a file that cannot be read.
    public func resolved() throws(RequestError) -> RequestBody {
        var body = skeleton { source, _ in source }
        body.imageList = []
        for image in images { body.imageList.append(ImageItem(image: try Self.text(of: image))) }
        if let staticMask { body.staticMask = try Self.text(of: staticMask) }
        if let dynamicMasks {
            var groups: [DynamicMask] = []
            for group in dynamicMasks {
                groups.append(DynamicMask(mask: try Self.text(of: group.mask), trajectories: group.trajectories))
            }
            body.dynamicMasks = groups
        }
        return body
    }

    /// The body with every image and mask replaced by `slot(source, index)`; indexes count
    /// sources in the order images, static mask, dynamic masks.
    func skeleton(_ slot: (String, Int) -> String) -> RequestBody {
        var index = 0
        func next(_ source: PayloadSource) -> String {
            defer { index += 1 }
            switch source {
            case .url(let text), .base64(let text): return slot(text, index)
            case .file, .data: return slot("", index)
            }
        }
        let imageList = images.map { ImageItem(image: next($0)) }
        let staticText = staticMask.map(next)
        let groups = dynamicMasks.map { groups in
            groups.map { DynamicMask(mask: next($0.mask), trajectories: $0.trajectories) }
        }
        return RequestBody(
            modelName: modelName, duration: duration, imageList: imageList, prompt: prompt,
            negativePrompt: negativePrompt, callbackURL: callbackURL, mode: mode, cfgScale: cfgScale,
            staticMask: staticText, dynamicMasks: groups, externalTaskID: externalTaskID)
    }

    /// All sources in slot order (see ``skeleton(_:)``).
    var sources: [PayloadSource] {
        images + (staticMask.map { [$0] } ?? []) + (dynamicMasks ?? []).map(\.mask)
    }

    private static func text(of source: PayloadSource) throws(RequestError) -> String {
        switch source {
        case .url(let text), .base64(let text): return text
        case .data(let data): return data.base64EncodedString()
        case .file(let path):
            return Data(try RequestError.file { () throws(FileError) in try Files.readAll(path: path, limit: Int.max) })
                .base64EncodedString()
        }
    }
}
