/// The fields of `POST /kling/v1/videos/image2video` (api.md, "image2video fields", "Brush rules").
enum Image2VideoRules {
    /// The model names of the image2video table [K].
    static let models = [
        "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master",
        "kling-v2-5-turbo", "kling-v2-6",
    ]
    static let cameraTypes = ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"]
    static let cameraAxes = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"]

    static func check(_ body: [String: FakeJSON]) throws(FakeRefusal) {
        try FakeValidation.oneOf(body, "model_name", models, on: "image2video")
        try FakeValidation.checkImage(body["image"], at: "image")
        if let tail = body["image_tail"] { try FakeValidation.checkImage(tail, at: "image_tail") }
        if let mask = body["static_mask"] { try FakeValidation.checkImage(mask, at: "static_mask") }
        if let groups = body["dynamic_masks"] { try checkDynamicMasks(groups) }
        if let camera = body["camera_control"] { try checkCamera(camera) }
        let steering = [
            body["image_tail"] != nil ? "image_tail" : nil,
            body["static_mask"] != nil || body["dynamic_masks"] != nil ? "the motion brush" : nil,
            body["camera_control"] != nil ? "camera_control" : nil,
        ].compactMap { $0 }
        if steering.count > 1 {
            throw .parameter("\(steering.joined(separator: " and ")) cannot be used together")
        }
    }

    /// Up to 6 groups `{mask, trajectories}`; 2–77 integer points each.
    static func checkDynamicMasks(_ value: FakeJSON) throws(FakeRefusal) {
        guard let groups = value.array else { throw .parameter("dynamic_masks must be an array") }
        guard groups.count <= 6 else { throw .parameter("dynamic_masks holds at most 6 groups, got \(groups.count)") }
        for (index, group) in groups.enumerated() {
            let at = "dynamic_masks[\(index)]"
            guard let fields = group.object else { throw .parameter("\(at) must be an object") }
            try FakeValidation.checkImage(fields["mask"], at: "\(at).mask")
            guard let points = fields["trajectories"]?.array else {
                throw .parameter("\(at).trajectories is required and must be an array")
            }
            guard (2...77).contains(points.count) else {
                throw .parameter("\(at).trajectories must hold 2 to 77 points, got \(points.count)")
            }
            for (n, point) in points.enumerated() {
                guard let xy = point.object, case .integer = xy["x"], case .integer = xy["y"] else {
                    throw .parameter("\(at).trajectories[\(n)] must be {\"x\": integer, \"y\": integer}")
                }
            }
        }
    }

    /// `{"type", "config"}`: with `simple`, exactly one axis non-zero in [-10, 10]; otherwise no
    /// `config`.
    static func checkCamera(_ value: FakeJSON) throws(FakeRefusal) {
        guard let camera = value.object else { throw .parameter("camera_control must be an object") }
        try FakeValidation.oneOf(camera, "type", cameraTypes)
        guard let type = camera["type"]?.string else { throw .parameter("camera_control.type is required") }
        guard type == "simple" else {
            if camera["config"] != nil { throw .parameter("camera_control.config is only for type simple") }
            return
        }
        guard let config = camera["config"]?.object else {
            throw .parameter("camera_control.config is required for type simple")
        }
        var nonZero = 0
        for (key, field) in config {
            guard cameraAxes.contains(key) else { throw .parameter("camera_control.config.\(key) is not a field") }
            guard let number = field.number, (-10...10).contains(number) else {
                throw .parameter("camera_control.config.\(key) must be a number from -10 to 10")
            }
            if number != 0 { nonZero += 1 }
        }
        guard nonZero == 1 else {
            throw .parameter("camera_control.config must set exactly one of \(cameraAxes.joined(separator: ", "))")
        }
    }
}

/// The fields of `POST /kling/v1/videos/multi-image2video` (api.md, "multi-image2video fields").
enum MultiImageRules {
    static func check(_ body: [String: FakeJSON]) throws(FakeRefusal) {
        // [C-mi]: "do not send image-to-video mask fields such as static_mask or dynamic_masks on
        // this route"; [K] has no brush fields here. What the service answers is not documented:
        // the fake refuses them like any invalid parameter.
        for key in ["static_mask", "dynamic_masks"] where body[key] != nil {
            throw .parameter("\(key) is not a parameter of multi-image2video")
        }
        // `kling-v1-6` is the only documented model; omitted means kling-v1-6 [C-mi], [K].
        try FakeValidation.oneOf(body, "model_name", ["kling-v1-6"], on: "multi-image2video")
        guard let images = body["image_list"]?.array else {
            throw .parameter("image_list is required and must be an array")
        }
        guard (1...4).contains(images.count) else {
            throw .parameter("image_list must hold 1 to 4 items, got \(images.count)")
        }
        for (index, item) in images.enumerated() {
            guard let entry = item.object else { throw .parameter("image_list[\(index)] must be an object") }
            try FakeValidation.checkImage(entry["image"], at: "image_list[\(index)].image")
        }
        try FakeValidation.oneOf(body, "aspect_ratio", ["16:9", "9:16", "1:1"])
        if let watermark = body["watermark_info"] {
            guard let fields = watermark.object, case .bool = fields["enabled"] else {
                throw .parameter("watermark_info must be {\"enabled\": boolean}")
            }
        }
    }
}
