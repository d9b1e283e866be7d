// JPEG encoding through libjpeg(-turbo) into a memory buffer (for generated test and
// benchmark inputs).
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>
#include "kp_common.h"

typedef struct {
    struct jpeg_error_mgr manager;  // must be first
    jmp_buf jump;
    kp_result *result;
} kp_jpeg_write_error;

static void kp_jpeg_write_error_exit(j_common_ptr cinfo) {
    kp_jpeg_write_error *error = (kp_jpeg_write_error *)cinfo->err;
    char message[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, message);
    kp_copy_message(error->result->message, message);
    error->result->status = KP_ERROR_LIBRARY;
    longjmp(error->jump, 1);
}

static void kp_jpeg_write_output_message(j_common_ptr cinfo) { (void)cinfo; }

void kp_jpeg_encode(const uint8_t *rgb, uint32_t width, uint32_t height, int quality,
                    int progressive, const uint8_t *icc, size_t icc_size, kp_buffer *output,
                    kp_result *result) {
    kp_reset(result);
    output->bytes = NULL;
    output->size = 0;
    output->capacity = 0;
    if (icc_size > 0xFFFFFFFFu) {
        result->status = KP_ERROR_UNSUPPORTED;
        kp_copy_message(result->message, "the ICC profile is larger than 4 GB");
        return;
    }
    struct jpeg_compress_struct cinfo;
    kp_jpeg_write_error error;
    unsigned char *volatile bytes = NULL;
    unsigned long size = 0;
    volatile int created = 0;
    cinfo.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = kp_jpeg_write_error_exit;
    error.manager.output_message = kp_jpeg_write_output_message;
    error.result = result;
    if (setjmp(error.jump)) {
        if (result->status == KP_OK) result->status = KP_ERROR_LIBRARY;
        goto done;
    }
    jpeg_create_compress(&cinfo);
    created = 1;
    unsigned char *destination = NULL;
    jpeg_mem_dest(&cinfo, &destination, &size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    if (icc != NULL && icc_size > 0) {
        jpeg_write_icc_profile(&cinfo, (const JOCTET *)icc, (unsigned int)icc_size);
    }
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo.next_scanline * width * 3);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    bytes = destination;
    output->bytes = bytes;
    output->size = size;
    output->capacity = size;
    bytes = NULL;  // owned by output now

done:
    if (created) jpeg_destroy_compress(&cinfo);
    if (result->status != KP_OK) {
        free(bytes);
        kp_buffer_free(output);
    }
}
