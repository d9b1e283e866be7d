// CImageShims — the one C room of KlingPrep.
//
// Every libpng and libjpeg call, and every setjmp, lives in this target. Each exported function
// performs one whole operation (create the library struct, setjmp, work, destroy on both paths)
// and returns a status plus out-parameters, so a longjmp never crosses a Swift frame.
// Warnings are captured into the result, never printed. Buffers cross as pointer + size.
#ifndef CIMAGESHIMS_H
#define CIMAGESHIMS_H

#include <stddef.h>
#include <stdint.h>

#define KP_MESSAGE_LENGTH 200
#define KP_KEPT_WARNINGS 4

/// Status of a shim operation.
typedef enum {
    KP_OK = 0,
    KP_ERROR_LIBRARY = 1,        ///< the library reported an error; see `message`
    KP_ERROR_TOO_LARGE = 2,      ///< dimensions over the caller's limit; nothing was allocated
    KP_ERROR_NO_MEMORY = 3,      ///< an allocation failed
    KP_ERROR_OPEN = 4,           ///< the file could not be opened; see `message`
    KP_ERROR_BUFFER = 5,         ///< the caller's output buffer is too small
    KP_ERROR_UNSUPPORTED = 6,    ///< a feature the shim does not handle (see `message`)
} kp_status;

/// Where the compressed data comes from: an open regular file (when `fd` >= 0; read from its
/// start through a duplicate, never closed here) or memory. Swift opens files through
/// KlingCheck's `InputFile`, so nothing here opens a path.
typedef struct {
    int fd;
    const void *data;
    size_t size;
} kp_source;

/// What an operation reports back.
typedef struct {
    kp_status status;
    char message[KP_MESSAGE_LENGTH];                      ///< the library's error message
    unsigned long warning_count;                          ///< all warnings seen
    unsigned int kept_warnings;                           ///< how many of `warnings` are filled
    char warnings[KP_KEPT_WARNINGS][KP_MESSAGE_LENGTH];   ///< the first distinct warnings
    int truncated;                ///< libjpeg warned "Premature end of JPEG file" (JWRN_JPEG_EOF)
    unsigned long cut_scan_warnings; ///< libjpeg warned that a scan's data ended early
                                     ///< (JWRN_HIT_MARKER: "premature end of data segment")
    int has_alpha;                ///< the PNG has an alpha channel or a tRNS chunk (0 for JPEG)
    uint32_t width;               ///< image width as the library read it (pixels)
    uint32_t height;              ///< image height as the library read it (pixels)
    uint32_t output_width;        ///< decoded width (after DCT scaling), pixels
    uint32_t output_height;       ///< decoded height (after DCT scaling), pixels
    int precision;                ///< JPEG data precision / PNG bit depth
} kp_result;

/// Decode every row of a PNG into a reused row buffer (memory proportional to the width) and
/// read to the end of the file. Ancillary-chunk CRC errors are treated as errors.
void kp_png_verify(kp_source source, uint64_t max_pixels, kp_result *result);

/// Decode a PNG to RGBA8 into `output` (`capacity` bytes, at least output_width*output_height*4).
/// With `row_step` N > 1 only rows 0, N, 2N, ... are kept (output_height = ceil(height / N); every
/// row is still read and checked); interlaced images keep every row. Call with `output == NULL`
/// to read only the header (and output_height for that step) into `result`.
void kp_png_decode_rgba(kp_source source, uint64_t max_pixels, uint32_t row_step, uint8_t *output,
                        size_t capacity, kp_result *result);

/// Decode every scanline of a JPEG into a reused row buffer (memory proportional to the width).
void kp_jpeg_verify(kp_source source, uint64_t max_pixels, kp_result *result);

/// Decode a JPEG to RGBA8 at 1/`scale_denominator` (1, 2, 4 or 8) with libjpeg's DCT scaling.
/// Call with `output == NULL` to get only `output_width`/`output_height` for that scale.
void kp_jpeg_decode_rgba(kp_source source, uint64_t max_pixels, unsigned int scale_denominator,
                         uint8_t *output, size_t capacity, kp_result *result);

/// Options for PNG encoding.
typedef struct {
    int compression_level;   ///< zlib level 0...9
    int strategy;            ///< zlib strategy: 0 default, 1 filtered, 2 huffman only, 3 RLE, 4 fixed
    int filters;             ///< PNG_FILTER_* bit set (libpng's png_set_filter)
    int bit_depth;           ///< 8, or 1 for gray 0/255 masks (packed)
} kp_png_encode_options;

/// An encoded PNG, allocated by the shim; release it with `kp_buffer_free`.
typedef struct {
    uint8_t *bytes;
    size_t size;
    size_t capacity;
} kp_buffer;

/// Encode `height` rows of `width` pixels with `channels` (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)
/// 8-bit samples, row-major with a stride of width*channels, into `output`.
/// `icc` (`icc_size` bytes, or NULL and 0) is written as the iCCP chunk (`png_set_iCCP`); a
/// profile libpng refuses is left out with a warning in `result`.
void kp_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels,
                   kp_png_encode_options options, const uint8_t *icc, size_t icc_size,
                   kp_buffer *output, kp_result *result);

/// Encode `height` rows of `width` RGB8 pixels as a JPEG of `quality` (1…100), baseline or
/// progressive, into `output`. `icc` (`icc_size` bytes, or NULL and 0) is written as APP2
/// ICC_PROFILE segments (`jpeg_write_icc_profile`).
void kp_jpeg_encode(const uint8_t *rgb, uint32_t width, uint32_t height, int quality,
                    int progressive, const uint8_t *icc, size_t icc_size, kp_buffer *output,
                    kp_result *result);

/// Read the embedded ICC profile of a PNG (iCCP chunk, `png_get_iCCP`) or a JPEG (APP2
/// ICC_PROFILE segments, `jpeg_read_icc_profile`) into `output` (left empty when there is
/// none), reading the header only. Refuses dimensions over `max_pixels` as the decoders do.
void kp_png_read_icc(kp_source source, uint64_t max_pixels, kp_buffer *output, kp_result *result);
/// See `kp_png_read_icc`.
void kp_jpeg_read_icc(kp_source source, uint64_t max_pixels, kp_buffer *output, kp_result *result);

/// Release a buffer made by `kp_png_encode`, `kp_jpeg_encode` or a `kp_*_read_icc`.
void kp_buffer_free(kp_buffer *buffer);

/// zlib's CRC-32 of `size` bytes at `data`, continuing from `crc` (0 to start): the checksum
/// PNG puts after every chunk. On x86-64 CPUs with PCLMULQDQ a carry-less-multiply fold
/// (kp_crc32.c), elsewhere zlib's `crc32`; the same value either way.
uint32_t kp_crc32(uint32_t crc, const void *data, size_t size);

/// The linked libjpeg's version number (e.g. 2001005 for 2.1.5; 0 when not libjpeg-turbo).
long kp_libjpeg_turbo_version(void);
/// The linked libpng's version string.
const char *kp_libpng_version(void);

#endif
