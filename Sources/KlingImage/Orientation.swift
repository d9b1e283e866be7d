import KlingCheck

/// Applies an EXIF orientation (1–8) so the picture appears upright (EXIF 2.32, tag 0x0112).
enum Orientation {
    static func apply(_ orientation: Int, to image: RGBImage) -> RGBImage {
        guard (2...8).contains(orientation) else { return image }
        let width = image.width
        let height = image.height
        let swaps = orientation >= 5
        let outWidth = swaps ? height : width
        let outHeight = swaps ? width : height
        var output = [UInt8](repeating: 0, count: image.pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                // Where the stored pixel (x, y) lands in the upright picture.
                let (targetX, targetY): (Int, Int)
                switch orientation {
                case 2: (targetX, targetY) = (width - 1 - x, y)
                case 3: (targetX, targetY) = (width - 1 - x, height - 1 - y)
                case 4: (targetX, targetY) = (x, height - 1 - y)
                case 5: (targetX, targetY) = (y, x)
                case 6: (targetX, targetY) = (height - 1 - y, x)
                case 7: (targetX, targetY) = (height - 1 - y, width - 1 - x)
                default: (targetX, targetY) = (y, width - 1 - x)  // 8
                }
                let from = (y * width + x) * 3
                let to = (targetY * outWidth + targetX) * 3
                output[to] = image.pixels[from]
                output[to + 1] = image.pixels[from + 1]
                output[to + 2] = image.pixels[from + 2]
            }
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: output)
    }
}
