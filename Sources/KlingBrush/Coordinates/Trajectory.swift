public import KlingCheck

/// A brush's trajectory in both spaces, point for point: ``user`` (what the description said,
/// in pixels, top-left origin) and ``api`` (what is sent: integer pixels, bottom-left origin).
public struct Trajectory: Sendable, Hashable {
    /// The grid the points were placed on (the reference image's size).
    public let size: PixelSize
    /// The resampled points in user space, pixels, top-left origin, y down.
    public let user: [UserPoint]
    /// The same points on the API's grid, bottom-left origin; `api[i]` comes from `user[i]`.
    public let api: [APIPoint]
    /// Zero-based indices of the points that lie outside the image (clamped onto its edge in
    /// ``api``); non-empty means the trajectory is in error.
    public let outsideIndices: [Int]

    /// Converts every user point with ``Coordinates/api(from:in:)``.
    public init(user: [UserPoint], size: PixelSize) {
        var api: [APIPoint] = []
        var outside: [Int] = []
        api.reserveCapacity(user.count)
        for (index, point) in user.enumerated() {
            let converted = Coordinates.api(from: point, in: size)
            api.append(converted.point)
            if converted.isOutsideImage { outside.append(index) }
        }
        self.size = size
        self.user = user
        self.api = api
        self.outsideIndices = outside
    }

    /// The API's JSON for this trajectory: `[{"x":…,"y":…}, …]` with no spaces.
    public var apiJSON: String {
        "[" + api.map(\.json).joined(separator: ",") + "]"
    }
}
