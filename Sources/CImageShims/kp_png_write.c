// PNG encoding through libpng into a growing memory buffer.
#include <setjmp.h>
#include <stdlib.h>
#include <png.h>
#include <zlib.h>
#include "kp_common.h"

static void kp_png_write_error(png_structp png, png_const_charp message) {
    kp_result *result = (kp_result *)png_get_error_ptr(png);
    kp_copy_message(result->message, message);
    result->status = KP_ERROR_LIBRARY;
    png_longjmp(png, 1);
}

static void kp_png_write_warning(png_structp png, png_const_charp message) {
    kp_add_warning((kp_result *)png_get_error_ptr(png), message);
}

static void kp_png_write_memory(png_structp png, png_bytep data, size_t length) {
    kp_buffer *buffer = (kp_buffer *)png_get_io_ptr(png);
    if (buffer->capacity - buffer->size < length) {
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity - buffer->size < length) capacity *= 2;
        uint8_t *grown = (uint8_t *)realloc(buffer->bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory while encoding PNG");
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->size, data, length);
    buffer->size += length;
}

static void kp_png_flush(png_structp png) { (void)png; }

void kp_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                   kp_png_encode_options options, const uint8_t *icc, size_t icc_size,
                   kp_buffer *output, kp_result *result) {
    kp_reset(result);
    output->bytes = NULL;
    output->size = 0;
    output->capacity = 0;
    uint8_t *volatile packed = NULL;
    int color_type;
    switch (channels) {
    case 1: color_type = PNG_COLOR_TYPE_GRAY; break;
    case 2: color_type = PNG_COLOR_TYPE_GRAY_ALPHA; break;
    case 3: color_type = PNG_COLOR_TYPE_RGB; break;
    case 4: color_type = PNG_COLOR_TYPE_RGB_ALPHA; break;
    default:
        result->status = KP_ERROR_UNSUPPORTED;
        kp_copy_message(result->message, "channels must be 1, 2, 3 or 4");
        return;
    }
    int bit_depth = options.bit_depth;
    if (bit_depth != 8 && !(bit_depth == 1 && channels == 1)) {
        result->status = KP_ERROR_UNSUPPORTED;
        kp_copy_message(result->message, "bit depth must be 8, or 1 for gray");
        return;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, result, kp_png_write_error,
                                              kp_png_write_warning);
    if (png == NULL) {
        result->status = KP_ERROR_NO_MEMORY;
        return;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        result->status = KP_ERROR_NO_MEMORY;
        goto done;
    }
    if (setjmp(png_jmpbuf(png))) {
        if (result->status == KP_OK) result->status = KP_ERROR_LIBRARY;
        goto done;
    }
    png_set_write_fn(png, output, kp_png_write_memory, kp_png_flush);
    png_set_compression_level(png, options.compression_level);
    int strategy = Z_DEFAULT_STRATEGY;
    switch (options.strategy) {
    case 1: strategy = Z_FILTERED; break;
    case 2: strategy = Z_HUFFMAN_ONLY; break;
    case 3: strategy = Z_RLE; break;
    case 4: strategy = Z_FIXED; break;
    default: break;
    }
    png_set_compression_strategy(png, strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, options.filters);
    png_set_IHDR(png, info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    if (icc != NULL && icc_size > 0 && icc_size <= 0xFFFFFFFFu) {
        // A profile libpng finds wrong for the image is dropped with a warning, not an error.
        png_set_benign_errors(png, 1);
        png_set_iCCP(png, info, "ICC profile", PNG_COMPRESSION_TYPE_BASE, (png_const_bytep)icc,
                     (png_uint_32)icc_size);
    }
    png_write_info(png, info);
    size_t stride = (size_t)width * (size_t)channels;
    if (bit_depth == 1) {
        size_t packed_bytes = ((size_t)width + 7) / 8;
        packed = (uint8_t *)malloc(packed_bytes);
        if (packed == NULL) png_error(png, "out of memory while packing a 1-bit row");
        for (uint32_t y = 0; y < height; y++) {
            const uint8_t *source = pixels + (size_t)y * stride;
            memset(packed, 0, packed_bytes);
            for (uint32_t x = 0; x < width; x++) {
                if (source[x] >= 128) packed[x >> 3] |= (uint8_t)(0x80 >> (x & 7));
            }
            png_write_row(png, packed);
        }
    } else {
        for (uint32_t y = 0; y < height; y++) {
            png_write_row(png, pixels + (size_t)y * stride);
        }
    }
    png_write_end(png, info);

done:
    png_destroy_write_struct(&png, info ? &info : NULL);
    free(packed);
    if (result->status != KP_OK) kp_buffer_free(output);
}

void kp_buffer_free(kp_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}
