public import KlingBrush
public import KlingCheck

extension RGBImage {
    /// Paints `runs` (from ``PixelRuns``) in one opaque colour.
    private mutating func paint(_ runs: [PixelRun], colour: RGBColour) {
        let width = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for run in runs {
                let base = run.row * width * 3
                for column in run.columns {
                    let i = base + column * 3
                    buffer[i] = colour.red
                    buffer[i + 1] = colour.green
                    buffer[i + 2] = colour.blue
                }
            }
        }
    }

    /// Alpha-blends `colour` over every inside pixel of `mask` (same size as the picture):
    /// result = (1 − opacity) · picture + opacity · colour, opacity in 0…1.
    public mutating func tint(_ mask: GrayMask, colour: RGBColour, opacity: Double = 0.45) {
        precondition(mask.width == width && mask.height == height, "mask \(mask.size) on picture \(size)")
        tint(MaskRuns(mask), colour: colour, opacity: opacity)
    }

    /// Alpha-blends `colour` over every inside pixel of `mask` (runs on the picture's grid):
    /// result = (1 − opacity) · picture + opacity · colour, opacity in 0…1.
    public mutating func tint(_ mask: MaskRuns, colour: RGBColour, opacity: Double = 0.45) {
        precondition(mask.width == width && mask.height == height, "mask \(mask.size) on picture \(size)")
        let alpha = Int((min(max(opacity, 0), 1) * 256).rounded())
        let keep = 256 - alpha
        let add = (Int(colour.red) * alpha, Int(colour.green) * alpha, Int(colour.blue) * alpha)
        let width = width
        pixels.withUnsafeMutableBufferPointer { rgb in
            for (y, runs) in mask.rows.enumerated() {
                for run in runs {
                    for index in (y * width + run.lowerBound)..<(y * width + run.upperBound) {
                        let i = index * 3
                        rgb[i] = UInt8((Int(rgb[i]) * keep + add.0) >> 8)
                        rgb[i + 1] = UInt8((Int(rgb[i + 1]) * keep + add.1) >> 8)
                        rgb[i + 2] = UInt8((Int(rgb[i + 2]) * keep + add.2) >> 8)
                    }
                }
            }
        }
    }

    /// Paints the border of `mask` (runs on the picture's grid), as the byte mask's `outline`
    /// does; the mask's bytes are made at the picture's size only.
    public mutating func outline(_ mask: MaskRuns, colour: RGBColour, thickness: Int = 2) {
        precondition(mask.width == width && mask.height == height, "mask \(mask.size) on picture \(size)")
        outline(mask.grayMask(), colour: colour, thickness: thickness)
    }

    /// Paints the border of `mask`: inside pixels with an outside 4-neighbour (the picture's
    /// edge counts as outside), grown to `thickness` pixels inwards.
    public mutating func outline(_ mask: GrayMask, colour: RGBColour, thickness: Int = 2) {
        precondition(mask.width == width && mask.height == height, "mask \(mask.size) on picture \(size)")
        guard let box = mask.whiteBounds else { return }
        let (width, height) = (width, height)
        var current = mask.pixels
        var next = current
        for _ in 0..<max(thickness, 1) {
            pixels.withUnsafeMutableBufferPointer { rgb in
                current.withUnsafeBufferPointer { m in
                    next.withUnsafeMutableBufferPointer { eroded in
                        for y in box.minY...box.maxY {
                            for x in box.minX...box.maxX {
                                let index = y * width + x
                                guard m[index] >= 128 else { continue }
                                let border =
                                    x == 0 || y == 0 || x == width - 1 || y == height - 1
                                    || m[index - 1] < 128 || m[index + 1] < 128
                                    || m[index - width] < 128 || m[index + width] < 128
                                guard border else { continue }
                                rgb[index * 3] = colour.red
                                rgb[index * 3 + 1] = colour.green
                                rgb[index * 3 + 2] = colour.blue
                                eroded[index] = 0
                            }
                        }
                    }
                }
            }
            current = next
        }
    }

    /// A polyline of `lineWidth` pixels through user-space points, round caps and joins, not
    /// anti-aliased.
    public mutating func polyline(_ points: [UserPoint], colour: RGBColour, lineWidth: Double = 3) {
        paint(PixelRuns.stroke(points, width: lineWidth, on: size), colour: colour)
    }

    /// A filled disc of `radius` pixels centred at a user-space point.
    public mutating func dot(at centre: UserPoint, radius: Double, colour: RGBColour) {
        paint(PixelRuns.disc(centre: centre, radius: radius, on: size), colour: colour)
    }

    /// A filled triangle with its tip at `tip`, pointing along the direction from `from` to
    /// `tip`, `length` pixels long and as wide.
    public mutating func arrowhead(from: UserPoint, tip: UserPoint, length: Double = 14, colour: RGBColour) {
        let dx = tip.x - from.x
        let dy = tip.y - from.y
        let distance = (dx * dx + dy * dy).squareRoot()
        guard distance > 0 else { return }
        let ux = dx / distance
        let uy = dy / distance
        let base = UserPoint(x: tip.x - length * ux, y: tip.y - length * uy)
        let half = length / 2
        let triangle = [
            tip, UserPoint(x: base.x - half * uy, y: base.y + half * ux),
            UserPoint(x: base.x + half * uy, y: base.y - half * ux),
        ]
        paint(PixelRuns.polygon(triangle, on: size), colour: colour)
    }

    /// A trajectory as people read it: the path as a line, a dot on every point, an arrowhead
    /// at the end and `label` (e.g. the group number) next to the start.
    public mutating func trajectory(
        _ trajectory: Trajectory, colour: RGBColour, lineWidth: Double = 3, label: String? = nil
    ) {
        let scale = max(1, min(width, height) / 400)
        polyline(trajectory.user, colour: colour, lineWidth: lineWidth * Double(scale))
        for point in trajectory.user {
            dot(at: point, radius: lineWidth * Double(scale), colour: colour)
        }
        if let last = trajectory.user.last,
            let before = trajectory.user.last(where: { $0 != last })
        {
            arrowhead(from: before, tip: last, length: 6 * lineWidth * Double(scale), colour: colour)
        }
        if let label, let first = trajectory.user.first {
            text(
                label, at: UserPoint(x: first.x + 4 * Double(scale), y: first.y + 4 * Double(scale)),
                scale: 2 * scale, colour: .white, background: colour)
        }
    }
}
