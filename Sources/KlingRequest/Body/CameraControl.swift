/// `camera_control` of image2video: a camera move instead of a brush (api.md, "image2video
/// fields").
///
/// With `type` `simple`, `config` sets exactly one of its six axes to a non-zero value in
/// −10…10; with the other types `config` is left out. Values are held as written, so a job or a
/// body with a wrong value can be reported rather than refused at reading.
public struct CameraControl: Sendable, Hashable, Codable {
    /// `type`: `simple`, `down_back`, `forward_up`, `right_turn_forward` or `left_turn_forward`.
    public var type: String
    /// `config`, only with `simple`.
    public var config: CameraConfig?

    /// A camera control.
    public init(type: String, config: CameraConfig? = nil) {
        self.type = type
        self.config = config
    }

    /// The documented `type` values (api.md, "image2video fields", `camera_control`).
    public static let types = ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"]
}

/// `camera_control.config`: one axis of a `simple` camera move, each in −10…10 (api.md).
public struct CameraConfig: Sendable, Hashable, Codable {
    /// Sideways move (negative: left).
    public var horizontal: Double?
    /// Vertical move (negative: down).
    public var vertical: Double?
    /// Rotation about the vertical axis.
    public var pan: Double?
    /// Rotation about the horizontal axis.
    public var tilt: Double?
    /// Rotation about the viewing axis.
    public var roll: Double?
    /// Zoom (negative: out).
    public var zoom: Double?

    /// A config; set exactly one axis.
    public init(
        horizontal: Double? = nil, vertical: Double? = nil, pan: Double? = nil, tilt: Double? = nil,
        roll: Double? = nil, zoom: Double? = nil
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.pan = pan
        self.tilt = tilt
        self.roll = roll
        self.zoom = zoom
    }

    /// The axis names, in the order of api.md.
    public static let axes = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"]

    /// The axes that are set, with their values, in ``axes`` order.
    var setAxes: [(name: String, value: Double)] {
        zip(Self.axes, [horizontal, vertical, pan, tilt, roll, zoom]).compactMap { name, value in
            value.map { (name, $0) }
        }
    }

    /// A config with `value` on the axis `name`; `nil` for an unknown axis name.
    public init?(axis name: String, value: Double) {
        self.init()
        guard Self.axes.contains(name) else { return nil }
        set(name, to: value)
    }

    /// Sets the axis `name` (one of ``axes``) to `value`; an unknown name changes nothing.
    mutating func set(_ name: String, to value: Double) {
        switch name {
        case "horizontal": horizontal = value
        case "vertical": vertical = value
        case "pan": pan = value
        case "tilt": tilt = value
        case "roll": roll = value
        case "zoom": zoom = value
        default: break
        }
    }
}

/// `watermark_info` of multi-image2video: `{"enabled": bool}` (api.md, "multi-image2video fields").
public struct WatermarkInfo: Sendable, Hashable, Codable {
    /// Whether the service adds its watermark.
    public var enabled: Bool

    /// Watermark on or off.
    public init(enabled: Bool) { self.enabled = enabled }
}
