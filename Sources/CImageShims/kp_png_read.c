// PNG reading through libpng: verify (row by row) and decode to RGBA8.
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <png.h>
#include "kp_common.h"

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t position;
} kp_png_memory;

static void kp_png_on_error(png_structp png, png_const_charp message) {
    kp_result *result = (kp_result *)png_get_error_ptr(png);
    kp_copy_message(result->message, message);
    result->status = KP_ERROR_LIBRARY;
    png_longjmp(png, 1);
}

static void kp_png_on_warning(png_structp png, png_const_charp message) {
    // A chunk longer than the limit set in kp_png_read: an error, before libpng allocates it.
    if (strstr(message, "chunk data is too large") != NULL) kp_png_on_error(png, message);
    kp_result *result = (kp_result *)png_get_error_ptr(png);
    kp_add_warning(result, message);
}

static void kp_png_read_memory(png_structp png, png_bytep destination, size_t length) {
    kp_png_memory *memory = (kp_png_memory *)png_get_io_ptr(png);
    if (memory->size - memory->position < length) {
        png_error(png, "unexpected end of data (file truncated)");
    }
    memcpy(destination, memory->data + memory->position, length);
    memory->position += length;
}

static void kp_png_read_file(png_structp png, png_bytep destination, size_t length) {
    FILE *file = (FILE *)png_get_io_ptr(png);
    if (fread(destination, 1, length, file) != length) {
        png_error(png, ferror(file) ? "read error" : "unexpected end of file (file truncated)");
    }
}

/// Reads a whole PNG. With `decode` false, rows go into one reused buffer; with `decode` true and
/// `output` set, rows are expanded to RGBA8 into `output`; with `output` NULL only the header is read.
/// With `icc` set, only the header is read and its ICC profile (if any) is copied into `icc`.
/// With `row_step` above 1 (decode only; a non-interlaced image), only every `row_step`-th row
/// from the top is kept: row y * row_step goes to output row y, the others into a scratch row.
static void kp_png_read(kp_source source, uint64_t max_pixels, int decode, uint32_t row_step,
                        uint8_t *output, size_t capacity, kp_buffer *icc, kp_result *result) {
    kp_reset(result);
    FILE *volatile file = NULL;
    uint8_t *volatile row = NULL;
    kp_png_memory memory = {(const uint8_t *)source.data, source.size, 0};

    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, result, kp_png_on_error,
                                             kp_png_on_warning);
    if (png == NULL) {
        result->status = KP_ERROR_NO_MEMORY;
        return;
    }
    png_infop info = png_create_info_struct(png);
    png_infop end_info = png_create_info_struct(png);
    if (info == NULL || end_info == NULL) {
        result->status = KP_ERROR_NO_MEMORY;
        goto done;
    }
    if (setjmp(png_jmpbuf(png))) {
        if (result->status == KP_OK) result->status = KP_ERROR_LIBRARY;
        goto done;
    }
    if (source.fd >= 0) {
        file = kp_open_source(source.fd);
        if (file == NULL) {
            result->status = KP_ERROR_OPEN;
            kp_copy_message(result->message, strerror(errno));
            goto done;
        }
        png_set_read_fn(png, file, kp_png_read_file);
    } else {
        png_set_read_fn(png, &memory, kp_png_read_memory);
    }
    // libpng allocates a chunk's claimed length before reading it, only warning when it is above
    // its limit: a 57-byte file claiming a 1 GiB tEXt chunk made it allocate 1 GiB. The limit is
    // the input's size (no longer chunk can be read), at least libpng's suggested 8 MB (it also
    // bounds decompressed text and profiles); kp_png_on_warning makes that warning an error.
    png_alloc_size_t input_size = source.size;
    struct stat status;
    if (file != NULL && fstat(fileno(file), &status) == 0) input_size = (png_alloc_size_t)status.st_size;
    png_set_chunk_malloc_max(png, input_size > 8000000 ? input_size : 8000000);
    // A damaged ancillary chunk is damage too: stop, as for critical chunks.
    png_set_crc_action(png, PNG_CRC_DEFAULT, PNG_CRC_ERROR_QUIT);

    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    result->width = width;
    result->height = height;
    // Interlaced rows are assembled over seven passes in the output itself: every row is kept.
    if (row_step < 1 || png_get_interlace_type(png, info) != PNG_INTERLACE_NONE) row_step = 1;
    result->output_width = width;
    result->output_height = (height + row_step - 1) / row_step;
    result->precision = png_get_bit_depth(png, info);
    result->has_alpha = (png_get_color_type(png, info) & PNG_COLOR_MASK_ALPHA) != 0 ||
                        png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    if (kp_over_limit(width, height, max_pixels)) {
        result->status = KP_ERROR_TOO_LARGE;
        goto done;
    }
    if (icc != NULL) {
        png_charp name = NULL;
        int compression = 0;
        png_bytep profile = NULL;
        png_uint_32 length = 0;
        if (png_get_iCCP(png, info, &name, &compression, &profile, &length) != 0 && profile != NULL &&
            length > 0) {
            icc->bytes = (uint8_t *)malloc(length);
            if (icc->bytes == NULL) {
                result->status = KP_ERROR_NO_MEMORY;
                goto done;
            }
            memcpy(icc->bytes, profile, length);
            icc->size = length;
            icc->capacity = length;
        }
        goto done;
    }
    if (decode && output == NULL) goto done;  // header only

    if (decode) {
        png_set_expand(png);
        png_set_strip_16(png);
        png_set_gray_to_rgb(png);
        png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    }
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);

    if (decode) {
        if (row_bytes != (size_t)width * 4 || capacity / row_bytes < result->output_height) {
            result->status = KP_ERROR_BUFFER;
            goto done;
        }
        if (row_step > 1) {
            row = (uint8_t *)malloc(row_bytes);
            if (row == NULL) {
                result->status = KP_ERROR_NO_MEMORY;
                goto done;
            }
        }
        for (int pass = 0; pass < passes; pass++) {
            for (png_uint_32 y = 0; y < height; y++) {
                uint8_t *target = y % row_step == 0 ? output + (size_t)(y / row_step) * row_bytes : row;
                png_read_row(png, target, NULL);
            }
        }
    } else {
        row = (uint8_t *)malloc(row_bytes);
        if (row == NULL) {
            result->status = KP_ERROR_NO_MEMORY;
            goto done;
        }
        for (int pass = 0; pass < passes; pass++) {
            for (png_uint_32 y = 0; y < height; y++) {
                png_read_row(png, row, NULL);
            }
        }
    }
    // Read the chunks after the image data too: a file must end with IEND.
    png_read_end(png, end_info);

done:
    png_destroy_read_struct(&png, info ? &info : NULL, end_info ? &end_info : NULL);
    free(row);
    if (file != NULL) fclose(file);
}

void kp_png_verify(kp_source source, uint64_t max_pixels, kp_result *result) {
    kp_png_read(source, max_pixels, 0, 1, NULL, 0, NULL, result);
}

void kp_png_decode_rgba(kp_source source, uint64_t max_pixels, uint32_t row_step, uint8_t *output,
                        size_t capacity, kp_result *result) {
    kp_png_read(source, max_pixels, 1, row_step, output, capacity, NULL, result);
}

void kp_png_read_icc(kp_source source, uint64_t max_pixels, kp_buffer *output, kp_result *result) {
    output->bytes = NULL;
    output->size = 0;
    output->capacity = 0;
    kp_png_read(source, max_pixels, 1, 1, NULL, 0, output, result);
    if (result->status != KP_OK) kp_buffer_free(output);
}

const char *kp_libpng_version(void) { return png_get_libpng_ver(NULL); }
