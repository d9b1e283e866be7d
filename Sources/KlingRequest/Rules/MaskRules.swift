public import KlingCheck
public import KlingImage

/// The rules on a mask picture's content and size, for masks a raw body carries and for
/// `image PATH` areas of a job (api.md, "Brush rules": only **white** is painted; a mask of
/// another aspect ratio fails the task; all masks share one resolution; [C-mi-old] wants the
/// image's resolution).
public enum MaskRules {
    /// A mask with no white pixel brushes nothing.
    public static let noWhite = Rule(
        "brushes.mask_no_white", .error,
        fact: "a mask has white (255) pixels: only white is painted; grey, colour and transparency mean nothing.",
        source: "[K]", fix: "Paint the area pure white (255) on black; klingprep build draws such masks.")
    /// Grey or coloured pixels: the service reads only white.
    public static let notBinary = Rule(
        "brushes.mask_not_binary", .warning,
        fact: "a mask is black and white: grey and coloured pixels are not painted.", source: "[K]",
        fix: "Save the mask as pure black (0) and white (255), without anti-aliasing or colour.")
    /// A shape held only in the alpha channel.
    public static let shapeInAlpha = Rule(
        "brushes.mask_shape_in_alpha", .warning,
        fact: "a mask's shape is in its colours: the service reads white pixels, not transparency.", source: "[K]",
        fix: "Flatten the mask: the shape white (255), the rest black, no alpha.")
    /// A photo with transparent pixels used as an `image PATH` mask.
    public static let transparentPhoto = Rule(
        "brushes.mask_transparent_photo", .warning,
        fact:
            "an image PATH mask is black and white, or a flat colour with the shape in alpha; a picture with both colour detail and transparency is ambiguous.",
        source: "design.md", fix: "Save a black-and-white mask of the area instead.")
    /// Masks of different resolutions in one body.
    public static let resolutionMismatch = Rule(
        "brushes.mask_resolution_mismatch", .error,
        fact: "the static mask and every dynamic mask have the same resolution.", source: "[K]",
        fix: "Draw every mask at the input image's size (klingprep build does).")
    /// A mask whose aspect ratio differs from the image's.
    public static let aspectMismatch = Rule(
        "brushes.mask_aspect_mismatch", .error,
        fact: "a mask has the input image's aspect ratio; another fails the task.",
        source: "[K]", fix: "Draw the masks at the input image's exact pixel size.")
    /// A mask of the image's aspect ratio but another size.
    public static let sizeMismatch = Rule(
        "brushes.mask_size_mismatch", .warning,
        fact:
            "a mask has the input image's resolution (the older CometAPI page's rule; Kling asks only for its aspect ratio).",
        source: "[C-mi-old]", fix: "Draw the masks at the input image's exact pixel size.")
    /// A mask given as a URL that was not fetched.
    public static let remoteUnchecked = Rule(
        "brushes.mask_remote_unchecked", .info,
        fact:
            "a mask given as a URL is not fetched, so its content, size and the trajectory's start in it are not checked.",
        source: "KlingPrep", fix: "Give the mask inline (base64), or check it yourself.")
    /// An image given as a URL in a raw body: what could not be checked.
    public static let imageRemoteUnchecked = Rule(
        "images.body_remote_unchecked", .info,
        fact:
            "an input image given as a URL is not fetched by validate of a raw body, so its size, format and the masks' and trajectories' grid are not checked.",
        source: "KlingPrep", fix: "Give the image inline (base64) to have it checked.")

    /// Every rule of this file, in the order `klingprep rules` lists them.
    public static let rules: [Rule] = [
        noWhite, notBinary, shapeInAlpha, transparentPhoto, resolutionMismatch, aspectMismatch, sizeMismatch,
        remoteUnchecked, imageRemoteUnchecked,
    ]

    /// Findings on what a mask picture holds, as the service reads it (white only): none, no
    /// white pixel (error), grey or colour (warning with counts), the shape only in alpha.
    /// `what` names the mask in messages ("static_mask", "dynamic_masks[1].mask").
    public static func content(_ picture: MaskPicture, what: String, at path: String?, in context: RuleContext)
        -> [Finding]
    {
        let counts = picture.counts
        var findings: [Finding] = []
        if counts.white == 0 {
            let seen =
                picture.shapeOnlyInAlpha
                ? "its shape is only in the alpha channel (\(Digits.grouped(counts.translucent)) translucent pixels over one colour)"
                : "its brightest pixel is \(picture.colourMax.max() ?? 0) of 255 (\(Digits.grouped(counts.grey)) grey, \(Digits.grouped(counts.coloured)) coloured, \(Digits.grouped(counts.translucent)) translucent pixels)"
            findings += [
                noWhite.finding(
                    "\(what) has no white (255) pixel, so it brushes nothing: \(seen).", at: path, in: context)
            ].compactMap { $0 }
            return findings
        }
        if picture.shapeOnlyInAlpha {
            findings += [
                shapeInAlpha.finding(
                    "\(what) holds its shape in the alpha channel (\(Digits.grouped(counts.translucent)) translucent pixels); the service reads only the \(Digits.grouped(counts.white)) opaque white pixels.",
                    at: path, in: context)
            ].compactMap { $0 }
        } else if counts.grey + counts.coloured + counts.translucent > 0 {
            findings += [
                notBinary.finding(
                    "\(what) has \(Digits.grouped(counts.grey)) grey, \(Digits.grouped(counts.coloured)) coloured and \(Digits.grouped(counts.translucent)) translucent pixels besides \(Digits.grouped(counts.white)) white ones; the cut is at exactly white (255): only those \(Digits.grouped(counts.white)) pixels are painted.",
                    at: path, in: context)
            ].compactMap { $0 }
        }
        return findings
    }

    /// The mask's size against the input image's: another aspect ratio is an error, the same
    /// aspect at another resolution a warning citing the older page.
    public static func size(
        _ mask: PixelSize, image: PixelSize, what: String, at path: String?, in context: RuleContext
    ) -> Finding? {
        guard mask != image else { return nil }
        if mask.width * image.height == mask.height * image.width {
            return sizeMismatch.finding(
                "\(what) is \(mask) and the input image \(image): the same aspect ratio at another resolution.",
                at: path, in: context)
        }
        return aspectMismatch.finding(
            "\(what) is \(mask) but the input image is \(image): a mask of another aspect ratio fails the task.",
            at: path, in: context)
    }
}
