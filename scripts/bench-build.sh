#!/usr/bin/env bash
# Whole-process benchmark of `klingprep build` and `inspect` against a Pillow script of the same
# work (scripts/pillow-build.py; BENCHMARKS.md, "build and job B"). Inputs, written once by
# `InspectCorpus build-jobs`: a 4000x3000 and a 3840x2160 JPEG, a 2048x2048 and a 1080x1920 PNG;
# job A (multi-image2video, the 4 images) and job B (image2video, the 3840x2160 JPEG, 1 static
# and 6 dynamic masks). Each case runs the klingprep command and the Pillow command (and, with
# --baseline, an older klingprep) paired and alternating: one warm-up each, then --runs runs,
# the order rotated every run, so all see the same machine state. Prints median, min and CPU of
# each, the ratio of the medians, and (one more run each, not timed) the peak memory (max RSS).
# Pillow is not needed by the tests: `pip install pillow` (or --no-pillow to leave it out).
# The Pillow side runs the real interpreter (`sys.executable` of python3, so a pyenv or other
# shim in front of python3 is not timed), or --python PATH.
#
#   scripts/bench-build.sh [--runs 11] [--inputs DIR] [--baseline PATH/TO/OLD/klingprep]
#                          [--python PATH] [--no-build] [--no-pillow]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh

runs=11
inputs="${TMPDIR:-/tmp}/klingprep-build-inputs"
baseline=""
build=1
pillow=1
python=""
while (($#)); do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --inputs) inputs=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-pillow) pillow=0; shift ;;
    --python) python=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--inputs DIR] [--baseline BIN] [--python PATH] [--no-build] [--no-pillow]" >&2; exit 64 ;;
    esac
done

if ((build)); then
    swift build -c release --static-swift-stdlib --product klingprep
    swift build -c release --static-swift-stdlib --product InspectCorpus
fi
if [[ ! -f "$inputs/.complete-build-jobs" ]]; then
    rm -rf "$inputs"
    .build/release/InspectCorpus build-jobs "$inputs"
    touch "$inputs/.complete-build-jobs"
fi
[[ -n $python ]] || python=$(python3 -c 'import sys; print(sys.executable)')
if ((pillow)) && ! "$python" -c 'import PIL' 2>/dev/null; then
    echo "error: Pillow is not installed for $python (pip install pillow), or give --no-pillow" >&2
    exit 1
fi
bin=.build/release/klingprep
out=$(mktemp -d "${TMPDIR:-/tmp}/klingprep-bench-build.XXXXXX")
trap 'rm -rf "$out"' EXIT
images=("$inputs"/photo-4000x3000.jpg "$inputs"/photo-3840x2160.jpg "$inputs"/photo-2048x2048.png
    "$inputs"/photo-1080x1920.png)
reference=${images[1]}
machine
((pillow)) && echo "Pillow: $("$python" -c 'import PIL, sys; print(PIL.__version__, "on Python", sys.version.split()[0], "at", sys.executable)')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "inputs: $inputs ($(du -sm "$inputs" | cut -f1) MB)"
cat "$inputs"/* >/dev/null  # into the page cache: the runs measure CPU, not the disk

# The jobs must build cleanly (exit 0) before anything is timed; their findings are shown.
for job in job-a job-b; do
    status=0
    "$bin" build "$inputs/$job.yaml" -o "$out/check-$job" >"$out/$job.txt" 2>&1 || status=$?
    echo "klingprep build $job.yaml: exit $status; findings: $(grep -cE '^ *(error|warning|note)' "$out/$job.txt" || true)"
    grep -E '^ *(error|warning|note)' "$out/$job.txt" | sed 's/^/    /' || true
    if ((status != 0)); then cat "$out/$job.txt" >&2; exit 1; fi
done
if ((pillow)); then
    # The Pillow body has klingprep's keys at every level, in the same order.
    "$python" scripts/pillow-build.py job-b "$reference" -o "$out/check-pillow-b" 2>/dev/null
    "$python" scripts/pillow-build.py job-a "${images[@]}" -o "$out/check-pillow-a" 2>/dev/null
    python3 - "$out" <<'EOF'
import json, sys
def shape(value):
    if isinstance(value, dict): return {key: shape(value[key]) for key in value}
    if isinstance(value, list): return [shape(value[0])] if value else []
    return type(value).__name__
for job in "ab":
    ours = json.load(open(f"{sys.argv[1]}/check-job-{job}/request.json"))
    theirs = json.load(open(f"{sys.argv[1]}/check-pillow-{job}/request.json"))
    same = shape(ours) == shape(theirs) and list(ours) == list(theirs)
    print(f"job {job.upper()}: Pillow's request.json has klingprep's layout: {'yes' if same else 'NO'}"
          f" ({len(json.dumps(theirs)) / 1e6:.1f} MB; klingprep's {len(json.dumps(ours)) / 1e6:.1f} MB)")
    if not same: print(f"  klingprep: {shape(ours)}\n  Pillow:    {shape(theirs)}")
EOF
fi
echo

# peak_rss CMD...: the peak resident memory of CMD (one run, not timed), in MiB.
peak_rss() {
    python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f}")' "$@"
}

median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# bench LABEL MEMORY KLINGPREP-ARGS... [-- PILLOW-COMMAND...]: one case. `@OUT@` in the arguments
# is a fresh output folder per tool, removed before every run so that each run writes anew.
bench() {
    local label=$1 memory=$2
    shift 2
    local k_args=() p_args=() seen=0 arg
    for arg in "$@"; do
        if [[ $arg == -- ]]; then seen=1; elif ((seen)); then p_args+=("${arg//@OUT@/$out/p}"); else k_args+=("${arg//@OUT@/$out/k}"); fi
    done
    ((pillow)) || p_args=()
    local tools=(k) i j wall cpu
    [[ ${#p_args[@]} -gt 0 ]] && tools+=(p)
    [[ -n $baseline ]] && tools+=(b)
    declare -A walls=() cpus=()
    for ((i = -1; i < runs; i++)); do  # run -1 is the warm-up
        for ((j = 0; j < ${#tools[@]}; j++)); do
            local tool=${tools[(j + (i < 0 ? 0 : i)) % ${#tools[@]}]}
            rm -rf "$out/k" "$out/p"
            case $tool in
            k) run_once wall cpu "$bin" "${k_args[@]}" ;;
            b) run_once wall cpu "$baseline" "${k_args[@]}" ;;
            p) run_once wall cpu "${p_args[@]}" ;;
            esac
            if ((i >= 0)); then walls[$tool]+=" $wall"; cpus[$tool]+=" $cpu"; fi
        done
    done
    summary "$label" "${walls[k]}" "${cpus[k]}"
    if [[ -n $baseline ]]; then
        summary "  baseline klingprep" "${walls[b]}" "${cpus[b]}"
        echo "  ratio now/baseline (medians): $(awk -v a="$(median "${walls[k]}")" -v b="$(median "${walls[b]}")" 'BEGIN { printf "%.2fx", a / b }')"
    fi
    local memo=""
    if ((memory)); then
        rm -rf "$out/k"
        memo="peak memory: klingprep $(peak_rss "$bin" "${k_args[@]}") MiB"
    fi
    if [[ ${#p_args[@]} -gt 0 ]]; then
        summary "  Pillow, the same work" "${walls[p]}" "${cpus[p]}"
        echo "  ratio klingprep/Pillow (medians): $(awk -v a="$(median "${walls[k]}")" -v b="$(median "${walls[p]}")" 'BEGIN { printf "%.2fx", a / b }')" \
            "   (min: $(awk -v a="${walls[k]}" -v b="${walls[p]}" 'BEGIN { n = split(a, x, " "); split(b, y, " "); p = x[1]; q = y[1]; for (i = 2; i <= n; i++) { if (x[i] < p) p = x[i]; if (y[i] < q) q = y[i] }; printf "%.2fx", p / q }');" \
            "CPU: $(awk -v a="$(median "${cpus[k]}")" -v b="$(median "${cpus[p]}")" 'BEGIN { printf "%.2fx", a / b }'))"
        if ((memory)); then
            rm -rf "$out/p"
            memo+=", Pillow $(peak_rss "${p_args[@]}") MiB"
        fi
        rm -rf "$out/p"
        local own
        own=$("${p_args[@]}" 2>&1 >/dev/null | grep -oE '[0-9]+ ms$' || true)
        if [[ -n $own ]]; then echo "  Pillow's own timing inside python (one more run; start-up and imports excluded): $own"; fi
    fi
    if [[ -n $memo ]]; then echo "  $memo"; fi
}

pil=("$python" scripts/pillow-build.py)
bench "klingprep --help (start-up alone)" 0 --help -- "$python" -c 'from PIL import Image'
bench "inspect 1 image (3840x2160 JPEG)" 0 inspect "$reference" -- "${pil[@]}" inspect "$reference"
bench "inspect 4 images" 0 inspect "${images[@]}" -- "${pil[@]}" inspect "${images[@]}"
bench "inspect --decode 4 images" 0 inspect --decode "${images[@]}" -- "${pil[@]}" decode "${images[@]}"
bench "build job A (multi-image2video, 4 images; preview)" 1 build "$inputs/job-a.yaml" -o @OUT@ -- \
    "${pil[@]}" job-a "${images[@]}" -o @OUT@
bench "build --no-preview job A" 1 build --no-preview "$inputs/job-a.yaml" -o @OUT@ -- \
    "${pil[@]}" job-a "${images[@]}" -o @OUT@
bench "build job B (image2video, 1 JPEG + 7 masks; preview)" 1 build "$inputs/job-b.yaml" -o @OUT@ -- \
    "${pil[@]}" job-b "$reference" -o @OUT@
bench "build --no-preview job B" 1 build --no-preview "$inputs/job-b.yaml" -o @OUT@ -- \
    "${pil[@]}" job-b "$reference" -o @OUT@
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
