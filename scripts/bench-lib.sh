# Timing helpers shared by scripts/bench-inspect.sh, scripts/bench-batch.sh and
# scripts/bench-build.sh (sourced).
# Wall time of whole processes from bash's own clock ($EPOCHREALTIME, no fork of `date`).

# run_once WALL_VAR CPU_VAR CMD...: runs CMD with stdout and stderr to /dev/null and stores its
# wall time and its CPU time (user + system, all threads) in milliseconds. The CPU time hardly
# moves when other processes share the machine; the wall time does. Exit statuses 0 and 1
# (findings) are fine; anything else stops the script.
run_once() {
    local __wall=$1 __cpu=$2
    shift 2
    local status=0 timing TIMEFORMAT='%R %U %S'
    timing=$({ time "$@" >/dev/null 2>&1; } 2>&1) || status=$?
    if ((status > 1)); then
        echo "error: '$*' exited with status $status" >&2
        "$@" 2>&1 >/dev/null | tail -3 >&2 || true
        exit 1
    fi
    read -r real user system <<<"${timing##*$'\n'}"
    printf -v "$__wall" '%s' "$(awk -v r="$real" 'BEGIN { printf "%.1f", r * 1000 }')"
    printf -v "$__cpu" '%s' "$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", (u + s) * 1000 }')"
}

# summary LABEL WALL_TIMES CPU_TIMES: prints the median and minimum wall time and the median CPU
# time; each list is one word of space-separated milliseconds.
summary() {
    local label=$1 walls=$2 cpus=$3
    awk -v label="$label" -v walls="$walls" -v cpus="$cpus" '
        function median(list, n, sorted,   i, j, t) {
            for (i = 1; i <= n; i++) sorted[i] = list[i]
            for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
                t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
            }
            return (n % 2) ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
        }
        BEGIN {
            n = split(walls, w, " "); split(cpus, c, " ")
            least = w[1]; for (i = 2; i <= n; i++) if (w[i] < least) least = w[i]
            printf "%-58s median %9.1f ms   min %9.1f ms   CPU %9.1f ms   (%d runs)\n", label, median(w, n), least, median(c, n), n
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
        swift build -c release --static-swift-stdlib --product klingprep
        swift build -c release --static-swift-stdlib --product InspectCorpus
    fi
    if [[ ! -f "$directory/.complete-$count" ]]; then
        rm -rf "$directory"
        .build/release/InspectCorpus "$kind" "$directory" --count "$count"
        touch "$directory/.complete-$count"
    fi
}
