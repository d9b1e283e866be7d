#!/usr/bin/env bash
# Whole-process benchmark of `klingprep batch DIR --validate-only` (BENCHMARKS.md) over N
# generated job files (YAML, each referencing one of four small images; about one in five is
# invalid), against the way it is done without `batch`: one `klingprep validate` per job.
#
# A binary without `batch` (older than issue 13) gets only the one-process-per-job reference.
#
#   scripts/bench-batch.sh [--runs 7] [--count 1000] [--jobs DIR] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh

runs=7
count=1000
jobs="${TMPDIR:-/tmp}/klingprep-batch-jobs"
build=1
while (($#)); do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--runs N] [--count N] [--jobs DIR] [--no-build]" >&2; exit 64 ;;
    esac
done

prepare jobs "$jobs" "$count" "$build"
bin=.build/release/klingprep
files=("$jobs"/job-*.yaml)
machine
echo "jobs: ${#files[@]} files in $jobs"

validate_each() {
    local file status=0
    for file in "${files[@]}"; do "$bin" validate "$file" >/dev/null 2>&1 || status=1; done
    return $status
}

if "$bin" --help 2>/dev/null | grep -qE '^ +batch( |$)'; then
    for form in directory files; do
        arguments=("$jobs")
        if [[ $form == files ]]; then arguments=("${files[@]}"); fi
        walls="" cpus=""
        run_once wall cpu "$bin" batch "${arguments[@]}" --validate-only  # warm-up
        for ((i = 0; i < runs; i++)); do
            run_once wall cpu "$bin" batch "${arguments[@]}" --validate-only; walls+=" $wall"; cpus+=" $cpu"
        done
        summary "batch $([[ $form == files ]] && echo FILE... || echo DIR) --validate-only (${#files[@]} jobs)" "$walls" "$cpus"
    done
else
    echo "this klingprep has no 'batch' command (older than issue 13): skipped"
fi
walls="" cpus=""
for ((i = 0; i < 3; i++)); do run_once wall cpu validate_each; walls+=" $wall"; cpus+=" $cpu"; done
summary "reference: ${#files[@]} x 'klingprep validate JOB'" "$walls" "$cpus"
