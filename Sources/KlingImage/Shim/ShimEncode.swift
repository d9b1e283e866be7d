internal import CImageShims

extension Shim {
    /// Encodes 8-bit pixels as PNG (`kp_png_encode`); the caller has checked the buffer's size
    /// against `width` × `height` × `channels`. `iccProfile` becomes the iCCP chunk.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libpng refuses.
    static func encodePNG(
        pixels: [UInt8], width: Int, height: Int, channels: Int, options: PNGEncodeOptions,
        iccProfile: [UInt8] = []
    ) throws(ImageError) -> [UInt8] {
        let cOptions = kp_png_encode_options(
            compression_level: Int32(options.compressionLevel), strategy: options.strategy.rawValue,
            filters: options.filters.rawValue, bit_depth: Int32(options.bitDepth))
        var buffer = kp_buffer()
        defer { kp_buffer_free(&buffer) }
        let outcome = pixels.withUnsafeBufferPointer { pixelPointer in
            iccProfile.withUnsafeBufferPointer { profile in
                run { result in
                    kp_png_encode(
                        pixelPointer.baseAddress, UInt32(width), UInt32(height), Int32(channels), cOptions,
                        profile.baseAddress, profile.count, &buffer, result)
                }
            }
        }
        guard outcome.status == KP_OK else {
            throw .encodeFailed(
                outcome.message.isEmpty ? "status \(outcome.status.rawValue)" : outcome.message)
        }
        return copy(buffer)
    }

    /// Encodes RGB8 pixels as a baseline or progressive JPEG of `quality` (`kp_jpeg_encode`);
    /// `iccProfile` becomes APP2 ICC_PROFILE segments.
    /// - Throws: ``ImageError/encodeFailed(_:)`` when libjpeg refuses.
    static func encodeJPEG(
        rgb: [UInt8], width: Int, height: Int, quality: Int, progressive: Bool, iccProfile: [UInt8] = []
    ) throws(ImageError) -> [UInt8] {
        var buffer = kp_buffer()
        defer { kp_buffer_free(&buffer) }
        let outcome = rgb.withUnsafeBufferPointer { pixels in
            iccProfile.withUnsafeBufferPointer { profile in
                run { result in
                    kp_jpeg_encode(
                        pixels.baseAddress, UInt32(width), UInt32(height), Int32(quality),
                        progressive ? 1 : 0, profile.baseAddress, profile.count, &buffer, result)
                }
            }
        }
        guard outcome.status == KP_OK else { throw .encodeFailed(outcome.message) }
        return copy(buffer)
    }

    /// The encoded bytes, copied out of the shim's buffer (which the caller frees).
    static func copy(_ buffer: kp_buffer) -> [UInt8] {
        guard let bytes = buffer.bytes else { return [] }
        precondition(buffer.size <= buffer.capacity, "the shim reported more bytes than its buffer holds")
        return Array(UnsafeBufferPointer(start: bytes, count: buffer.size))
    }
}
