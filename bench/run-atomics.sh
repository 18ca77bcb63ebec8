#!/bin/sh
# Atomics matrix: every workload x thread count under each tandem
# --atomics strategy, under qemu-riscv64 and natively, in one invocation;
# prints median times, ratios vs cas / qemu / native, and the targets of
# the exact-LL/SC issue beside them.  See bench/README.md.
set -u

usage() {
    cat <<'USAGE'
usage: bench/run-atomics.sh [-n RUNS] [-s SCALE] [-b BACKEND] [-w "W1 W2 ..."]
                            [-T "1 2 4"] [-S "cas excl hst stw"] [--stw-scale F] [-t SECONDS]
  -n RUNS        runs per cell; the median time is shown (default 3)
  -s SCALE       work multiplier (default 1; 0.1 = 10x shorter)
  -b BACKEND     tandem --backend (default jit)
  -w WORKLOADS   only these (default: all of bench/atomics/*.c)
  -T THREADS     thread counts (default "1 2 4"; 0 = the work in the main thread,
                 no thread created: a single-threaded program)
  -S STRATEGIES  --atomics strategies (default "cas excl hst stw"; cas is the baseline)
  --stw-scale F  stw stops the world on every LR and SC, which is ~1000x slower;
                 on workloads with atomics it runs F times the work and its time
                 is extrapolated (divided by F), shown with a '~' (default 0.02)
  -t SECONDS     per-run time limit (default 600)
USAGE
}

. "$(dirname "$0")/lib.sh"

RUNS=3 SCALE=1 BACKEND=jit WORKLOADS="" THREADS="1 2 4" STRATS="cas excl hst stw"
STW_SCALE=0.02 LIMIT=600
while [ $# -gt 0 ]; do
    case $1 in
        -n) RUNS=${2:?}; shift 2 ;;
        -s) SCALE=${2:?}; shift 2 ;;
        -b) BACKEND=${2:?}; shift 2 ;;
        -w) WORKLOADS=${2:?}; shift 2 ;;
        -T) THREADS=${2:?}; shift 2 ;;
        -S) STRATS=${2:?}; shift 2 ;;
        --stw-scale) STW_SCALE=${2:?}; shift 2 ;;
        -t) LIMIT=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 64 ;;
    esac
done
case $RUNS in ''|*[!0-9]*|0) die "bad -n '$RUNS' (want a positive integer)" ;; esac
for v in "$SCALE" "$STW_SCALE"; do
    awk -v s="$v" 'BEGIN { exit !(s + 0 > 0) }' || die "bad scale '$v' (want a positive number)"
done
for t in $THREADS; do
    case $t in ''|*[!0-9]*) die "bad thread count '$t'" ;; esac
done

bench_prepare
[ -n "$WORKLOADS" ] || WORKLOADS=$(cd "$ROOT/bench/atomics" && ls *.c | sed 's/\.c$//')
for w in $WORKLOADS; do
    [ -x "$OUT/rv/atomics/$w" ] || die "no workload '$w'"
done
for s in $STRATS; do
    "$TANDEM" --backend="$BACKEND" --atomics="$s" --version >/dev/null 2>&1 ||
        die "tandem does not accept --backend=$BACKEND --atomics=$s"
done

echo "tandem atomics matrix: backend $BACKEND; $RUNS interleaved round(s) (JIT code placed differently each round), median wall time;" \
     "scale $SCALE; $(nproc) CPUs"
echo "tandem: $("$TANDEM" --version 2>&1 | head -n 1)"
[ "$HAVE_QEMU" = 1 ] && echo "qemu:   $("$QEMU" --version | head -n 1)"
echo

RESULTS=$OUT/atomics.tsv
printf 'workload\tthreads\tnative\tqemu' >"$RESULTS"
for s in $STRATS; do printf '\t%s' "$s" >>"$RESULTS"; done
echo >>"$RESULTS"

hdr="%-15s %3s %8s %8s"
printf "$hdr" workload thr native qemu
for s in $STRATS; do printf ' %9s' "$s"; done
for s in $STRATS; do [ "$s" = cas ] || printf ' %9s' "$s/cas"; done
printf ' %9s %9s  %s\n' excl/qemu excl/nat "target (issue)"

NOTES="" FAILED=0
note() { NOTES="$NOTES\n$1"; }

# run_once RUNNER: one run of workload $w with $t threads (measure_rounds)
# shellcheck disable=SC2317  # called through measure_rounds
run_once() {
    case $1 in
        native) measure_once "$cell.native" "$LIMIT" "$OUT/native/atomics/$w" "$t" "$SCALE" ;;
        qemu)   measure_once "$cell.qemu" "$LIMIT" "$QEMU" "$rv" "$t" "$SCALE" ;;
        *)      sc=$SCALE
                [ "$1" = stw ] && [ "$w" != store_heavy ] && sc=$stw_sc
                measure_once "$cell.$1" "$LIMIT" \
                    "$TANDEM" --backend="$BACKEND" --atomics="$1" "$rv" "$t" "$sc" ;;
    esac
}

for w in $WORKLOADS; do
    rv=$OUT/rv/atomics/$w
    for t in $THREADS; do
        cell="$w-${t}t"
        # the runners take turns, RUNS rounds, so that each ratio compares
        # runs made at nearly the same time on a noisy machine
        stw_sc=$(awk -v a="$SCALE" -v f="$STW_SCALE" 'BEGIN { printf "%g", a * f }')
        runners="native"
        [ "$HAVE_QEMU" = 1 ] && runners="$runners qemu"
        # shellcheck disable=SC2086  # one word per runner
        measure_rounds "$cell" "$RUNS" run_once $runners $STRATS
        set -- $(measure_summary "$cell.native")
        nat_t=$1 nat_sum=$4
        [ "$3" = ok ] || { FAILED=1; note "$cell native: $3 ($LOG/$cell.native.err)"; }
        check() {   # runner status checksum same_scale
            case $2 in
                ok) ;;
                err) note "$cell $1: $(cat "$LOG/$cell.$1.complaint")" ;;
                *) FAILED=1; note "$cell $1: $2 ($LOG/$cell.$1.err)" ;;
            esac
            if [ "$2" = ok ] && [ "$4" = 1 ] && [ "$3" != "$nat_sum" ]; then
                note "$cell $1: checksum $3, native says $nat_sum"
            fi
        }
        qemu_t=-
        if [ "$HAVE_QEMU" = 1 ]; then
            set -- $(measure_summary "$cell.qemu")
            qemu_t=$1; check qemu "$3" "$4" 1
        fi
        times="" shown=""
        for s in $STRATS; do
            factor=1 mark=""
            if [ "$s" = stw ] && [ "$w" != store_heavy ]; then
                factor=$STW_SCALE mark="~"
            fi
            set -- $(measure_summary "$cell.$s")
            check "$s" "$3" "$4" "$( [ "$factor" = 1 ] && echo 1 || echo 0)"
            st=$(awk -v a="$1" -v f="$factor" 'BEGIN { if (a == "-") print "-"; else printf "%.6f", a / f }')
            times="$times $st"
            shown="$shown $mark$(secs "$st")"
            eval "T_$s=\$st"
        done
        cas_t=${T_cas:--} excl_t=${T_excl:--}
        printf "$hdr" "$w" "$t" "$(secs "$nat_t")" "$(secs "$qemu_t")"
        for x in $shown; do printf ' %9s' "$x"; done
        for s in $STRATS; do
            [ "$s" = cas ] && continue
            eval "st=\$T_$s"
            printf ' %9s' "$(ratio "$st" "$cas_t")"
        done
        ec=$(ratio "$excl_t" "$cas_t") en=$(ratio "$excl_t" "$nat_t")
        # The issue's targets: excl within 1.15x of cas on every atomic
        # workload, within 3% on the store-heavy one, and the 2-thread
        # mutex loop at most 2x native.
        if [ "$w" = store_heavy ]; then
            target="excl/cas<=1.03" ok=$(awk -v r="$ec" 'BEGIN { print (r != "-" && r <= 1.03) ? "met" : "MISSED" }')
        else
            target="excl/cas<=1.15" ok=$(awk -v r="$ec" 'BEGIN { print (r != "-" && r <= 1.15) ? "met" : "MISSED" }')
        fi
        if [ "$w" = mutex_loop ] && [ "$t" = 2 ]; then
            ok2=$(awk -v r="$en" 'BEGIN { print (r != "-" && r <= 2) ? "met" : "MISSED" }')
            target="$target $ok, excl/nat<=2" ok=$ok2
        fi
        printf ' %9s %9s  %s %s\n' "$(ratio "$excl_t" "$qemu_t")" "$en" "$target" "$ok"
        printf '%s\t%s\t%s\t%s' "$w" "$t" "$nat_t" "$qemu_t" >>"$RESULTS"
        for x in $times; do printf '\t%s' "$x" >>"$RESULTS"; done
        echo >>"$RESULTS"
        unset T_cas T_excl T_hst T_stw
    done
done

echo
echo "times in seconds (median of $RUNS); '~' = extrapolated from a run at $STW_SCALE of the work;"
echo "s/cas: slowdown of strategy s vs cas (1.00 = same; cas is not ABA-safe, so this is the"
echo "price of exact LR/SC); excl/qemu < 1 means tandem excl beats qemu. Raw: $RESULTS"
[ -n "$NOTES" ] && printf "\nnotes (program complaints, checksum differences, failures):%b\n" "$NOTES"
exit "$FAILED"
