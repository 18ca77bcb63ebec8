# Shared shell helpers for run-kernels.sh and run-atomics.sh (sourced).
# Needs: POSIX sh tools, awk, sort, timeout (coreutils), and the measure
# wrapper built by `make -C bench` (wall time + peak RSS via wait4).

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT=$BUILD/bench
TANDEM=$BUILD/tandem
MEASURE=$OUT/measure
QEMU=${QEMU:-qemu-riscv64}

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Build the benchmark programs (quietly) and check the tools we need.
bench_prepare() {
    [ -x "$TANDEM" ] || die "$TANDEM not found: run 'make' first"
    # BENCH_PREBUILT=1: use the binaries already in build/bench (e.g. on a
    # machine with no cross compiler); otherwise bring them up to date.
    if [ "${BENCH_PREBUILT:-0}" != 1 ]; then
        make -s -C "$ROOT/bench" BUILD="$BUILD" >/dev/null || die "building the benchmarks failed"
    fi
    [ -x "$MEASURE" ] || die "$MEASURE not found: run 'make -C bench'"
    command -v timeout >/dev/null || die "timeout (coreutils) is missing"
    command -v awk >/dev/null || die "awk is missing"
    if command -v "$QEMU" >/dev/null; then HAVE_QEMU=1; else
        HAVE_QEMU=0; echo "note: $QEMU not found; its columns show '-'" >&2; fi
    LOG=$OUT/logs
    mkdir -p "$LOG"
}

# Interleaved runs: the machines are noisy, so a table's ratios are taken
# from runs made at nearly the same moments.  measure_start TAG forgets
# TAG's earlier runs; measure_once TAG TIMEOUT CMD... runs CMD once and
# records it; measure_summary TAG prints "MEDIAN_SECONDS MAX_RSS_KIB
# STATUS CHECKSUM" over the recorded runs (a failed run is reported, later
# ones are skipped).  STATUS is ok, or fail:N (exit status N; 124 = timed
# out), or err (the program printed a complaint on stderr); CHECKSUM is
# the program's "checksum" value from the last run, whose output is kept
# in $LOG/TAG.out and $LOG/TAG.err; the first line a run complained with
# is kept in $LOG/TAG.complaint (a later run may not complain).
# measure_rounds does the rounds.
measure_start() {
    rm -f "$LOG/$1.times" "$LOG/$1.status" "$LOG/$1.complaint"
    : >"$LOG/$1.times"
    echo "ok 0" >"$LOG/$1.status"
}

# (sh has no local variables: m_ names keep clear of the callers')
measure_once() {
    m_tag=$1 m_limit=$2
    shift 2
    read -r m_status m_rss <"$LOG/$m_tag.status"
    case $m_status in fail:*) return ;; esac
    "$MEASURE" "$LOG/$m_tag.res" timeout "$m_limit" "$@" >"$LOG/$m_tag.out" 2>"$LOG/$m_tag.err"
    read -r m_t m_r m_code <"$LOG/$m_tag.res" || { m_t=0 m_r=0 m_code=70; }
    if [ "$m_code" != 0 ]; then
        m_status="fail:$m_code"
    else
        if [ -s "$LOG/$m_tag.err" ]; then
            m_status=err
            [ -s "$LOG/$m_tag.complaint" ] || head -n 1 "$LOG/$m_tag.err" >"$LOG/$m_tag.complaint"
        fi
        echo "$m_t" >>"$LOG/$m_tag.times"
        [ "$m_r" -gt "$m_rss" ] && m_rss=$m_r
    fi
    echo "$m_status $m_rss" >"$LOG/$m_tag.status"
}

# measure_rounds PREFIX ROUNDS FN RUNNER...: starts PREFIX.RUNNER for each
# runner, then ROUNDS rounds in which the runners take turns: FN RUNNER
# runs RUNNER once (with measure_once PREFIX.RUNNER ...).  Round k starts
# tandem's JIT code 16 * (k mod 4) bytes later (TANDEM_JIT_PAD) and spreads
# its blocks apart with seed k + 1 (TANDEM_JIT_SPREAD; others ignore both),
# so that a median is taken over code placements, which move small loops
# by 10-20% on some hosts (bench/README.md).
measure_rounds() {
    m_prefix=$1 m_rounds=$2 m_fn=$3
    shift 3
    for m_runner in "$@"; do measure_start "$m_prefix.$m_runner"; done
    m_round=0
    while [ "$m_round" -lt "$m_rounds" ]; do
        TANDEM_JIT_PAD=$((m_round % 4 * 16))
        TANDEM_JIT_SPREAD=$((m_round + 1))
        export TANDEM_JIT_PAD TANDEM_JIT_SPREAD
        m_round=$((m_round + 1))
        for m_runner in "$@"; do "$m_fn" "$m_runner"; done
    done
    unset TANDEM_JIT_PAD TANDEM_JIT_SPREAD
}

measure_summary() {
    read -r m_status m_rss <"$LOG/$1.status"
    if [ "$m_status" = ok ] || [ "$m_status" = err ]; then
        m_med=$(sort -g "$LOG/$1.times" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    else
        m_med=-
    fi
    m_sum=$(awk '$2 == "checksum" {print $3}' "$LOG/$1.out" | tail -n 1)
    echo "$m_med $m_rss $m_status ${m_sum:--}"
}

# ratio A B: A/B with 2 decimals, or '-' if either is missing.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "-" || b == "-" || a + 0 <= 0 || b + 0 <= 0) print "-";
        else printf "%.2f", a / b }'
}

# secs X: a time with 3 decimals, or '-'.
secs() {
    awk -v a="$1" 'BEGIN { if (a == "-") print "-"; else printf "%.3f", a }'
}

# geomean of the numeric arguments ('-' ignored); '-' if none.
geomean() {
    printf '%s\n' "$@" | awk '$1 != "-" && $1 + 0 > 0 { s += log($1); n++ }
        END { if (n) printf "%.2f", exp(s / n); else print "-" }'
}
