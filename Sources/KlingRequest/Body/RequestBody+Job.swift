import KlingCheck

extension RequestBody {
    /// The body for `job` on its route, with the masks the brush and image modules made.
    ///
    /// Images map one to one (`.file` → `.file`, `.url` → `.url`, `.base64` → `.base64` with a
    /// `data:` header stripped, as the job's notice says). Each field is written with its
    /// route's key (api.md): on multi-image2video the brush fields and `cfg_scale` are sent
    /// only when the job opted in with `allow_undocumented_fields`, and `image_tail` /
    /// `camera_control` never (image2video only); on image2video `aspect_ratio` and
    /// `watermark_info` are never sent. Fields are copied as given: check the job first.
    public init(job: Job, staticMask: PayloadSource? = nil, dynamicMasks: [DynamicMask] = []) {
        let route = job.effectiveRoute
        let brushesSent = route == .image2video || job.allowUndocumentedFields
        self.init(
            route: route, modelName: job.model, mode: job.mode, duration: job.duration, prompt: job.prompt,
            negativePrompt: job.negativePrompt, cfgScale: brushesSent ? job.cfgScale : nil,
            callbackURL: job.callbackURL, externalTaskID: job.externalTaskID,
            images: job.images.map(\.payloadSource),
            imageTail: route == .image2video ? job.tail?.payloadSource : nil,
            staticMask: brushesSent ? staticMask : nil,
            dynamicMasks: brushesSent && !dynamicMasks.isEmpty ? dynamicMasks : nil,
            cameraControl: route == .image2video ? job.cameraControl : nil,
            aspectRatio: route == .multiImage2video ? job.aspectRatio : nil,
            watermarkInfo: route == .multiImage2video ? job.watermark.map(WatermarkInfo.init(enabled:)) : nil)
    }
}

extension JobImage {
    /// Where the body takes this image's bytes from.
    var payloadSource: PayloadSource {
        switch self {
        case .file(let path): .file(path)
        case .url(let url): .url(url)
        case .base64(let text): .base64(InlineBase64.strippingDataPrefix(text))
        }
    }
}
