#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt's FuzzerDriver.cpp), linked by `-sanitize=fuzzer`: it parses
/// the libFuzzer flags in argv and calls `callback` once per input. The fuzz executables call it
/// from their own `main`, because SwiftPM renames an executable's entry point.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
