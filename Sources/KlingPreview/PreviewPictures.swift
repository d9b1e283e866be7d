import Foundation
import KlingCheck
import KlingImage
import KlingRequest
import Synchronization

/// The pictures a preview is drawn from, decoded at the size they are shown.
enum PreviewPictures {
    /// The reference picture (fitting ``PreviewRenderer/maximumSide``) and the thumbnails of
    /// the others, decoded in parallel (decoding is most of a preview's time). A `url:` image
    /// has no picture (`nil`).
    static func decode(_ report: JobReport, reference: Int, limits: DecodeLimits)
        -> [Int: Result<RGBImage?, PreviewError>]
    {
        let indices = report.job.images.indices
        let others = indices.filter { $0 != reference }
        let maximumSide = PreviewRenderer.maximumSide
        let gap = PreviewRenderer.thumbnailGap
        // The main picture's width, from the header, sets the thumbnails' slots.
        var mainWidth = maximumSide
        if let info = report.images.first(where: { $0.index == reference })?.info, info.width > 0, info.height > 0 {
            mainWidth =
                ImageDecoder.shownSize(of: info, fitting: PixelSize(width: maximumSide, height: maximumSide)).width
        }
        let slot = others.isEmpty ? 0 : max(40, (mainWidth - gap * (others.count + 1)) / others.count)
        let order = [reference] + others
        let results = Mutex<[Int: Result<RGBImage?, PreviewError>]>([:])
        DispatchQueue.concurrentPerform(iterations: order.count) { position in
            let index = order[position]
            let box =
                index == reference
                ? PixelSize(width: maximumSide, height: maximumSide)
                : PixelSize(width: slot, height: PreviewRenderer.thumbnailHeight)
            let result = Result { () throws(PreviewError) -> RGBImage? in
                try picture(of: report, index: index, fitting: box, limits: limits)
            }
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }
    }

    /// The image at `index` decoded to fit `box` (stored grid; the fixed copy when `fix:`
    /// changed it), at a JPEG's DCT-scaled size when one is close enough
    /// (``ImageDecoder/shownSize(of:fitting:)``: decoded reduced, never resampled), or `nil` for
    /// a URL.
    static func picture(of report: JobReport, index: Int, fitting box: PixelSize, limits: DecodeLimits)
        throws(PreviewError) -> RGBImage?
    {
        guard report.job.images.indices.contains(index) else { return nil }
        let decoded: RGBImage
        do {
            if let fixed = report.fixed[index] {
                // The body carries the fixed copy: show it.
                decoded = try ImageDecoder.decodeScaled(
                    bytes: fixed.bytes, fitting: box, limits: limits, snapToDCTScale: true)
            } else {
                switch report.job.images[index] {
                case .file(let path):
                    decoded = try ImageDecoder.decodeScaled(
                        path: path, fitting: box, limits: limits, snapToDCTScale: true)
                case .base64(let text):
                    guard let data = InlineBase64.decode(text) else { return nil }
                    decoded = try ImageDecoder.decodeScaled(
                        bytes: [UInt8](data), fitting: box, limits: limits, snapToDCTScale: true)
                case .url:
                    return nil
                }
            }
        } catch {
            throw .undecodable(imagePath: "images[\(index)]", reason: error.description)
        }
        return RGBImage(width: decoded.width, height: decoded.height, pixels: decoded.pixels)
    }
}
