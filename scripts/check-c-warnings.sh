#!/usr/bin/env bash
# Every warning of our C code is an error: the image shims (Sources/CImageShims) and the fuzz
# driver (Fuzz/CFuzzDriver), compiled with -Wall -Wextra -Werror by the toolchain's clang, the
# compiler SwiftPM uses for them.
#
# Why here and not in Package.swift: in a version dependency unsafe flags are refused by older
# SwiftPM and dropped by 6.3.1 (which builds a dependency's C with -w), and a
# `#pragma clang diagnostic error` in the sources would turn a warning that a future compiler
# adds into a build failure for everyone who depends on a released version. Here it fails only
# our CI (.ci/run) and our fuzz builds (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-fsyntax-only -Wall -Wextra -Werror)
# shellcheck disable=SC2046 # pkg-config prints one flag per word
clang "${flags[@]}" $(pkg-config --cflags libpng libjpeg) -I Sources/CImageShims/include Sources/CImageShims/*.c
clang "${flags[@]}" -I Fuzz/CFuzzDriver/include Fuzz/CFuzzDriver/*.c
echo "C: no warnings (-Wall -Wextra -Werror): $(ls Sources/CImageShims/*.c Fuzz/CFuzzDriver/*.c | wc -l) files"
