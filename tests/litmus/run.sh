#!/bin/bash
# LR/SC semantics under every --atomics strategy and every backend, with
# the guests in tests/litmus (see each file's header):
#   handshake   forced interleavings; every must-fail / must-succeed case,
#               .d and .w, ITER times per run (exact strategies); under
#               cas the ABA and same-value cases must SUCCEED, which shows
#               the test tells the strategies apart
#   counts      N threads x M LR/SC increments are exact: one contended
#               word, private counters on separate pages, private counters
#               packed on one page (.w: two per 8-byte granule); 2, 4, 8
#               threads; --stats must agree (sc_ok >= N*M); and "mixed":
#               one word, a quarter of the increments AMOs, a syscall every
#               16, so vCPUs keep leaving and re-entering guest code
#   treiber     an ABA-prone LR/SC Treiber stack, 2 and 4 threads for a few
#               seconds: no corruption under exact strategies; under cas
#               corruption is reported as info, not asserted
#   progress    8 threads on one word, 8 on different words of one page,
#               each must finish within 60 s
#   release     a page LRs no longer use leaves the exclusive state (excl
#               and stw: --stats pages_released > 0), and an LR there
#               afterwards is exact again (a same-value store fails the SC)
#   resume      an LR made while the other thread sleeps in a syscall, and
#               that thread back before the SC: its same-value store must
#               fail the SC, and its coming back alone must not; excl must
#               have made the single-hart reservations normal
#               (--stats res_upgraded > 0)
# The guests are first run under qemu-riscv64 with the cas expectations.
# Names: "litmus/<case> [backend, atomics=strategy]" or "litmus/<case> [qemu]".
# Environment (besides tests/lib/common.sh's): LITMUS_STRATEGIES to
# restrict strategies (default: excl hst stw cas), LITMUS_RUNS (default 2)
# for the short multi-threaded runs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

DIR=$BUILD/tests/litmus
STRATEGIES=${LITMUS_STRATEGIES:-excl hst stw cas}
RUNS=${LITMUS_RUNS:-2}
WORK=$(mktemp -d /tmp/tandem-litmus.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0

for g in handshake counts treiber release resume; do
    if [ ! -x "$DIR/$g" ]; then
        fail "litmus/setup" "$DIR/$g is not built (run make all)"
        exit 1
    fi
done
offered=$("$TANDEM" --help 2>&1 | sed -n 's/.*LR\/SC strategy: \([^(]*\)(.*/\1/p' | tr -d ',')

# run_cases LABEL TIMEOUT RUNS CMD...: runs the guest CMD up to RUNS
# times and turns its "ok/bad/info NAME: text" lines into one PASS or
# FAIL line per NAME ("litmus/NAME LABEL").  A run that dies or times out
# fails every case it had not yet reported and ends the repetitions.
# Info lines of the first run are shown.  Leaves the last run's output in
# $WORK/out and $WORK/err.
run_cases()
{
    local label=$1 limit=$2 runs=$3 i status line kind rest name text where guest=""
    shift 3
    for arg in "$@"; do
        case $arg in "$DIR"/*) guest=${arg#"$DIR"/} ;; esac
    done
    local -A why=()
    local names=()
    for ((i = 1; i <= runs; i++)); do
        run_captured "$limit" "$WORK/out" "$WORK/err" "$@"
        status=$?
        while IFS= read -r line; do
            kind=${line%% *}
            rest=${line#* }
            name=${rest%%:*}
            text=${rest#*: }
            case $kind in
                ok | bad) ;;
                info)
                    # shown once; "0 failed SCs" says nothing worth a line
                    case $text in "0 failed SCs"*) continue ;; esac
                    [ "$i" -eq 1 ] && echo "$label $name: $text"
                    continue ;;
                *) continue ;;
            esac
            [ -n "${why[$name]+x}" ] || { why[$name]=""; names+=("$name"); }
            if [ "$kind" = bad ] && [ -z "${why[$name]}" ]; then
                why[$name]="$text"
                [ "$runs" -gt 1 ] && why[$name]="run $i of $runs: $text"
            fi
        done <"$WORK/out"
        if [ "$status" -ne 0 ] && ! grep -q '^bad ' "$WORK/out"; then
            where=$(keep_output "litmus $* $label" "$WORK/out" "$WORK/err")
            fail "litmus/$guest $label" \
                "run $i of $runs: $(describe_status "$status") ($*), stderr '$(head -c 160 "$WORK/err" | tr '\n' ' ')'; see $where"
            break
        fi
        [ "$status" -ne 0 ] && break
    done
    for name in "${names[@]}"; do
        if [ -z "${why[$name]}" ]; then
            pass "litmus/$name $label"
        else
            fail "litmus/$name $label" "${why[$name]} (command: $*)"
        fi
    done
    [ "${#names[@]}" -gt 0 ] || [ "$status" -ne 0 ] ||
        fail "litmus/$guest $label" "the guest reported no case ($*)"
}

# stats_sum FIELD FILE: the sum of "FIELD N" over the --stats vCPU lines.
stats_sum()
{
    grep -o " $1 [0-9]*" "$2" | awk '{ s += $2 } END { print s + 0 }'
}

# counts_case B A LAYOUT SIZE THREADS M RUNS
counts_case()
{
    local b=$1 a=$2 layout=$3 size=$4 n=$5 m=$6 runs=$7
    local label="[$b, atomics=$a]" name="counts.$layout.$size.${n}t"
    run_cases "$label" 120 "$runs" "$TANDEM" --backend="$b" --atomics="$a" --stats \
        "$DIR/counts" "$layout" "$size" "$n" "$m"
    # the monitor's own counters must agree with the guest's (mixed: a
    # quarter of the increments are AMOs)
    local ok_count want=$((n * m))
    [ "$layout" = mixed ] && want=$((n * (m - m / 4)))
    ok_count=$(stats_sum sc_ok "$WORK/err")
    if grep -q "^ok " "$WORK/out" && [ "$ok_count" -lt "$want" ]; then
        fail "litmus/$name.stats $label" "--stats counts $ok_count successful SCs, want at least $want"
    fi
}

# progress_case B A LAYOUT M: 8 threads must finish within 60 s.
progress_case()
{
    local b=$1 a=$2 layout=$3 m=$4 status label="[$b, atomics=$a]"
    local name="progress.$([ "$layout" = one ] && echo one_word || echo one_page).8t"
    run_captured 60 "$WORK/out" "$WORK/err" "$TANDEM" --backend="$b" --atomics="$a" \
        "$DIR/counts" "$layout" d 8 "$m"
    status=$?
    if [ "$status" -eq 0 ] && grep -q '^ok ' "$WORK/out"; then
        pass "litmus/$name $label"
    elif [ "$status" -eq 124 ]; then
        fail "litmus/$name $label" "8 x $m LR/SC did not finish within 60 s (counts $layout d 8 $m)"
    else
        fail "litmus/$name $label" "$(describe_status "$status"): $(grep -m1 '^bad' "$WORK/out")"
    fi
}

# stats_positive NAME FIELD WHY: NAME passes if the last run's --stats
# count FIELD at least once, else fails with "--stats counts no WHY".
stats_positive()
{
    if [ "$(stats_sum "$2" "$WORK/err")" -gt 0 ]; then
        pass "$1"
    else
        fail "$1" "--stats counts no $3"
    fi
}

# release_case B A MODE RUNS: the page comes back to the fast path, and
# goes exclusive again at the next LR.
release_case()
{
    local b=$1 a=$2 mode=$3 runs=$4 label="[$b, atomics=$a]"
    run_cases "$label" 60 "$runs" "$TANDEM" --backend="$b" --atomics="$a" --stats \
        "$DIR/release" "$mode" 20 20000
    case $a in excl | stw) ;; *) return ;; esac   # the strategies with exclusive pages
    stats_positive "litmus/release.pages_released $label" pages_released \
        "released page after 20 x 20000 stores with no reservation alive"
}

# resume_case B A MODE RUNS: a thread coming back from a syscall between
# another's LR and SC.
resume_case()
{
    local b=$1 a=$2 mode=$3 runs=$4 label="[$b, atomics=$a]"
    run_cases "$label" 60 "$runs" "$TANDEM" --backend="$b" --atomics="$a" --stats \
        "$DIR/resume" "$mode" 20
    [ "$a" = excl ] || return 0   # the strategy with a single-hart mode
    stats_positive "litmus/resume.res_upgraded $label" res_upgraded \
        "single-hart reservation made normal in 120 rounds with an LR made while the other thread slept"
}

# The guests themselves, checked under qemu (whose LR/SC is a value
# compare, like cas): the cas expectations must hold there too.
if command -v "$QEMU" >/dev/null; then
    run_cases "[qemu]" 120 1 "$QEMU" "$DIR/handshake" cas 200
    run_cases "[qemu]" 120 1 "$QEMU" "$DIR/counts" one d 4 100000
    run_cases "[qemu]" 60 1 "$QEMU" "$DIR/treiber" cas 4 1000
    run_cases "[qemu]" 60 1 "$QEMU" "$DIR/release" cas 20 20000
    run_cases "[qemu]" 60 1 "$QEMU" "$DIR/resume" cas 20
else
    echo "qemu ($QEMU) not found: the guests are not checked against it"
fi

for b in $TANDEM_BACKENDS; do
    for a in $STRATEGIES; do
        label="[$b, atomics=$a]"
        t0=$SECONDS
        if ! echo " $offered " | grep -q " $a "; then
            fail "litmus/strategy $label" "tandem does not offer --atomics=$a (it offers: $offered)"
            continue
        fi
        mode=exact; [ "$a" = cas ] && mode=cas
        # stw stops the world twice per LR/SC pair: fewer, smaller runs
        iters=200; m=100000; runs=$RUNS; treiber_ms=2000
        if [ "$a" = stw ]; then
            iters=60; m=5000; runs=1
        fi

        run_cases "$label" 120 "$runs" "$TANDEM" --backend="$b" --atomics="$a" \
            "$DIR/handshake" "$mode" "$iters"

        for n in 2 4 8; do
            counts_case "$b" "$a" one d "$n" "$m" "$runs"
            counts_case "$b" "$a" pages w "$n" "$m" "$runs"
            counts_case "$b" "$a" page d "$n" "$m" "$runs"
        done
        counts_case "$b" "$a" page w 4 "$m" "$runs"
        counts_case "$b" "$a" mixed d 2 "$m" "$runs"
        counts_case "$b" "$a" mixed w 4 "$m" "$runs"

        for n in 2 4; do
            run_cases "$label" 60 1 "$TANDEM" --backend="$b" --atomics="$a" \
                "$DIR/treiber" "$mode" "$n" "$treiber_ms"
        done

        progress_case "$b" "$a" one "$m"
        progress_case "$b" "$a" page "$m"
        release_case "$b" "$a" "$mode" "$runs"
        resume_case "$b" "$a" "$mode" "$runs"
        echo "$label: $((SECONDS - t0)) s"
    done
done
exit 0
