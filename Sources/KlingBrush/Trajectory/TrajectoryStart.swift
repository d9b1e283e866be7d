public import KlingCheck

/// Where a trajectory starts relative to its own mask: the fact behind "a path should start
/// inside its own area" (design.md, "Checks"). It works on API points, so a job's trajectory and
/// a raw body's `dynamic_masks[i].trajectories` are measured alike.
public struct TrajectoryStart: Sendable, Hashable {
    /// The first point as sent: integer pixels of the input image, bottom-left origin.
    public let point: APIPoint
    /// The grid `point` belongs to: the input image's size in pixels.
    public let imageSize: PixelSize
    /// True when the pixel `point` names lies inside the mask (value ≥ 128).
    public let isInside: Bool
    /// True when the same pixel mirrored top to bottom (row `r` read as `H − 1 − r`) lies inside
    /// the mask: the start would be inside had the y axis been counted from the other edge.
    public let mirroredIsInside: Bool
    /// The smallest box holding the mask's inside pixels, in the **mask's** pixels (top-left
    /// origin); `nil` when the mask is empty.
    public let maskBounds: PixelBox?

    /// Measures the start `point` (API space of an `imageSize` grid) against `mask`.
    ///
    /// When the mask has another size than the image (a raw body may carry one), the pixel's
    /// centre is scaled onto the mask's grid: column `floor((x + ½) · w_mask / W)` and row
    /// `floor((H − 1 − y + ½) · h_mask / H)` from the top. A point off the image grid is never
    /// inside.
    ///
    /// - Parameters:
    ///   - point: the trajectory's first point, API space (bottom-left origin, integer pixels).
    ///   - mask: the group's mask plane, rows from the top, ≥ 128 = inside.
    ///   - imageSize: the input image's size, the grid of `point`.
    public init(point: APIPoint, mask: GrayMask, imageSize: PixelSize) {
        self.init(point: point, maskSize: mask.size, bounds: mask.whiteBounds, imageSize: imageSize) {
            mask.isInside(x: $0, y: $1)
        }
    }

    /// Measures the start `point` against a mask held as runs (a drawn area), exactly as
    /// ``init(point:mask:imageSize:)`` does on its bytes.
    public init(point: APIPoint, mask: MaskRuns, imageSize: PixelSize) {
        self.init(point: point, maskSize: mask.size, bounds: mask.whiteBounds, imageSize: imageSize) {
            mask.isInside(x: $0, y: $1)
        }
    }

    private init(
        point: APIPoint, maskSize: PixelSize, bounds: PixelBox?, imageSize: PixelSize,
        isInside: (Int, Int) -> Bool
    ) {
        precondition(imageSize.isDrawable, "cannot place points on a \(imageSize) grid")
        self.point = point
        self.imageSize = imageSize
        let rowFromTop = imageSize.height - 1 - point.y
        self.isInside = Self.inside(
            column: point.x, rowFromTop: rowFromTop, maskSize: maskSize, imageSize: imageSize, isInside)
        mirroredIsInside = Self.inside(
            column: point.x, rowFromTop: point.y, maskSize: maskSize, imageSize: imageSize, isInside)
        maskBounds = bounds
    }

    /// The user-space centre of the start's pixel (pixels, top-left origin).
    public var userCentre: UserPoint { Coordinates.userCentre(of: point, in: imageSize) }

    private static func inside(
        column: Int, rowFromTop: Int, maskSize: PixelSize, imageSize: PixelSize, _ isInside: (Int, Int) -> Bool
    ) -> Bool {
        guard column >= 0, column < imageSize.width, rowFromTop >= 0, rowFromTop < imageSize.height else {
            return false
        }
        if maskSize == imageSize { return isInside(column, rowFromTop) }
        let x = Int(((Double(column) + 0.5) * Double(maskSize.width) / Double(imageSize.width)).rounded(.down))
        let y = Int(((Double(rowFromTop) + 0.5) * Double(maskSize.height) / Double(imageSize.height)).rounded(.down))
        return isInside(x, y)
    }
}

extension Trajectory {
    /// Where this trajectory starts relative to `mask` (drawn on the same grid), or `nil` for a
    /// trajectory without points.
    public func start(in mask: GrayMask) -> TrajectoryStart? {
        guard let first = api.first else { return nil }
        return TrajectoryStart(point: first, mask: mask, imageSize: size)
    }

    /// Where this trajectory starts relative to `mask` (runs drawn on the same grid), or `nil`
    /// for a trajectory without points.
    public func start(in mask: MaskRuns) -> TrajectoryStart? {
        guard let first = api.first else { return nil }
        return TrajectoryStart(point: first, mask: mask, imageSize: size)
    }
}
