extension RequestCode {
    // MARK: Images checked by the image module within a job

    /// A `url:` image that was not fetched (info; run with `--remote`).
    public static let imageRemoteUnchecked = "images.remote_unchecked"
    /// A `url:` image that could not be fetched with `--remote` (error).
    public static let imageRemoteUnreachable = "images.remote_unreachable"
    /// A `url:` image served with a Content-Type other than PNG or JPEG (warning).
    public static let imageRemoteContentType = "images.remote_content_type"
}
