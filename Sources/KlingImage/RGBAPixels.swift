/// RGBA8 pixels straight from a decoder (internal): `height` rows of `width` pixels from the
/// top-left, 4 bytes each, alpha not premultiplied (255 everywhere for JPEG).
struct RGBAPixels {
    var width: Int
    var height: Int
    var pixels: [UInt8]
    /// The file has an alpha channel or a PNG tRNS chunk.
    var hasAlpha: Bool
}
