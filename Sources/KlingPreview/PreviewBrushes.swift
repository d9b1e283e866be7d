import KlingBrush
import KlingCheck

/// The brushes drawn over the reference picture.
enum PreviewBrushes {
    /// Group `number`'s colour (1-based), from ``RGBColour/groupPalette``.
    static func colour(ofGroup number: Int) -> RGBColour {
        RGBColour.groupPalette[(number - 1) % RGBColour.groupPalette.count]
    }

    /// The static area and each group's area tinted and outlined, then every trajectory,
    /// scaled from the reference grid (`brushes.size`) to the picture. Areas are scaled as runs
    /// (``MaskRuns/covering(_:)``: a preview pixel is inside when any pixel it covers is, so a
    /// thin area stays visible): no mask is made at the reference size.
    static func draw(_ brushes: BuiltBrushSet, on canvas: inout RGBImage) {
        let scaleX = Double(canvas.width) / Double(brushes.size.width)
        let scaleY = Double(canvas.height) / Double(brushes.size.height)
        let size = canvas.size
        let thickness = max(2, canvas.width / 500)
        let halo = PreviewRenderer.halo
        if let mask = brushes.staticMask {
            let scaled = mask.covering(size)
            canvas.tint(scaled, colour: .staticArea, opacity: 0.40)
            canvas.outline(scaled, colour: halo, thickness: thickness + 2)
            canvas.outline(scaled, colour: .staticArea, thickness: thickness)
        }
        for group in brushes.groups {
            guard let mask = group.mask else { continue }
            let scaled = mask.covering(size)
            let colour = colour(ofGroup: group.number)
            canvas.tint(scaled, colour: colour, opacity: 0.40)
            canvas.outline(scaled, colour: halo, thickness: thickness + 2)
            canvas.outline(scaled, colour: colour, thickness: thickness)
        }
        for group in brushes.groups {
            guard let trajectory = group.trajectory else { continue }
            let points = trajectory.user.map { UserPoint(x: $0.x * scaleX, y: $0.y * scaleY) }
            let scaled = Trajectory(user: points, size: size)
            let lineScale = Double(max(1, min(canvas.width, canvas.height) / 400))
            canvas.polyline(points, colour: halo, lineWidth: 3 * lineScale + 4)
            if let last = points.last { canvas.dot(at: last, radius: 3 * lineScale + 3, colour: halo) }
            canvas.trajectory(scaled, colour: colour(ofGroup: group.number), lineWidth: 3, label: "\(group.number)")
        }
    }
}
