# Timing helpers shared by scripts/bench-inspect.sh and scripts/bench-batch.sh (sourced).
# Wall time of whole processes from bash's own clock ($EPOCHREALTIME, no fork of `date`).

# run_once OUT_VAR CMD...: runs CMD with stdout and stderr to /dev/null and stores its wall time
# in milliseconds in OUT_VAR. Exit statuses 0 and 1 (findings) are fine; anything else stops.
run_once() {
    local __out=$1
    shift
    local start end status=0
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || status=$?
    end=$EPOCHREALTIME
    if ((status > 1)); then
        echo "error: '$*' exited with status $status" >&2
        "$@" 2>&1 >/dev/null | tail -3 >&2 || true
        exit 1
    fi
    printf -v "$__out" '%s' "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", (e - s) * 1000 }')"
}

# summary LABEL TIMES...: prints "LABEL  median X ms  min Y ms  (N runs)".
summary() {
    local label=$1
    shift
    printf '%s\n' "$@" | sort -n | awk -v label="$label" '
        { t[NR] = $1 }
        END {
            median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%-52s median %9.1f ms   min %9.1f ms   (%d runs)\n", label, median, t[1], NR
        }'
}

# machine: one line about this machine and toolchain.
machine() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
    echo "machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
    echo "toolchain: $(swift --version 2>&1 | head -1)"
}

# prepare KIND DIR COUNT BUILD: builds the release klingprep and InspectCorpus (when BUILD is 1)
# and writes COUNT inputs of KIND (images or jobs) into DIR unless a complete set is there.
prepare() {
    local kind=$1 directory=$2 count=$3 build=$4
    if ((build)); then
        swift build -c release --product klingprep
        swift build -c release --product InspectCorpus
    fi
    if [[ ! -f "$directory/.complete-$count" ]]; then
        rm -rf "$directory"
        .build/release/InspectCorpus "$kind" "$directory" --count "$count"
        touch "$directory/.complete-$count"
    fi
}
