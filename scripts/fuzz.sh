#!/usr/bin/env bash
# libFuzzer runs of KlingPrep's parsers and decoders (FUZZING.md).
#
#   scripts/fuzz.sh TARGET SECONDS [JOBS]   build TARGET, then fuzz it for SECONDS (JOBS > 1: -fork=JOBS)
#   scripts/fuzz.sh all SECONDS [JOBS]      every target, KLINGPREP_FUZZ_PARALLEL (default 2) at a time
#   scripts/fuzz.sh build [TARGET...]       build only (every target without names)
#   scripts/fuzz.sh run TARGET SECONDS [JOBS]  fuzz an already built TARGET (no build step)
#   scripts/fuzz.sh seeds [TARGET...]       regenerate the seed folders only
#   scripts/fuzz.sh list                    the targets
#
# TARGET is a short name (image-probe, image-decode, area, path, job-file, raw-body, answer) or the
# product's name (FuzzImageProbe, …). Everything generated lives in .build-fuzz/ (ignored by git):
#   .build-fuzz/seeds/NAME/      seeds, regenerated from fixtures/, /work/shared/corpus (or
#                                $KLINGPREP_CORPUS), Fuzz/Seeds/NAME and fixtures/fuzz/PRODUCT
#   .build-fuzz/corpus/NAME/     the growing corpus (kept between runs)
#   .build-fuzz/artifacts/NAME/  crash-*, timeout-*, leak-*, oom-* inputs
#   .build-fuzz/logs/NAME.log    the run's output; NAME.summary one line of figures
# A crash, hang, leak or over-limit allocation makes the run (and the script) fail.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch="$root/.build-fuzz"
corpus_images="${KLINGPREP_CORPUS:-$root/../shared/corpus}"
[ -d "$corpus_images" ] || corpus_images=/work/shared/corpus

names=(image-probe image-decode area path job-file raw-body answer)

product() {
  case "$1" in
    image-probe | FuzzImageProbe) echo FuzzImageProbe ;;
    image-decode | FuzzImageDecode) echo FuzzImageDecode ;;
    area | FuzzArea) echo FuzzArea ;;
    path | FuzzPath) echo FuzzPath ;;
    job-file | FuzzJobFile) echo FuzzJobFile ;;
    raw-body | FuzzRawBody) echo FuzzRawBody ;;
    answer | FuzzAnswer) echo FuzzAnswer ;;
    *) echo "unknown fuzz target '$1' (expected one of: ${names[*]})" >&2; return 1 ;;
  esac
}

short() {
  local p
  p=$(product "$1")
  for n in "${names[@]}"; do
    if [ "$(product "$n")" = "$p" ]; then echo "$n"; fi
  done
}

# Per-target libFuzzer options: the longest input, the largest single allocation, a dictionary.
options() {
  case "$1" in
    image-probe) echo "-max_len=131072 -malloc_limit_mb=256" ;;
    image-decode) echo "-max_len=131072 -malloc_limit_mb=1024" ;;
    area | path) echo "-max_len=512 -malloc_limit_mb=256 -dict=$root/Fuzz/Dictionaries/brush.dict" ;;
    job-file) echo "-max_len=16384 -malloc_limit_mb=256 -dict=$root/Fuzz/Dictionaries/json.dict" ;;
    raw-body) echo "-max_len=65536 -malloc_limit_mb=256 -dict=$root/Fuzz/Dictionaries/json.dict" ;;
    answer) echo "-max_len=8192 -malloc_limit_mb=256 -dict=$root/Fuzz/Dictionaries/json.dict" ;;
  esac
}

build() {
  local p
  # The C warnings (CFuzzDriver's too) are errors, as in CI; Package.swift has no flags for it.
  "$root/scripts/check-c-warnings.sh"
  for name in "$@"; do
    p=$(product "$name")
    echo "== building $p ($(date -u +%H:%M:%S))"
    KLINGPREP_FUZZ=1 swift build -c debug --scratch-path "$scratch" \
      -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$p" 2>&1 |
      grep -v "Cannot export local symbol" || true
    [ -x "$scratch/debug/$p" ] || { echo "building $p failed" >&2; return 1; }
  done
}

# Copies the images listed in the shared corpus's manifest (valid and corrupt alike).
copy_corpus_images() {
  local into=$1 manifest="$corpus_images/MANIFEST.tsv"
  [ -f "$manifest" ] || { echo "note: no image corpus at $corpus_images" >&2; return 0; }
  tail -n +2 "$manifest" | cut -f1 | while IFS= read -r relative; do
    if [ -f "$corpus_images/$relative" ]; then
      cp "$corpus_images/$relative" "$into/corpus-$(echo "$relative" | tr '/#' '__')"
    fi
  done
}

# A service-answer seed: Fuzz/Seeds/answer/STATUS-*.json becomes two status bytes + the body
# (the target reads status = 100 + (b0 << 8 | b1) % 500).
answer_seed() {
  local file=$1 into=$2 status value
  status=$(basename "$file" | cut -d- -f1)
  value=$((status - 100))
  { printf "\\$(printf %03o $((value >> 8)))\\$(printf %03o $((value & 255)))"; cat "$file"; } > "$into/$(basename "$file")"
}

seeds() {
  local name dir p
  for name in "$@"; do
    name=$(short "$name")
    p=$(product "$name")
    dir="$scratch/seeds/$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    case "$name" in
      image-probe | image-decode)
        find fixtures -type f \( -name '*.png' -o -name '*.jpg' \) -exec sh -c 'cp "$1" "$2/fixture-$(echo "$1" | tr / _)"' _ {} "$dir" \;
        find Tests -path '*Fixtures*' -type f \( -name '*.png' -o -name '*.jpg' \) -exec sh -c 'cp "$1" "$2/test-$(echo "$1" | tr / _)"' _ {} "$dir" \;
        copy_corpus_images "$dir"
        ;;
      area | path)
        cp Fuzz/Seeds/"$name"/* "$dir"/
        # The descriptions written in the demo jobs.
        local key=area
        [ "$name" = path ] && key=path
        grep -hoE "^ *-? *$key: [^#]*" fixtures/demo/*.yaml Tests/KlingRequestTests/Fixtures/job/job.yaml |
          sed -E "s/^ *-? *$key: //; s/ *$//" | nl -ba | while read -r n text; do
            printf '%s' "$text" > "$dir/job-$n.txt"
          done
        ;;
      job-file)
        cp Fuzz/Seeds/job/* "$dir"/
        for file in fixtures/demo/*.yaml Tests/KlingRequestTests/Fixtures/job/job.*; do
          cp "$file" "$dir/$(echo "$file" | tr / _)"
        done
        ;;
      raw-body)
        cp Fuzz/Seeds/body/* Tests/KlingRequestTests/Fixtures/body.golden.json "$dir"/
        if [ -d "$corpus_images/../cases/raw-body" ]; then cp "$corpus_images"/../cases/raw-body/*.json "$dir"/; fi
        ;;
      answer)
        for file in Fuzz/Seeds/answer/*.json; do answer_seed "$file" "$dir"; done
        ;;
    esac
    # Kept reproducers are seeds too, so a run starts by re-checking every old finding.
    if [ -d "fixtures/fuzz/$p" ]; then
      find "fixtures/fuzz/$p" -type f ! -name '*.md' -exec cp {} "$dir"/ \;
    fi
    echo "seeds for $name: $(find "$dir" -type f | wc -l) files"
  done
}

run() {
  local name=$1 seconds=$2 jobs=${3:-1} p log summary started status executions corpus_count coverage peak fork=()
  name=$(short "$name")
  p=$(product "$name")
  mkdir -p "$scratch/corpus/$name" "$scratch/artifacts/$name" "$scratch/logs"
  log="$scratch/logs/$name.log"
  summary="$scratch/logs/$name.summary"
  if [ "$jobs" -gt 1 ]; then fork=(-fork="$jobs"); fi
  started=$(date +%s)
  echo "== fuzzing $p for ${seconds}s (jobs $jobs), log $log"
  # shellcheck disable=SC2046
  set +e
  (cd "$scratch/logs" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0" \
    "$scratch/debug/$p" $(options "$name") -rss_limit_mb=2048 -timeout=10 -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$name/" "${fork[@]}" \
    "$scratch/corpus/$name" "$scratch/seeds/$name") > "$log" 2>&1
  status=$?
  set -e
  executions=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{s += $2} END {print s + 0}')
  if [ "$executions" = 0 ]; then
    executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  fi
  corpus_count=$(find "$scratch/corpus/$name" -type f | wc -l)
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  peak=$(grep -oE 'rss: [0-9]+Mb' "$log" | tail -1 | grep -oE '[0-9]+')
  printf '%s\texecutions=%s\tcorpus=%s\tseconds=%s\tcov=%s\trss_mb=%s\tstatus=%s\tartifacts=%s\tcommand=%s\n' \
    "$name" "${executions:-0}" "$corpus_count" "$(($(date +%s) - started))" "${coverage:-0}" "${peak:-0}" "$status" \
    "$(find "$scratch/artifacts/$name" -type f | wc -l)" "scripts/fuzz.sh ${command_line:-$name $seconds $jobs}" |
    tee "$summary"
  if [ "$status" -ne 0 ]; then
    echo "$p found something (status $status): see $log and $scratch/artifacts/$name/" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|Fatal error|fuzz property' "$log" | head -20 >&2 || true
  fi
  return "$status"
}

[ $# -ge 1 ] || { sed -n '2,18p' "$0"; exit 2; }
command=$1
command_line="$*"
shift
case "$command" in
  list) printf '%s\n' "${names[@]}" ;;
  build) if [ $# -eq 0 ]; then build "${names[@]}"; else build "$@"; fi ;;
  run)
    # Without building (e.g. while another build holds .build-fuzz): seeds, then the run.
    seeds "${1:?"usage: scripts/fuzz.sh run TARGET SECONDS [JOBS]"}"
    run "$1" "${2:?"usage: scripts/fuzz.sh run TARGET SECONDS [JOBS]"}" "${3:-1}"
    ;;
  seeds) if [ $# -eq 0 ]; then seeds "${names[@]}"; else seeds "$@"; fi ;;
  all)
    seconds=${1:?"usage: scripts/fuzz.sh all SECONDS [JOBS]"}
    jobs=${2:-1}
    parallel=${KLINGPREP_FUZZ_PARALLEL:-2}
    build "${names[@]}"
    seeds "${names[@]}"
    failed=0
    pids=()
    for name in "${names[@]}"; do
      run "$name" "$seconds" "$jobs" &
      pids+=($!)
      if [ ${#pids[@]} -ge "$parallel" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
      fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    cat "$scratch"/logs/*.summary
    exit "$failed"
    ;;
  *)
    seconds=${1:?"usage: scripts/fuzz.sh TARGET SECONDS [JOBS]"}
    build "$command"
    seeds "$command"
    run "$command" "$seconds" "${2:-1}"
    ;;
esac
