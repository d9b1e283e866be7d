extension SchemaReader {
    /// `camera_control: {type: …, config: {AXIS: number}}` as written, in a job or a body; the
    /// field rules judge the values. `nil` (with a finding) when it cannot be read.
    mutating func cameraControl(_ node: SourceNode, at path: JobPath) -> CameraControl? {
        guard let fields = mapping(node, at: path, known: ["type", "config"]) else { return nil }
        guard let typeNode = fields["type"] else {
            missing(
                "type", in: path, line: node.line, column: node.column,
                expected: CameraControl.types.joined(separator: ", "))
            return nil
        }
        guard let type = string(typeNode, at: path.key("type")) else { return nil }
        var control = CameraControl(type: type)
        if let configNode = fields["config"],
            let config = mapping(configNode, at: path.key("config"), known: CameraConfig.axes)
        {
            var axes = CameraConfig()
            for (name, valueNode) in config {
                guard
                    let value = number(valueNode, at: path.key("config").key(name), expected: "a number from -10 to 10")
                else { continue }
                axes.set(name, to: value)
            }
            control.config = axes
        }
        return control
    }
}
