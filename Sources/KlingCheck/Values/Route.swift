/// A create route of the API (api.md, "Routes").
///
/// The route decides the body's shape: `image2video` takes one `image` (optionally an
/// `image_tail`), the motion brush and `camera_control`; `multi-image2video` takes an
/// `image_list` of 1–4 images, `aspect_ratio` and `watermark_info`. Paths per backend are the
/// submitter's business.
public enum Route: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// `POST …/videos/image2video`: one image, brushes, tail image, camera control.
    case image2video = "image2video"
    /// `POST …/videos/multi-image2video`: 1–4 reference images.
    case multiImage2video = "multi-image2video"

    /// The route's name as written in job files and on the command line.
    public var description: String { rawValue }

    /// The route a job or body takes when none is named: one image → `image2video`, more →
    /// `multi-image2video` (design.md, "Job file").
    public static func implied(imageCount: Int) -> Route {
        imageCount <= 1 ? .image2video : .multiImage2video
    }
}
