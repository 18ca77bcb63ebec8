#!/bin/bash
# Linux personality checks that qemu-riscv64 cannot referee: each
# tests/linux/<name>.c says what Linux itself does in a line
#     expect: <the program's whole stdout, one line>
# and must print exactly that, exit 0, under every backend and every
# --atomics strategy.  (qemu differs from Linux in these places: it does
# not enforce vm.mmap_min_addr, has no clone3, checks getcwd's whole
# buffer, and aborts on fork in a multi-threaded guest.)
# The programs are cross-compiled here, into $BUILD/tests/linux.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

RVCC=${RVCC:-riscv64-linux-gnu-gcc}
OUT=$BUILD/tests/linux
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/tandem-linux.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0

strategies=$("$TANDEM" --help 2>&1 | sed -n 's/.*LR\/SC strategy: \([^(]*\)(.*/\1/p' | tr -d ',')

for src in tests/linux/*.c; do
    name=$(basename "$src" .c)
    bin=$OUT/$name
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
        if ! "$RVCC" -O2 -static -o "$bin" "$src" -lpthread 2>"$WORK/cc.err"; then
            fail "linux/$name" "does not compile: $(head -n 1 "$WORK/cc.err")"
            continue
        fi
    fi
    expect=$(sed -n 's/^ *\** *expect: //p' "$src" | head -n 1)
    for backend in $TANDEM_BACKENDS; do
        for s in $strategies; do
            label="linux/$name [$backend, atomics=$s]"
            run_captured 60 "$WORK/out" "$WORK/err" "$TANDEM" --backend="$backend" --atomics="$s" "$bin"
            status=$?
            got=$(cat "$WORK/out")
            if [ "$status" -ne 0 ]; then
                fail "$label" "$(describe_status "$status"): $(head -n 1 "$WORK/err")"
            elif [ "$got" != "$expect" ]; then
                fail "$label" "printed '$(head -n 1 "$WORK/out")', expected '$expect'"
            else
                pass "$label"
            fi
        done
    done
done
