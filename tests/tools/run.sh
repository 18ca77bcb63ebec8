#!/bin/bash
# Developer tools of the JIT: --perfmap and --trace's host disassembly.
#   tools/perfmap: a run with --perfmap leaves /tmp/perf-PID.map, every
#     line "ADDR SIZE tandem-0xPC", one of them for the guest's entry
#     point, and no two blocks overlapping (perf would misattribute).
#   tools/trace-host-code: --trace disassembles host code (capstone is
#     loaded only then, with dlopen), so the block at the entry point
#     shows x86 mnemonics.
set -u
. tests/lib/common.sh

case " $TANDEM_BACKENDS " in
*" jit "*) ;;
*) echo "tools: skipped, this build has no JIT"; exit 0 ;;
esac

PROG=$BUILD/tests/guest/compute
entry=$(riscv64-linux-gnu-readelf -h "$PROG" | awk '/Entry point/ { print $NF }' | sed 's/^0x0*//')
WORK=$(mktemp -d /tmp/tandem-tools.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$TANDEM" --backend=jit --perfmap "$PROG" >"$WORK/out" 2>"$WORK/err" &
pid=$!
wait $pid
status=$?
map=/tmp/perf-$pid.map
if [ $status -ne 0 ]; then
    fail tools/perfmap "guest $(describe_status $status): $(head -c 200 "$WORK/err")"
elif [ ! -s "$map" ]; then
    fail tools/perfmap "no $map"
elif grep -vqE '^[0-9a-f]+ [0-9a-f]+ tandem-0x[0-9a-f]+$' "$map"; then
    fail tools/perfmap "malformed line: $(grep -vE '^[0-9a-f]+ [0-9a-f]+ tandem-0x[0-9a-f]+$' "$map" | head -n 1)"
elif ! grep -q " tandem-0x$entry\$" "$map"; then
    fail tools/perfmap "no block for the entry point 0x$entry"
else
    overlap=$(python3 - "$map" <<'PY'
import sys
r = sorted((int(a, 16), int(a, 16) + int(n, 16)) for a, n, _ in (l.split() for l in open(sys.argv[1])))
print(sum(1 for x, y in zip(r, r[1:]) if y[0] < x[1]))
PY
)
    if [ "$overlap" != 0 ]; then
        fail tools/perfmap "$overlap overlapping blocks"
    else
        echo "tools/perfmap: $(wc -l <"$map") blocks named"
        pass tools/perfmap
    fi
fi
rm -f "$map"

"$TANDEM" --backend=jit --trace "$PROG" >"$WORK/out" 2>"$WORK/trace"
status=$?
if grep -q 'built without capstone' "$WORK/trace"; then
    echo "tools/trace-host-code: skipped, tandem was built without Capstone"
elif [ $status -ne 0 ]; then
    fail tools/trace-host-code "guest $(describe_status $status)"
elif ! awk -v b="IN: block 0x$entry" '$0 == b { f = 1 } f && /^OUT: host code/ { getline; print; exit }' \
        "$WORK/trace" | grep -qE '^  0x[0-9a-f]{4}:  [a-z]+'; then
    fail tools/trace-host-code "no disassembled host code after the entry block: $(grep -m1 -A1 '^OUT' "$WORK/trace" | tr '\n' '|')"
else
    pass tools/trace-host-code
fi

# TANDEM_JIT_PAD=48 moves the first block 48 bytes within its page
# (the code region is page-aligned)
first_block_offset()
{
    local out=$WORK/pad.out pid
    env TANDEM_JIT_PAD="$1" "$TANDEM" --backend=jit --perfmap "$PROG" >"$out" 2>&1 &
    pid=$!
    wait $pid
    local addr
    addr=$(head -n 1 "/tmp/perf-$pid.map" 2>/dev/null | cut -d' ' -f1)
    rm -f "/tmp/perf-$pid.map"
    [ -n "$addr" ] && echo $((0x$addr % 4096))
}
off0=$(first_block_offset 0)
off48=$(first_block_offset 48)
if [ -n "$off0" ] && [ -n "$off48" ] && [ $((off48 - off0)) -eq 48 ]; then
    pass tools/jit-pad
else
    fail tools/jit-pad "first block at page offset '$off0' with pad 0, '$off48' with 48"
fi

# TANDEM_JIT_SPREAD=SEED adds 0, 16, 32 or 48 bytes after each block, so
# the second block's distance from the first moves by one of those, and
# some seed of 1-8 moves it
second_block_distance()
{
    local out=$WORK/spread.out pid
    env TANDEM_JIT_SPREAD="$1" "$TANDEM" --backend=jit --perfmap "$PROG" >"$out" 2>&1 &
    pid=$!
    wait $pid
    local a b
    a=$(sed -n 1p "/tmp/perf-$pid.map" 2>/dev/null | cut -d' ' -f1)
    b=$(sed -n 2p "/tmp/perf-$pid.map" 2>/dev/null | cut -d' ' -f1)
    rm -f "/tmp/perf-$pid.map"
    [ -n "$a" ] && [ -n "$b" ] && echo $((0x$b - 0x$a))
}
d0=$(second_block_distance 0)
spread_ok=1 moved=0
for seed in 1 2 3 4 5 6 7 8; do
    d=$(second_block_distance $seed)
    case $(( ${d:-0} - ${d0:-0} )) in
        0) ;;
        16|32|48) moved=1 ;;
        *) spread_ok=0 ;;
    esac
    [ -n "$d" ] || spread_ok=0
done
if [ -n "$d0" ] && [ $spread_ok = 1 ] && [ $moved = 1 ]; then
    pass tools/jit-spread
else
    fail tools/jit-spread "second block $d0 bytes after the first with seed 0; seeds 1-8 moved it by other amounts or not at all"
fi
