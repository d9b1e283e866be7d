import KlingCheck

/// Area-average downscaling of RGBA8 to RGB8 (alpha composited over a background level).
///
/// Each output pixel is the mean of the source area it covers, with fractional weights at the
/// edges. Each source row is scaled across once, then added to the one or two output rows it
/// covers. Memory: one float accumulator per output sample.
enum Resampler {
    static func areaAverage(_ source: RGBAPixels, to target: PixelSize, background: Background = .white) -> RGBImage {
        let matte = background.level
        let targetWidth = max(1, min(target.width, source.width))
        let targetHeight = max(1, min(target.height, source.height))
        if targetWidth == source.width && targetHeight == source.height {
            return composited(source, matte: matte)
        }
        let horizontal = Footprints(from: source.width, to: targetWidth)
        let vertical = Footprints(from: source.height, to: targetHeight)
        // For each source row, the output rows it feeds and with what weight.
        var feeds = [[(row: Int, weight: Float)]](repeating: [], count: source.height)
        for output in 0..<targetHeight {
            for tap in vertical.range(of: output) {
                feeds[vertical.index[tap]].append((output, vertical.weight[tap]))
            }
        }
        var sums = [Float](repeating: 0, count: targetWidth * targetHeight * 3)
        var scaledRow = [Float](repeating: 0, count: targetWidth * 3)
        source.pixels.withUnsafeBufferPointer { pixels in
            horizontal.index.withUnsafeBufferPointer { columns in
                horizontal.weight.withUnsafeBufferPointer { weights in
                    horizontal.first.withUnsafeBufferPointer { first in
                        sums.withUnsafeMutableBufferPointer { sums in
                            scaledRow.withUnsafeMutableBufferPointer { scaledRow in
                                for sourceRow in 0..<source.height where !feeds[sourceRow].isEmpty {
                                    let sourceBase = sourceRow * source.width * 4
                                    for x in 0..<targetWidth {
                                        var red: Float = 0
                                        var green: Float = 0
                                        var blue: Float = 0
                                        for tap in first[x]..<first[x + 1] {
                                            let index = sourceBase + columns[tap] * 4
                                            let weight = weights[tap]
                                            let alphaByte = pixels[index + 3]
                                            if alphaByte == 255 {  // opaque: every JPEG pixel
                                                red += weight * Float(pixels[index])
                                                green += weight * Float(pixels[index + 1])
                                                blue += weight * Float(pixels[index + 2])
                                                continue
                                            }
                                            let alpha = Float(alphaByte) * (1 / 255)
                                            let white = (1 - alpha) * matte
                                            red += weight * (Float(pixels[index]) * alpha + white)
                                            green += weight * (Float(pixels[index + 1]) * alpha + white)
                                            blue += weight * (Float(pixels[index + 2]) * alpha + white)
                                        }
                                        scaledRow[3 * x] = red
                                        scaledRow[3 * x + 1] = green
                                        scaledRow[3 * x + 2] = blue
                                    }
                                    for (row, rowWeight) in feeds[sourceRow] {
                                        let rowBase = row * targetWidth * 3
                                        for index in 0..<targetWidth * 3 {
                                            sums[rowBase + index] += rowWeight * scaledRow[index]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let pixels = sums.map { UInt8(max(0, min(255, $0.rounded()))) }
        return RGBImage(width: targetWidth, height: targetHeight, pixels: pixels)
    }
}

extension Resampler {
    /// RGBA8 to RGB8 at the same size, alpha composited over `matte` (0…255) as
    /// ``areaAverage(_:to:background:)`` does with a weight of 1.
    static func composited(_ source: RGBAPixels, matte: Float) -> RGBImage {
        let count = source.width * source.height
        var pixels = [UInt8](repeating: 0, count: count * 3)
        source.pixels.withUnsafeBufferPointer { rgba in
            pixels.withUnsafeMutableBufferPointer { rgb in
                for index in 0..<count {
                    let alphaByte = rgba[4 * index + 3]
                    if alphaByte == 255 {
                        rgb[3 * index] = rgba[4 * index]
                        rgb[3 * index + 1] = rgba[4 * index + 1]
                        rgb[3 * index + 2] = rgba[4 * index + 2]
                        continue
                    }
                    let alpha = Float(alphaByte) * (1 / 255)
                    let white = (1 - alpha) * matte
                    for channel in 0..<3 {
                        let value = Float(rgba[4 * index + channel]) * alpha + white
                        rgb[3 * index + channel] = UInt8(max(0, min(255, value.rounded())))
                    }
                }
            }
        }
        return RGBImage(width: source.width, height: source.height, pixels: pixels)
    }
}

/// For each output index, the source indices its area covers and their weights (summing to 1),
/// flattened: output `i` uses taps `first[i]..<first[i + 1]`.
struct Footprints {
    private(set) var first: [Int] = [0]
    private(set) var index: [Int] = []
    private(set) var weight: [Float] = []

    init(from sourceCount: Int, to targetCount: Int) {
        let ratio = Double(sourceCount) / Double(targetCount)
        for output in 0..<targetCount {
            let start = Double(output) * ratio
            let end = Double(output + 1) * ratio
            var position = Int(start)
            while Double(position) < end, position < sourceCount {
                let overlap = min(end, Double(position + 1)) - max(start, Double(position))
                if overlap > 1e-9 {
                    index.append(position)
                    weight.append(Float(overlap / ratio))
                }
                position += 1
            }
            first.append(index.count)
        }
    }

    /// The taps of output index `output`.
    func range(of output: Int) -> Range<Int> { first[output]..<first[output + 1] }
}
