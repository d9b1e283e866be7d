import Foundation
public import KlingCheck

/// Lanczos-3 resampling of RGB8 pictures, as Pillow's `Image.resize(size, Image.LANCZOS)` does
/// it (libImaging/Resample.c): separable, horizontal pass first, then vertical; the filter's
/// support (3 pixels) is widened by the downscale factor so every source pixel counts; the
/// weights of each output pixel are normalised to 1 and held as 22-bit fixed point; each pass
/// rounds to 8 bits.
public enum Lanczos {
    /// The filter's half width, in source pixels at scale 1.
    static let support = 3.0
    /// Fixed-point bits of a weight (Pillow's `PRECISION_BITS`, 32 − 8 − 2).
    static let precisionBits = 22

    /// `image` resampled to `size` (each side ≥ 1); a side that does not change is copied.
    public static func resize(_ image: RGBImage, to size: PixelSize) -> RGBImage {
        precondition(size.width > 0 && size.height > 0, "Lanczos target \(size) must be at least 1x1")
        guard image.width > 0, image.height > 0 else { return RGBImage(size: size) }
        var picture = image
        if size.width != picture.width { picture = horizontal(picture, to: size.width) }
        if size.height != picture.height { picture = vertical(picture, to: size.height) }
        return picture
    }

    /// sinc(x) · sinc(x / 3) inside ±3, 0 outside.
    static func weight(_ x: Double) -> Double {
        guard x > -support && x < support else { return 0 }
        return sinc(x) * sinc(x / support)
    }

    static func sinc(_ x: Double) -> Double {
        guard x != 0 else { return 1 }
        let angle = x * Double.pi
        return sin(angle) / angle
    }

    /// For each output index, the first source index, the tap count and the fixed-point weights.
    struct Taps {
        var first: [Int] = []
        var count: [Int] = []
        var width = 0
        var weights: [Int] = []

        init(from sourceCount: Int, to targetCount: Int) {
            let scale = Double(sourceCount) / Double(targetCount)
            let filterScale = max(scale, 1)
            let reach = support * filterScale
            width = Int(reach.rounded(.up)) * 2 + 1
            weights = [Int](repeating: 0, count: targetCount * width)
            let one = Double(1 << precisionBits)
            var row = [Double](repeating: 0, count: width)
            for output in 0..<targetCount {
                let centre = (Double(output) + 0.5) * scale
                let low = max(0, Int(centre - reach + 0.5))
                let high = min(sourceCount, Int(centre + reach + 0.5))
                let taps = min(width, max(0, high - low))
                var total = 0.0
                for tap in 0..<taps {
                    let value = weight((Double(tap + low) - centre + 0.5) / filterScale)
                    row[tap] = value
                    total += value
                }
                for tap in 0..<taps {
                    let normalised = total != 0 ? row[tap] / total : row[tap]
                    // Round half away from zero, as Pillow's normalize_coeffs_8bpc.
                    weights[output * width + tap] =
                        normalised < 0 ? Int(-0.5 + normalised * one) : Int(0.5 + normalised * one)
                }
                first.append(low)
                count.append(taps)
            }
        }
    }

    /// An accumulated sum back to 8 bits (Pillow's `clip8`).
    @inline(__always)
    static func clip(_ sum: Int) -> UInt8 {
        let value = sum >> precisionBits
        return UInt8(clamping: value)
    }

    static func horizontal(_ image: RGBImage, to width: Int) -> RGBImage {
        let taps = Taps(from: image.width, to: width)
        let height = image.height
        var output = [UInt8](repeating: 0, count: width * height * 3)
        let half = 1 << (precisionBits - 1)
        image.pixels.withUnsafeBufferPointer { source in
            taps.weights.withUnsafeBufferPointer { weights in
                output.withUnsafeMutableBufferPointer { target in
                    for y in 0..<height {
                        let sourceRow = y * image.width * 3
                        let targetRow = y * width * 3
                        for x in 0..<width {
                            var red = half
                            var green = half
                            var blue = half
                            let base = x * taps.width
                            var index = sourceRow + taps.first[x] * 3
                            for tap in 0..<taps.count[x] {
                                let weight = weights[base + tap]
                                red += Int(source[index]) * weight
                                green += Int(source[index + 1]) * weight
                                blue += Int(source[index + 2]) * weight
                                index += 3
                            }
                            target[targetRow + x * 3] = clip(red)
                            target[targetRow + x * 3 + 1] = clip(green)
                            target[targetRow + x * 3 + 2] = clip(blue)
                        }
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: output)
    }

    static func vertical(_ image: RGBImage, to height: Int) -> RGBImage {
        let taps = Taps(from: image.height, to: height)
        let rowBytes = image.width * 3
        var output = [UInt8](repeating: 0, count: rowBytes * height)
        let half = 1 << (precisionBits - 1)
        var sums = [Int](repeating: 0, count: rowBytes)
        image.pixels.withUnsafeBufferPointer { source in
            taps.weights.withUnsafeBufferPointer { weights in
                output.withUnsafeMutableBufferPointer { target in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for y in 0..<height {
                            for index in 0..<rowBytes { sums[index] = half }
                            let base = y * taps.width
                            for tap in 0..<taps.count[y] {
                                let weight = weights[base + tap]
                                let sourceRow = (taps.first[y] + tap) * rowBytes
                                for index in 0..<rowBytes {
                                    sums[index] += Int(source[sourceRow + index]) * weight
                                }
                            }
                            let targetRow = y * rowBytes
                            for index in 0..<rowBytes { target[targetRow + index] = clip(sums[index]) }
                        }
                    }
                }
            }
        }
        return RGBImage(width: image.width, height: height, pixels: output)
    }
}
