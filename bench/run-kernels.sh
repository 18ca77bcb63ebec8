#!/bin/sh
# Kernel suite: every kernel natively, under tandem (JIT and interpreter)
# and under qemu-riscv64, in one invocation; prints a table of median wall
# times, ratios and peak RSS.  See bench/README.md for how to read it.
set -u

usage() {
    cat <<'USAGE'
usage: bench/run-kernels.sh [-n RUNS] [-s SCALE] [--no-interp] [-k "K1 K2 ..."] [-t SECONDS]
  -n RUNS       runs per (kernel, runner); the median time is shown (default 3)
  -s SCALE      work multiplier for every kernel (default 1; 0.1 = 10x shorter)
  --no-interp   skip tandem --backend=interp (slow)
  -k KERNELS    only these kernels (default: all of bench/kernels/*.c)
  -t SECONDS    per-run time limit (default 600)
USAGE
}

. "$(dirname "$0")/lib.sh"

RUNS=3 SCALE=1 INTERP=1 KERNELS="" LIMIT=600
while [ $# -gt 0 ]; do
    case $1 in
        -n) RUNS=${2:?}; shift 2 ;;
        -s) SCALE=${2:?}; shift 2 ;;
        --no-interp) INTERP=0; shift ;;
        -k) KERNELS=${2:?}; shift 2 ;;
        -t) LIMIT=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 64 ;;
    esac
done
case $RUNS in ''|*[!0-9]*|0) die "bad -n '$RUNS' (want a positive integer)" ;; esac
awk -v s="$SCALE" 'BEGIN { exit !(s + 0 > 0) }' || die "bad -s '$SCALE' (want a positive number)"

bench_prepare
[ -n "$KERNELS" ] || KERNELS=$(cd "$ROOT/bench/kernels" && ls *.c | sed 's/\.c$//')
for k in $KERNELS; do
    [ -x "$OUT/rv/kernels/$k" ] || die "no kernel '$k'"
done

# Each "case" is a kernel plus its arguments; the parallel kernel runs
# with 1 and 2 threads.
CASES=""
for k in $KERNELS; do
    if [ "$k" = parallel ]; then CASES="$CASES parallel:1 parallel:2"; else CASES="$CASES $k"; fi
done

echo "tandem kernel suite: $RUNS interleaved round(s) (JIT code placed differently each round), median wall time; scale $SCALE; $(nproc) CPUs"
echo "tandem: $("$TANDEM" --version 2>&1 | head -n 1)"
[ "$HAVE_QEMU" = 1 ] && echo "qemu:   $("$QEMU" --version | head -n 1)"
echo

RESULTS=$OUT/kernels.tsv
: >"$RESULTS"
printf '%-12s %8s %8s %8s %8s %9s %9s %9s %8s %8s  %s\n' \
    kernel native tdm-jit tdm-int qemu jit/nat int/nat qemu/jit rss-jit rss-qemu check
NOTES=""
# run_once RUNNER: one run of kernel $k (measure_rounds)
# shellcheck disable=SC2317  # called through measure_rounds
run_once() {
    # shellcheck disable=SC2086  # $args is empty or one word
    case $1 in
        native) measure_once "$label.native" "$LIMIT" "$OUT/native/kernels/$k" $args "$SCALE" ;;
        jit)    measure_once "$label.jit" "$LIMIT" "$TANDEM" --backend=jit "$rv" $args "$SCALE" ;;
        interp) measure_once "$label.interp" "$LIMIT" "$TANDEM" --backend=interp "$rv" $args "$SCALE" ;;
        qemu)   measure_once "$label.qemu" "$LIMIT" "$QEMU" "$rv" $args "$SCALE" ;;
    esac
}

for c in $CASES; do
    k=${c%%:*}
    args=""
    [ "$c" != "$k" ] && args=${c#*:}
    label=$k${args:+-${args}t}
    rv=$OUT/rv/kernels/$k
    # the runners take turns, RUNS rounds: each ratio compares runs made
    # at nearly the same time on a noisy machine
    RUNNERS="native jit"
    [ "$INTERP" = 1 ] && RUNNERS="$RUNNERS interp"
    [ "$HAVE_QEMU" = 1 ] && RUNNERS="$RUNNERS qemu"
    # shellcheck disable=SC2086  # one word per runner
    measure_rounds "$label" "$RUNS" run_once $RUNNERS
    set -- $(measure_summary "$label.native")
    nat_t=$1 nat_sum=$4 check=ok
    [ "$3" = ok ] || { check=FAIL; NOTES="$NOTES\n$label native: $3 (see $LOG/$label.native.err)"; }
    row_runner() {   # name: sets R_T R_RSS, compares the checksum
        name=$1
        set -- $(measure_summary "$label.$name")
        R_T=$1 R_RSS=$2
        if [ "$3" != ok ]; then
            check=FAIL; NOTES="$NOTES\n$label $name: $3 (see $LOG/$label.$name.err)"
        elif [ "$4" != "$nat_sum" ]; then
            check=FAIL; NOTES="$NOTES\n$label $name: checksum $4, native says $nat_sum"
        fi
    }
    row_runner jit
    jit_t=$R_T jit_rss=$R_RSS
    int_t=-
    if [ "$INTERP" = 1 ]; then
        row_runner interp
        int_t=$R_T
    fi
    qemu_t=- qemu_rss=-
    if [ "$HAVE_QEMU" = 1 ]; then
        row_runner qemu
        qemu_t=$R_T qemu_rss=$R_RSS
    fi
    jn=$(ratio "$jit_t" "$nat_t") in=$(ratio "$int_t" "$nat_t") qj=$(ratio "$qemu_t" "$jit_t")
    mib() { awk -v k="$1" 'BEGIN { if (k == "-" || k == 0) print "-"; else printf "%.1fM", k / 1024 }'; }
    printf '%-12s %8s %8s %8s %8s %9s %9s %9s %8s %8s  %s\n' "$label" \
        "$(secs "$nat_t")" "$(secs "$jit_t")" "$(secs "$int_t")" "$(secs "$qemu_t")" \
        "$jn" "$in" "$qj" "$(mib "$jit_rss")" "$(mib "$qemu_rss")" "$check"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$nat_t" "$jit_t" "$int_t" \
        "$qemu_t" "$jn" "$in" "$qj" "$jit_rss" "$qemu_rss" >>"$RESULTS"
done

col() { cut -f"$1" "$RESULTS"; }
printf '%-12s %8s %8s %8s %8s %9s %9s %9s %8s %8s\n' geomean \
    "$(geomean $(col 2))" "$(geomean $(col 3))" "$(geomean $(col 4))" "$(geomean $(col 5))" \
    "$(geomean $(col 6))" "$(geomean $(col 7))" "$(geomean $(col 8))" \
    "$(geomean $(col 9) | awk '$1 != "-" {printf "%.1fM", $1 / 1024; next} {print}')" \
    "$(geomean $(col 10) | awk '$1 != "-" {printf "%.1fM", $1 / 1024; next} {print}')"

# Thread scaling of the parallel kernel: time(1 thread) / time(2 threads).
if grep -q '^parallel-1t' "$RESULTS" && grep -q '^parallel-2t' "$RESULTS"; then
    p1() { awk -F'\t' -v c="$1" '$1 == "parallel-1t" {print $c}' "$RESULTS"; }
    p2() { awk -F'\t' -v c="$1" '$1 == "parallel-2t" {print $c}' "$RESULTS"; }
    echo
    echo "parallel 2-thread speedup (time 1t / time 2t; 2.00 is perfect):"
    echo "  tandem-jit $(ratio "$(p1 3)" "$(p2 3)")   native $(ratio "$(p1 2)" "$(p2 2)")" \
         "  interp $(ratio "$(p1 4)" "$(p2 4)")   qemu $(ratio "$(p1 5)" "$(p2 5)")"
fi

echo
echo "columns: times in seconds (median of $RUNS); jit/nat and int/nat are slowdowns"
echo "vs native (lower is better); qemu/jit > 1 means tandem-jit is faster than qemu;"
echo "rss = peak resident set of the whole process. Raw numbers: $RESULTS"
if [ -n "$NOTES" ]; then
    printf "\nproblems:%b\n" "$NOTES"
    exit 1
fi
exit 0
