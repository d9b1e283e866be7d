// JPEG reading through libjpeg(-turbo): verify (scanline by scanline) and scaled decode to RGBA8.
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>
#include <jerror.h>
#include "kp_common.h"

/// More scans than any sane progressive JPEG has; beyond it a crafted file could take minutes.
#define KP_MAX_SCANS 1000

typedef struct {
    struct jpeg_error_mgr manager;  // must be first: libjpeg passes a pointer to it
    jmp_buf jump;
    kp_result *result;
} kp_jpeg_error;

typedef struct {
    struct jpeg_progress_mgr manager;  // must be first
    kp_jpeg_error *error;
} kp_jpeg_progress;

static void kp_jpeg_error_exit(j_common_ptr cinfo) {
    kp_jpeg_error *error = (kp_jpeg_error *)cinfo->err;
    char message[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, message);
    kp_copy_message(error->result->message, message);
    error->result->status = KP_ERROR_LIBRARY;
    longjmp(error->jump, 1);
}

static void kp_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;  // trace messages are not wanted
    kp_jpeg_error *error = (kp_jpeg_error *)cinfo->err;
    kp_result *result = error->result;
    cinfo->err->num_warnings++;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) result->truncated = 1;
    // The entropy decoder met a marker (the end of the image, the next scan, a restart
    // marker) before a scan had all its data: the decoder fills the rest with zeros.
    if (cinfo->err->msg_code == JWRN_HIT_MARKER) result->cut_scan_warnings += 1;
    if (result->kept_warnings < KP_KEPT_WARNINGS) {
        char message[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, message);
        kp_add_warning(result, message);
    } else {
        result->warning_count += 1;
    }
}

static void kp_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void kp_jpeg_progress_monitor(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    j_decompress_ptr decompress = (j_decompress_ptr)cinfo;
    if (decompress->input_scan_number > KP_MAX_SCANS) {
        kp_jpeg_error *error = (kp_jpeg_error *)cinfo->err;
        snprintf(error->result->message, KP_MESSAGE_LENGTH,
                 "more than %d scans in a progressive JPEG", KP_MAX_SCANS);
        error->result->status = KP_ERROR_LIBRARY;
        longjmp(error->jump, 1);
    }
}

/// Converts one row of Adobe (inverted) CMYK to RGBA.
static void kp_cmyk_to_rgba(const JSAMPLE *cmyk, uint8_t *rgba, JDIMENSION width) {
    for (JDIMENSION x = 0; x < width; x++) {
        unsigned int k = cmyk[4 * x + 3];
        rgba[4 * x + 0] = (uint8_t)((cmyk[4 * x + 0] * k + 127) / 255);
        rgba[4 * x + 1] = (uint8_t)((cmyk[4 * x + 1] * k + 127) / 255);
        rgba[4 * x + 2] = (uint8_t)((cmyk[4 * x + 2] * k + 127) / 255);
        rgba[4 * x + 3] = 255;
    }
}

/// Reads a whole JPEG. With `decode` false, scanlines go into one reused buffer; with `decode`
/// true, RGBA8 goes to `output` (or, when it is NULL, only the output dimensions are computed).
/// With `icc` set, only the header is read and its ICC profile (if any) is copied into `icc`.
static void kp_jpeg_read(kp_source source, uint64_t max_pixels, int decode,
                         unsigned int scale_denominator, uint8_t *output, size_t capacity,
                         kp_buffer *icc, kp_result *result) {
    kp_reset(result);
    struct jpeg_decompress_struct cinfo;
    kp_jpeg_error error;
    kp_jpeg_progress progress;
    FILE *volatile file = NULL;
    JSAMPLE *volatile row = NULL;
    volatile int created = 0;

    cinfo.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = kp_jpeg_error_exit;
    error.manager.emit_message = kp_jpeg_emit_message;
    error.manager.output_message = kp_jpeg_output_message;
    error.result = result;
    if (setjmp(error.jump)) {
        if (result->status == KP_OK) result->status = KP_ERROR_LIBRARY;
        goto done;
    }
    jpeg_create_decompress(&cinfo);
    created = 1;
    progress.manager.progress_monitor = kp_jpeg_progress_monitor;
    progress.error = &error;
    cinfo.progress = &progress.manager;

    if (source.fd >= 0) {
        file = kp_open_source(source.fd);
        if (file == NULL) {
            result->status = KP_ERROR_OPEN;
            kp_copy_message(result->message, strerror(errno));
            goto done;
        }
        jpeg_stdio_src(&cinfo, file);
    } else {
        jpeg_mem_src(&cinfo, (const unsigned char *)source.data, (unsigned long)source.size);
    }
    if (icc != NULL) jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    result->width = cinfo.image_width;
    result->height = cinfo.image_height;
    result->precision = cinfo.data_precision;
    if (kp_over_limit(cinfo.image_width, cinfo.image_height, max_pixels)) {
        result->status = KP_ERROR_TOO_LARGE;
        goto done;
    }
    if (icc != NULL) {
        JOCTET *profile = NULL;
        unsigned int length = 0;
        // libjpeg-turbo allocates the profile with malloc; it becomes the caller's buffer.
        if (jpeg_read_icc_profile(&cinfo, &profile, &length) && profile != NULL) {
            icc->bytes = profile;
            icc->size = length;
            icc->capacity = length;
        }
        goto done;
    }
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (decode) {
        cinfo.scale_num = 1;
        cinfo.scale_denom = scale_denominator;
        cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
        jpeg_calc_output_dimensions(&cinfo);
        result->output_width = cinfo.output_width;
        result->output_height = cinfo.output_height;
        if (output == NULL) goto done;
        if (capacity / 4 / cinfo.output_width < cinfo.output_height) {
            result->status = KP_ERROR_BUFFER;
            goto done;
        }
    }
    if (!decode) {
        // Verifying needs every coefficient entropy-decoded, not pretty pixels: skip colour
        // conversion, use the fast integer IDCT and plain upsampling.
        cinfo.out_color_space = cinfo.jpeg_color_space;
        cinfo.dct_method = JDCT_IFAST;
        cinfo.do_fancy_upsampling = FALSE;
    }
    jpeg_start_decompress(&cinfo);
    result->output_width = cinfo.output_width;
    result->output_height = cinfo.output_height;
    size_t row_bytes = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    if (!decode || cmyk) {
        row = (JSAMPLE *)malloc(row_bytes);
        if (row == NULL) {
            result->status = KP_ERROR_NO_MEMORY;
            goto done;
        }
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JDIMENSION y = cinfo.output_scanline;
        JSAMPROW target = row;
        if (decode && !cmyk) target = output + (size_t)y * cinfo.output_width * 4;
        if (jpeg_read_scanlines(&cinfo, &target, 1) != 1) break;
        if (decode && cmyk) kp_cmyk_to_rgba(row, output + (size_t)y * cinfo.output_width * 4,
                                            cinfo.output_width);
    }
    jpeg_finish_decompress(&cinfo);

done:
    if (created) jpeg_destroy_decompress(&cinfo);
    free(row);
    if (file != NULL) fclose(file);
}

void kp_jpeg_verify(kp_source source, uint64_t max_pixels, kp_result *result) {
    kp_jpeg_read(source, max_pixels, 0, 1, NULL, 0, NULL, result);
}

void kp_jpeg_decode_rgba(kp_source source, uint64_t max_pixels, unsigned int scale_denominator,
                         uint8_t *output, size_t capacity, kp_result *result) {
    kp_jpeg_read(source, max_pixels, 1, scale_denominator, output, capacity, NULL, result);
}

void kp_jpeg_read_icc(kp_source source, uint64_t max_pixels, kp_buffer *output, kp_result *result) {
    output->bytes = NULL;
    output->size = 0;
    output->capacity = 0;
    kp_jpeg_read(source, max_pixels, 1, 1, NULL, 0, output, result);
    if (result->status != KP_OK) kp_buffer_free(output);
}

long kp_libjpeg_turbo_version(void) {
#ifdef LIBJPEG_TURBO_VERSION_NUMBER
    return LIBJPEG_TURBO_VERSION_NUMBER;
#else
    return 0;
#endif
}
