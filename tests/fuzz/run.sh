#!/bin/bash
# Differential fuzz test of raw RV64GC instruction sequences.
#
# For each seed, $BUILD/tests/fuzz/gen writes a standalone guest program
# (random x/f registers, fcsr and scratch memory, then ~300 random items
# of RV64IMAFDC: ALU, M, loads/stores (misaligned too), AMOs, compressed
# forms and HINTs, every F/D op under every static rounding mode and dyn,
# CSR accesses to fflags/frm/fcsr, forward branches, local jumps and
# counted loops; then one write of the scratch buffer, an fflags log and
# every register; see tests/fuzz/gen.c).  It is assembled with
# riscv64-linux-gnu-gcc and run under qemu-riscv64 (the reference),
# every tandem backend, and the last backend once more under one
# non-default --atomics strategy (in turn by seed); all outputs must be
# byte-identical.  No LR/SC there: qemu's differ from tandem's exact
# ones.  "fuzz/lrsc-N" cases (N = 1..20) add LR/SC pairs (gen -l) and
# compare only tandem's two backends, under one strategy each, in turn.
#
# Then "fuzz/edges": $BUILD/tests/fuzz/edges writes a program that runs
# every F/D computational instruction on every combination of edge
# operands under every rounding mode (see tests/fuzz/edges.c); results
# and fflags must match too.
#
# Output: "PASS fuzz/<seed>" or "FAIL fuzz/<seed>: <runner> differs from
# <reference>: <first differing register> <values>" (for edges: the
# instruction, operands and both results).  A failing case leaves its
# program (.S and binary), each runner's output and a reproduction note
# in $TEST_OUTPUT/fuzz-<seed>/; tests/fuzz/bisect.sh narrows a seed down
# to one instruction and its operands.
#
# Environment (besides tests/lib/common.sh's): FUZZ_SEED adds one seed
# to the fixed list, FUZZ_SEEDS replaces the list (and skips the edge
# matrix and the lrsc cases), FUZZ_COUNT sets the items per program (default 300),
# FUZZ_JOBS the programs run at once (default 2).  The default run takes
# a few seconds on two cores.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

GEN=$BUILD/tests/fuzz/gen
EDGES=$BUILD/tests/fuzz/edges
RVCC=${RVCC:-riscv64-linux-gnu-gcc}
FUZZ_COUNT=${FUZZ_COUNT:-300}
FUZZ_JOBS=${FUZZ_JOBS:-2}
RUN_TIMEOUT=20

# Seeds 1-100 sweep the generator; the ones after them are regression
# cases that once found a difference (see the comment next to each).
REGRESSION_SEEDS=""
SEEDS=${FUZZ_SEEDS:-$(seq 1 100) $REGRESSION_SEEDS}
[ -n "${FUZZ_SEED:-}" ] && SEEDS="$SEEDS $FUZZ_SEED"

for tool in "$GEN" "$EDGES"; do
    if [ ! -x "$tool" ]; then
        fail "fuzz/setup" "$tool is not built (run make all)"
        exit 1
    fi
done
if ! command -v "$RVCC" >/dev/null; then
    fail "fuzz/setup" "$RVCC not found"
    exit 1
fi
if ! command -v "$QEMU" >/dev/null; then
    echo "warning: $QEMU not found: only the tandem backends are compared"
    QEMU=""
fi

WORK=$(mktemp -d /tmp/tandem-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0

# Runner names and their command lines; the first one is the reference.
# Each seed also runs under the last backend with one non-default
# --atomics strategy, in turn ("jit-atomics-cas"): AMOs go through the
# strategy's code.
RUNNERS=()
[ -n "$QEMU" ] && RUNNERS+=(qemu)
for b in $TANDEM_BACKENDS; do RUNNERS+=("$b"); done
last_backend=${RUNNERS[${#RUNNERS[@]} - 1]}
# shellcheck disable=SC2207  # one word per strategy
DEFAULT_STRATEGY=$("$TANDEM" --help 2>/dev/null |
    sed -n 's/.*LR\/SC strategy: .*(default: \([a-z0-9_]*\)).*/\1/p')
STRATEGIES=($("$TANDEM" --help 2>/dev/null |
    sed -n 's/.*LR\/SC strategy: \([^(]*\)(default: \([a-z0-9_]*\)).*/\1 \2/p' |
    tr -d ',' | awk '{ for (i = 1; i < NF; i++) if ($i != $NF) print $i }'))
runner_command()
{
    case $1 in
        qemu) echo "$QEMU" ;;
        *-atomics-*) echo "$TANDEM --backend=${1%%-atomics-*} --atomics=${1##*-atomics-}" ;;
        *) echo "$TANDEM --backend=$1" ;;
    esac
}
# run_runner RUNNER OUT ERR PROGRAM: returns the run's status.
run_runner()
{
    local r=$1 out=$2 err=$3 prog=$4
    case $r in
        qemu) run_captured "$RUN_TIMEOUT" "$out" "$err" "$QEMU" "$prog" ;;
        *-atomics-*)
            run_captured "$RUN_TIMEOUT" "$out" "$err" "$TANDEM" --backend="${r%%-atomics-*}" \
                --atomics="${r##*-atomics-}" "$prog" ;;
        *) run_captured "$RUN_TIMEOUT" "$out" "$err" "$TANDEM" --backend="$r" "$prog" ;;
    esac
}

# keep_failure NAME DIR: copies a case's files for a person to read
# (NAME: a seed or "edges").
keep_failure()
{
    local name=$1 dir=$2 keep="$TEST_OUTPUT/fuzz-$1" r tool=$GEN
    [ "$name" = edges ] && tool=$EDGES
    mkdir -p "$keep"
    cp "$dir"/* "$keep"/ 2>/dev/null
    {
        if [ "$name" = edges ]; then
            echo "the edge matrix: $EDGES > prog.S"
        elif [ "${name#lrsc-}" != "$name" ]; then
            echo "seed ${name#lrsc-} with LR/SC, $FUZZ_COUNT items: $GEN -l -n $FUZZ_COUNT ${name#lrsc-} > prog.S"
        else
            echo "seed $name, $FUZZ_COUNT instructions: $GEN -n $FUZZ_COUNT $name > prog.S"
        fi
        echo "$RVCC -static -nostdlib -march=rv64gc -o prog prog.S"
        echo "# reference: ${RUNNERS[0]}"
        for r in "${RUNNERS[@]}"; do
            echo "$(runner_command "$r") prog > $r.out   # status $(cat "$dir/$r.status" 2>/dev/null)"
        done
        for r in "${RUNNERS[@]:1}"; do
            echo "$tool -c ${RUNNERS[0]}.out $r.out   # first difference"
        done
        [ "$name" = edges ] ||
            echo "FUZZ_COUNT=$FUZZ_COUNT tests/fuzz/bisect.sh $name ${RUNNERS[${#RUNNERS[@]} - 1]}   # the first item that differs"
    } >"$keep/README"
    echo "$keep"
}

# fuzz_one NAME: builds, runs and compares one program (a seed's, or the
# edge matrix for "edges"); prints one line.
fuzz_one()
{
    local name=$1 dir=$WORK/$1 r ref status diff why="" tool=$GEN
    local gen_cmd=("$GEN" -n "$FUZZ_COUNT" "$name")
    if [ "$name" = edges ]; then
        tool=$EDGES
        gen_cmd=("$EDGES")
    elif [ "${name#lrsc-}" != "$name" ]; then
        # LR/SC: the two backends under the same strategy, in turn; no qemu
        local strategies=($DEFAULT_STRATEGY "${STRATEGIES[@]}") seed=${name#lrsc-}
        local strategy=${strategies[$((10#$seed % ${#strategies[@]}))]}
        gen_cmd=("$GEN" -l -n "$FUZZ_COUNT" "$seed")
        RUNNERS=("interp-atomics-$strategy" "jit-atomics-$strategy")
    elif [ "${#STRATEGIES[@]}" -gt 0 ]; then
        RUNNERS+=("$last_backend-atomics-${STRATEGIES[$((10#$name % ${#STRATEGIES[@]}))]}")
    fi
    mkdir -p "$dir"
    if ! "${gen_cmd[@]}" >"$dir/prog.S" 2>"$dir/gen.err"; then
        fail "fuzz/$name" "the generator failed: $(head -c 160 "$dir/gen.err")"
        return
    fi
    if ! "$RVCC" -static -nostdlib -march=rv64gc -o "$dir/prog" "$dir/prog.S" 2>"$dir/as.err"; then
        fail "fuzz/$name" "the program does not assemble: $(head -c 160 "$dir/as.err" | tr '\n' ' '); see $(keep_failure "$name" "$dir")"
        return
    fi
    for r in "${RUNNERS[@]}"; do
        run_runner "$r" "$dir/$r.out" "$dir/$r.err" "$dir/prog"
        status=$?
        echo "$status" >"$dir/$r.status"
        if [ "$status" -ne 0 ]; then
            why="$r: $(describe_status "$status"), stderr '$(head -c 160 "$dir/$r.err" | tr '\n' ' ')'"
            [ "$r" = qemu ] && why="$why (the program itself is wrong: a generator bug)"
            break
        fi
    done
    if [ -z "$why" ]; then
        ref=${RUNNERS[0]}
        for r in "${RUNNERS[@]:1}"; do
            if ! diff=$("$tool" -c "$dir/$ref.out" "$dir/$r.out" 2>&1); then
                why="${why:+$why; }$r differs from $ref: ${diff:-($tool -c says nothing)}"
            fi
        done
    fi
    if [ -z "$why" ]; then
        pass "fuzz/$name"
    else
        fail "fuzz/$name" "$why; see $(keep_failure "$name" "$dir")"
    fi
    rm -rf "$dir"
}

# FUZZ_JOBS programs at once; each prints its own line when done.
running=0
# LR/SC sequences compare the two backends (needs both and a strategy list)
LRSC_CASES=""
if [ -z "${FUZZ_SEEDS:-}" ] && [ -n "$DEFAULT_STRATEGY" ] &&
   [ "$(echo "$TANDEM_BACKENDS" | wc -w)" -ge 2 ]; then
    LRSC_CASES=$(seq -f 'lrsc-%g' 1 20)
fi
for seed in edges $LRSC_CASES $SEEDS; do
    case $seed in
        edges) [ -n "${FUZZ_SEEDS:-}" ] && continue ;;   # an explicit list is only seeds
        lrsc-[0-9]*) ;;
        *[!0-9]* | "") fail "fuzz/$seed" "not a seed (want a decimal number)"; continue ;;
    esac
    fuzz_one "$seed" &
    running=$((running + 1))
    if [ "$running" -ge "$FUZZ_JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
