#!/usr/bin/env bash
# Whole-process benchmark of `klingprep inspect` (BENCHMARKS.md): the release binary over a
# generated corpus of N mixed JPEG/PNG files of 0.3–2 MP, every file as an argument, output
# to /dev/null. Cases: start-up alone (`--help`), the probe (header checks, PNG chunk CRCs and
# the search of each file's end), the probe of the same files cut to their first 8 KiB (headers
# only), and `--decode` (every pixel decoded) on all cores and, through `taskset -c 0`, on one. With --baseline BIN, each case also runs BIN, alternating with the
# current binary run by run (the order swapped every run), so both see the same machine state.
#
#   scripts/bench-inspect.sh [--runs 11] [--decode-runs 3] [--count 1000] [--corpus DIR]
#                            [--baseline PATH/TO/OLD/klingprep] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh

runs=11
decode_runs=3
count=1000
corpus="${TMPDIR:-/tmp}/klingprep-inspect-corpus"
baseline=""
build=1
while (($#)); do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --decode-runs) decode_runs=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--runs N] [--decode-runs N] [--count N] [--corpus DIR] [--baseline BIN] [--no-build]" >&2; exit 64 ;;
    esac
done

prepare images "$corpus" "$count" "$build"
bin=.build/release/klingprep
files=("$corpus"/img-*)
machine
echo "corpus: ${#files[@]} files, $(du -sm "$corpus" | cut -f1) MB in $corpus"
cat "${files[@]}" >/dev/null  # into the page cache: the runs measure CPU, not the disk

# bench LABEL RUNS ARGS...: runs `${prefix[@]} klingprep ARGS` (and the baseline's, alternating)
# RUNS times, after one warm-up run.
prefix=()
bench() {
    local label=$1 n=$2
    shift 2
    local walls="" cpus="" old_walls="" old_cpus="" wall cpu i
    run_once wall cpu "${prefix[@]}" "$bin" "$@"
    for ((i = 0; i < n; i++)); do
        if [[ -n $baseline ]] && ((i % 2)); then
            run_once wall cpu "${prefix[@]}" "$baseline" "$@"; old_walls+=" $wall"; old_cpus+=" $cpu"
        fi
        run_once wall cpu "${prefix[@]}" "$bin" "$@"; walls+=" $wall"; cpus+=" $cpu"
        if [[ -n $baseline ]] && ((i % 2 == 0)); then
            run_once wall cpu "${prefix[@]}" "$baseline" "$@"; old_walls+=" $wall"; old_cpus+=" $cpu"
        fi
    done
    summary "$label" "$walls" "$cpus"
    if [[ -n $baseline ]]; then summary "  baseline: $label" "$old_walls" "$old_cpus"; fi
}

bench "klingprep --help (start-up)" "$runs" --help
bench "inspect 1 file" "$runs" inspect "${files[0]}"
bench "inspect ${#files[@]} files (probe)" "$runs" inspect "${files[@]}"
bench "inspect --json ${#files[@]} files (probe)" "$runs" inspect --json "${files[@]}"
# The same files cut to their first 8 KiB: what inspect costs when there is only a header to
# read (each is then found truncated), the closest to a program that reads headers alone.
heads="$corpus.heads"
if [[ ! -f "$heads/.complete-$count" ]]; then
    rm -rf "$heads" && mkdir -p "$heads"
    for file in "${files[@]}"; do head -c 8192 "$file" >"$heads/${file##*/}"; done
    touch "$heads/.complete-$count"
fi
head_files=("$heads"/img-*)
bench "inspect ${#head_files[@]} files cut to 8 KiB (headers only)" "$runs" inspect "${head_files[@]}"
bench "inspect --decode ${#files[@]} files, $(nproc) cores" "$decode_runs" inspect --decode "${files[@]}"
if command -v taskset >/dev/null; then
    prefix=(taskset -c 0)
    bench "inspect --decode ${#files[@]} files, 1 core (taskset -c 0)" "$decode_runs" inspect --decode "${files[@]}"
fi
