extension RequestCode {
    // MARK: Images checked by the image module within a job

    /// A `url:` image that was not fetched (info; run with `--remote`).
    public static let imageRemoteUnchecked = "image.remote_unchecked"
    /// A `url:` image that could not be fetched with `--remote` (error).
    public static let imageRemoteUnreachable = "image.remote_unreachable"
    /// A `url:` image served with a Content-Type other than PNG or JPEG (warning).
    public static let imageRemoteContentType = "image.remote_content_type"
    /// Another image has a different aspect ratio from the reference image the masks are drawn
    /// on (warning; design.md, "Checks").
    public static let imagesAspectMismatch = "images.aspect_mismatch"
}

extension RequestCode {
    // MARK: Masks inside a raw body

    /// Masks of different resolutions in one body (error; api.md, "Brush rules in more detail").
    public static let maskResolutionMismatch = "mask.resolution_mismatch"
    /// A mask of the reference image's aspect ratio but another resolution (warning).
    public static let maskSizeMismatch = "mask.size_mismatch"
    /// A mask whose aspect ratio differs from the image's (error: the task fails).
    public static let maskAspectMismatch = "mask.aspect_mismatch"
    /// A trajectory point off the mask's pixel grid (error).
    public static let trajectoryPointOutside = "trajectory.point_outside"
}
