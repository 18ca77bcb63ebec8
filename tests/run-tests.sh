#!/bin/bash
# tandem's test suite, run by `make check` after `make all`.
#
# Output: one line per test, "PASS name" or "FAIL name: why", some
# indented info lines, and as the very last line "N passed, N failed".
# The exit status is non-zero when any test failed.
#
# Parts:
#   a. insn    every build/tests/insn/* under each backend (stdout "PASS",
#              status 0), and under qemu-riscv64 to validate the expected
#              values themselves (except *atomic_exact*: qemu's LR/SC is
#              not exact).
#   b. guest   every build/tests/guest/* under each backend must match
#              qemu-riscv64's stdout and exit status; programs using
#              pthread_create run 5 times to catch races, and once more
#              under each non-default --atomics strategy.
#   c. unit    every executable in build/tests/unit/ runs natively; 0 = pass.
#   e. bad     tests/bad/run.sh: bad programs, options and guest crashes.
#   d. extra   every other executable tests/*/run.sh (e.g. tests/litmus/,
#              tests/model/).
#
# Convention for tests/*/run.sh scripts:
#   - they run from the repository root, with TANDEM, BUILD, QEMU and
#     TANDEM_BACKENDS ("interp" or "interp jit") in the environment, and
#     may source tests/lib/common.sh for pass/fail helpers;
#   - they print "PASS name" / "FAIL name: why" lines, one per test; each
#     such line counts here; any other line is shown indented as info;
#   - a script that exits non-zero without printing a FAIL line counts as
#     one failure; one that prints no PASS/FAIL line at all counts as one
#     test, passed if it exits 0;
#   - each script gets SCRIPT_TIMEOUT seconds (default 600).
#
# Environment: TANDEM_BACKENDS to restrict backends, GUEST_REPEAT (default
# 5) for multi-threaded guests, ATOMICS_STRATEGIES (default: all but the
# default one, from tandem --help; empty to skip), TEST_FILTER (a grep -E pattern on test
# names) to run a subset.
set -u
cd "$(dirname "$0")/.."
. tests/lib/common.sh

GUEST_TIMEOUT=${GUEST_TIMEOUT:-120}
INSN_TIMEOUT=${INSN_TIMEOUT:-20}
UNIT_TIMEOUT=${UNIT_TIMEOUT:-300}
SCRIPT_TIMEOUT=${SCRIPT_TIMEOUT:-600}
GUEST_REPEAT=${GUEST_REPEAT:-5}
TEST_FILTER=${TEST_FILTER:-}

passed=0
failed=0
WORK=$(mktemp -d /tmp/tandem-tests.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0                   # a crashing guest must not leave core files
rm -rf "$TEST_OUTPUT"

# record LINE: prints a PASS/FAIL line and counts it.
record()
{
    echo "$1"
    case $1 in
        PASS\ *) passed=$((passed + 1)) ;;
        FAIL\ *) failed=$((failed + 1)) ;;
    esac
}
ok() { record "PASS $1"; }
not_ok() { record "FAIL $1: $2"; }
info() { echo "    $*"; }

selected()
{
    [ -z "$TEST_FILTER" ] || echo "$1" | grep -qE -- "$TEST_FILTER"
}

if [ ! -x "$TANDEM" ]; then
    not_ok "setup" "$TANDEM is not built (run make all)"
    echo "$passed passed, $failed failed"
    exit 1
fi
if ! command -v "$QEMU" >/dev/null; then
    info "warning: $QEMU not found: reference runs are skipped"
    QEMU=""
fi
info "backends: $TANDEM_BACKENDS"

# --- a. per-instruction tests ---
insn_part()
{
    local bin name b status out=$WORK/out err=$WORK/err count=0
    for bin in "$BUILD"/tests/insn/*; do
        [ -f "$bin" ] && [ -x "$bin" ] || continue
        name=insn/$(basename "$bin")
        count=$((count + 1))
        for b in $TANDEM_BACKENDS; do
            selected "$name [$b]" || continue
            run_captured "$INSN_TIMEOUT" "$out" "$err" "$TANDEM" --backend="$b" "$bin"
            status=$?
            if [ "$status" -eq 0 ] && [ "$(cat "$out")" = "PASS" ]; then
                ok "$name [$b]"
            else
                not_ok "$name [$b]" "$(describe_status "$status"), stdout '$(head -c 80 "$out" | tr '\n' ' ')', stderr '$(head -c 160 "$err" | tr '\n' ' ')'"
            fi
        done
        # qemu's LR/SC compares values, so exact-monitor tests cannot pass there
        case $name in *atomic_exact*) continue ;; esac
        [ -n "$QEMU" ] && selected "$name [qemu]" || continue
        run_captured "$INSN_TIMEOUT" "$out" "$err" "$QEMU" "$bin"
        status=$?
        if [ "$status" -eq 0 ] && [ "$(cat "$out")" = "PASS" ]; then
            ok "$name [qemu]"
        else
            not_ok "$name [qemu]" "the test itself is wrong: under qemu $(describe_status "$status"), stdout '$(head -c 80 "$out" | tr '\n' ' ')'"
        fi
    done
    local checks
    # a CHECK may follow a numeric label ("91: CHECK(...)"); macros don't count
    checks=$(cat tests/insn/*.S 2>/dev/null | grep -v '#define' |
             grep -cE '(^|[^A-Za-z0-9_])CHECK[A-Z_]*\(')
    info "insn: $count test programs, $checks CHECK cases"
}

# --- b. guest programs, compared with qemu ---
guest_args=(first "second arg")
run_guest()
{
    # run_guest OUT ERR CMD...: the fixed arguments and environment every
    # guest gets, so startup.c can check them.
    local out=$1 err=$2
    shift 2
    TANDEM_GUEST_ENV=visible run_captured "$GUEST_TIMEOUT" "$out" "$err" "$@" "${guest_args[@]}"
}

# The LR/SC strategies this build offers, from the --help text; the
# multi-threaded guests also run once under each non-default one.
atomics_strategies()
{
    "$TANDEM" --help 2>/dev/null |
        sed -n 's/.*LR\/SC strategy: \([^(]*\)(default: \([a-z0-9_]*\)).*/\1 \2/p' |
        tr -d ',' | awk '{ for (i = 1; i < NF; i++) if ($i != $NF) print $i }'
}
ATOMICS_STRATEGIES=${ATOMICS_STRATEGIES-$(atomics_strategies)}

# compare_runs NAME RUNS WANT_STATUS CMD...: runs CMD (a guest) RUNS times;
# each run must give WANT_STATUS and stdout equal to $WORK/ref (when
# WANT_STATUS is empty there is no reference: no FAIL line is enough).
compare_runs()
{
    local name=$1 runs=$2 want_status=$3 i status why="" where
    local ref=$WORK/ref out=$WORK/out err=$WORK/err
    shift 3
    for ((i = 1; i <= runs; i++)); do
        run_guest "$out" "$err" "$@"
        status=$?
        if [ -n "$want_status" ]; then
            if [ "$status" -ne "$want_status" ]; then
                why="$(describe_status "$status"), qemu gave $want_status"
            elif ! cmp -s "$out" "$ref"; then
                why="stdout differs from qemu's ($(diff "$ref" "$out" | grep -m1 '^[<>]' | head -c 120))"
            fi
        elif grep -q '^FAIL' "$out" || [ "$status" -eq 124 ]; then
            why="$(describe_status "$status"), output has a FAIL line"
        fi
        if [ -n "$why" ]; then
            [ "$runs" -gt 1 ] && why="run $i of $runs: $why"
            where=$(keep_output "$name" "$out" "$err")
            cp "$ref" "${where%.\{out,err\}}.qemu.out" 2>/dev/null
            not_ok "$name" "$why; see $where"
            return
        fi
    done
    ok "$name"
}

guest_part()
{
    local bin name src b a runs threaded want_status where
    local ref=$WORK/ref
    for bin in "$BUILD"/tests/guest/*; do
        [ -f "$bin" ] && [ -x "$bin" ] || continue
        name=guest/$(basename "$bin")
        src=tests/guest/$(basename "$bin").c
        selected "$name" || continue
        threaded=0
        grep -q pthread_create "$src" 2>/dev/null && threaded=1
        runs=1
        [ "$threaded" -eq 1 ] && runs=$GUEST_REPEAT

        want_status=""
        if [ -n "$QEMU" ]; then
            run_guest "$ref" "$WORK/ref.err" "$QEMU" "$bin"
            want_status=$?
            if [ "$want_status" -eq 124 ] || grep -q '^FAIL' "$ref"; then
                where=$(keep_output "$name [qemu]" "$ref" "$WORK/ref.err")
                not_ok "$name [qemu]" "the program fails its own checks under qemu ($(describe_status "$want_status")); see $where"
                continue
            fi
        fi

        for b in $TANDEM_BACKENDS; do
            compare_runs "$name [$b]" "$runs" "$want_status" "$TANDEM" --backend="$b" "$bin"
            [ "$threaded" -eq 1 ] || continue
            for a in $ATOMICS_STRATEGIES; do
                # stw stops the world for every LR and SC: with 8 threads on
                # 2 cores the atomics stress takes minutes; tests/litmus/
                # covers stw's semantics instead.
                if [ "$a" = stw ] && [ "$(basename "$bin")" = atomics ]; then
                    info "$name [$b, atomics=stw]: skipped (8-thread stress, too slow under stw)"
                    continue
                fi
                compare_runs "$name [$b, atomics=$a]" 1 "$want_status" \
                    "$TANDEM" --backend="$b" --atomics="$a" "$bin"
            done
        done
    done
}

# --- c. unit tests, native ---
unit_part()
{
    local bin name status out=$WORK/out err=$WORK/err where
    for bin in "$BUILD"/tests/unit/*; do
        [ -f "$bin" ] && [ -x "$bin" ] || continue
        name=unit/$(basename "$bin")
        selected "$name" || continue
        run_captured "$UNIT_TIMEOUT" "$out" "$err" "$bin"
        status=$?
        if [ "$status" -eq 0 ]; then
            ok "$name"
        else
            where=$(keep_output "$name" "$out" "$err")
            not_ok "$name" "$(describe_status "$status"); see $where"
        fi
    done
}

# --- d. and e. scripts that follow the run.sh convention above ---
run_script()
{
    local script=$1 name status line saw_result=0 saw_fail=0
    name=${script%/run.sh}
    name=${name#tests/}
    # with a filter, run the script only if the filter names its directory
    if [ -n "$TEST_FILTER" ] && ! echo "$name/" | grep -qE -- "$TEST_FILTER" &&
       [ "$TEST_FILTER" = "${TEST_FILTER#"^$name/"}" ] &&
       [ "$TEST_FILTER" = "${TEST_FILTER#"$name/"}" ]; then
        return 0
    fi
    timeout --kill-after=10 "$SCRIPT_TIMEOUT" "$script" </dev/null >"$WORK/script.out" 2>&1
    status=$?
    while IFS= read -r line; do
        case $line in
            PASS\ * | FAIL\ *)
                saw_result=1
                selected "${line#* }" || continue
                case $line in FAIL\ *) saw_fail=1 ;; esac
                record "$line" ;;
            *) info "$line" ;;
        esac
    done <"$WORK/script.out"
    if [ "$status" -ne 0 ] && [ "$saw_fail" -eq 0 ]; then
        not_ok "$name/run.sh" "exited with $(describe_status "$status")"
    elif [ "$saw_result" -eq 0 ]; then
        ok "$name/run.sh"
    fi
}

start=$SECONDS
insn_part
info "insn part: $((SECONDS - start)) s"
t=$SECONDS; guest_part; info "guest part: $((SECONDS - t)) s"
t=$SECONDS; unit_part; info "unit part: $((SECONDS - t)) s"
t=$SECONDS; run_script tests/bad/run.sh; info "bad-input part: $((SECONDS - t)) s"
for script in tests/*/run.sh; do
    [ "$script" = tests/bad/run.sh ] && continue
    [ -x "$script" ] || continue
    t=$SECONDS; run_script "$script"; info "$script: $((SECONDS - t)) s"
done
info "total: $((SECONDS - start)) s"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
