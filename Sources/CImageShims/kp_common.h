// Helpers shared by the PNG and JPEG shims (not exported to Swift).
#ifndef KP_COMMON_H
#define KP_COMMON_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "CImageShims.h"

static inline void kp_copy_message(char *destination, const char *message) {
    strncpy(destination, message ? message : "", KP_MESSAGE_LENGTH - 1);
    destination[KP_MESSAGE_LENGTH - 1] = '\0';
}

/// Count a warning; keep its text when it is one of the first distinct ones.
static inline void kp_add_warning(kp_result *result, const char *message) {
    result->warning_count += 1;
    for (unsigned int i = 0; i < result->kept_warnings; i++) {
        if (strncmp(result->warnings[i], message, KP_MESSAGE_LENGTH - 1) == 0) return;
    }
    if (result->kept_warnings < KP_KEPT_WARNINGS) {
        kp_copy_message(result->warnings[result->kept_warnings], message);
        result->kept_warnings += 1;
    }
}

/// A stdio stream over a duplicate of the open file `fd`, positioned at its start; closing the
/// stream closes only the duplicate. NULL (with errno set) when it cannot be made.
static inline FILE *kp_open_source(int fd) {
    int copy = dup(fd);
    if (copy < 0) return NULL;
    if (lseek(copy, 0, SEEK_SET) < 0) {
        close(copy);
        return NULL;
    }
    FILE *file = fdopen(copy, "rb");
    if (file == NULL) close(copy);
    return file;
}

static inline void kp_reset(kp_result *result) {
    memset(result, 0, sizeof(*result));
}

/// True when width × height pixels exceed the limit (or either side is zero).
static inline int kp_over_limit(uint64_t width, uint64_t height, uint64_t max_pixels) {
    return width == 0 || height == 0 || width * height > max_pixels;
}

#endif
