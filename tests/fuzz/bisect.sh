#!/bin/bash
# Narrows a failing fuzz seed down to one instruction.
#
# usage: tests/fuzz/bisect.sh SEED [RUNNER]
#   RUNNER: interp or jit (default jit), or BACKEND-atomics-STRATEGY as
#   run.sh names it (jit-atomics-cas); compared with qemu-riscv64.
#   SEED "lrsc-N": seed N with LR/SC (gen -l), and the reference is the
#   interpreter under the same strategy instead of qemu.
#
# Builds prefixes of the seed's program (gen -u K: the first K items of
# the same sequence) and bisects for a K whose prefix differs while the
# K-1 prefix does not.  Prints that item, the registers it names before
# it runs (from the reference's dump of the K-1 prefix), and after it
# under the reference and under RUNNER.  Uses FUZZ_COUNT like
# tests/fuzz/run.sh; the files stay in $TEST_OUTPUT/fuzz-bisect-<seed>/.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

GEN=$BUILD/tests/fuzz/gen
RVCC=${RVCC:-riscv64-linux-gnu-gcc}
FUZZ_COUNT=${FUZZ_COUNT:-300}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 SEED [interp|jit|BACKEND-atomics-STRATEGY]" >&2
    exit 2
fi
SEED=$1
RUNNER=${2:-jit}
GEN_FLAGS=()
if [ "${SEED#lrsc-}" != "$SEED" ]; then
    SEED=${SEED#lrsc-}
    GEN_FLAGS=(-l)
fi
case $SEED in *[!0-9]* | "") echo "$0: not a seed: $1" >&2; exit 2 ;; esac
TANDEM_ARGS=(--backend="${RUNNER%%-atomics-*}")
case $RUNNER in
    interp | jit) ;;
    interp-atomics-?* | jit-atomics-?*) TANDEM_ARGS+=(--atomics="${RUNNER##*-atomics-}") ;;
    *) echo "$0: RUNNER is interp, jit or BACKEND-atomics-STRATEGY" >&2; exit 2 ;;
esac
REF=qemu
REF_CMD=("$QEMU")
if [ ${#GEN_FLAGS[@]} -gt 0 ]; then
    REF=interp
    REF_CMD=("$TANDEM" --backend=interp "${TANDEM_ARGS[@]:1}")
fi
[ -x "$GEN" ] || { echo "$0: $GEN is not built (run make all)" >&2; exit 2; }

DIR=$TEST_OUTPUT/fuzz-bisect-$1
mkdir -p "$DIR"
ulimit -c 0

# build K: the K-item prefix in $DIR/K{.S,} ; run K: its dumps
build()
{
    [ -x "$DIR/$1" ] && return 0
    "$GEN" "${GEN_FLAGS[@]}" -n "$FUZZ_COUNT" -u "$1" "$SEED" >"$DIR/$1.S" &&
        "$RVCC" -static -nostdlib -march=rv64gc -o "$DIR/$1" "$DIR/$1.S"
}
run()
{
    build "$1" || { echo "$0: prefix $1 does not build" >&2; exit 2; }
    run_captured 20 "$DIR/$1.ref" "$DIR/$1.ref.err" "${REF_CMD[@]}" "$DIR/$1"
    run_captured 20 "$DIR/$1.$RUNNER" "$DIR/$1.$RUNNER.err" "$TANDEM" "${TANDEM_ARGS[@]}" "$DIR/$1"
}
differs() # K: status 0 if RUNNER's dump of the K prefix differs from the reference's
{
    run "$1"
    ! "$GEN" -c "$DIR/$1.ref" "$DIR/$1.$RUNNER" >"$DIR/$1.diff"
}

if ! differs "$FUZZ_COUNT"; then
    echo "seed $SEED: $RUNNER agrees with $REF on all $FUZZ_COUNT items"
    exit 0
fi
if differs 0; then
    echo "seed $SEED: even the empty sequence differs: $(cat "$DIR/0.diff")"
    exit 1
fi
lo=0 hi=$FUZZ_COUNT   # lo agrees, hi differs
while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if differs "$mid"; then hi=$mid; else lo=$mid; fi
done

echo "seed $SEED: item $hi (of $FUZZ_COUNT) is the first whose prefix differs under $RUNNER:"
item=$(diff "$DIR/$lo.S" "$DIR/$hi.S" | sed -n 's/^> //p' | grep -v '^#')
echo "$item" | sed 's/^/    /'
echo "first difference ($REF vs $RUNNER): $(cat "$DIR/$hi.diff")"
regs=$(echo "$item" | grep -v '^\s*\.' | grep -oE '\b[xf][0-9]+\b' | sort -u)
echo "registers named, before -> after ($REF) / after ($RUNNER):"
for r in $regs fcsr; do
    before=$("$GEN" -p "$DIR/$lo.ref" | awk -v r="$r" '$1 == r { print $2 }')
    after_q=$("$GEN" -p "$DIR/$hi.ref" | awk -v r="$r" '$1 == r { print $2 }')
    after_t=$("$GEN" -p "$DIR/$hi.$RUNNER" | awk -v r="$r" '$1 == r { print $2 }')
    mark=""
    [ "$after_q" != "$after_t" ] && mark="   <-- differs"
    printf '    %-5s %s -> %s / %s%s\n' "$r" "$before" "$after_q" "$after_t" "$mark"
done
echo "files: $DIR"
exit 1
