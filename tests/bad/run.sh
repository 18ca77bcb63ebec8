#!/bin/bash
# Bad-input tests: tandem must turn every bad program, bad option and
# guest crash into the documented exit status (src/util/diag.h, or
# 128+signal for guest deaths) with a one-line "tandem: ..." message,
# and must never hang.  Follows the tests/*/run.sh convention of
# tests/run-tests.sh: prints "PASS name" / "FAIL name: why" lines.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

LIMIT=20                      # seconds; every case here is instant
BAD=$BUILD/tests/bad
WORK=$(mktemp -d /tmp/tandem-bad.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0                   # guest deaths must not leave core files

# Hex address of symbol in a guest binary, without leading zeros.
symbol_address()
{
    local addr
    addr=$(riscv64-linux-gnu-nm "$1" | awk -v s="$2" '$3 == s { print $1 }')
    addr=$(echo "$addr" | sed 's/^0*//')
    echo "${addr:-0}"
}

# expect NAME STATUS 'REGEX...' -- CMD...: CMD must exit with STATUS and
# write exactly one stderr line that starts with "tandem:" and matches
# every extended REGEX (case-insensitive).
expect()
{
    local name=$1 want=$2
    shift 2
    local patterns=()
    while [ "$1" != "--" ]; do patterns+=("$1"); shift; done
    shift
    local out=$WORK/out err=$WORK/err status
    run_captured "$LIMIT" "$out" "$err" "$@"
    status=$?
    if [ "$status" -ne "$want" ]; then
        fail "$name" "$(describe_status "$status"), want $want; stderr: $(head -c 200 "$err" | head -n 2 | tr '\n' '|')"
        return
    fi
    local lines
    lines=$(wc -l <"$err")
    if [ "$lines" -ne 1 ] || ! head -n 1 "$err" | grep -q '^tandem: '; then
        fail "$name" "want one 'tandem: ...' line on stderr, got $lines: $(head -c 200 "$err" | tr '\n' '|')"
        return
    fi
    local p
    for p in "${patterns[@]}"; do
        if ! grep -qiE -- "$p" "$err"; then
            fail "$name" "message lacks /$p/: $(cat "$err")"
            return
        fi
    done
    pass "$name"
}

if [ ! -x "$TANDEM" ]; then
    fail "bad/setup" "$TANDEM is not built"
    exit 1
fi

# --- the program file itself is wrong: checked once ---
head -c 40 "$BAD/enosys" >"$WORK/truncated"     # an ELF header cut short
: >"$WORK/empty"
expect bad/not-elf 66 'elf' -- "$TANDEM" tests/bad/not_elf.txt
expect bad/empty-file 66 'elf|truncat|short|empty' -- "$TANDEM" "$WORK/empty"
expect bad/truncated-elf 66 'elf|truncat|short' -- "$TANDEM" "$WORK/truncated"
expect bad/wrong-machine 67 'machine|arch|risc' -- "$TANDEM" /bin/true
expect bad/dynamic 68 'dynamic' -- "$TANDEM" "$BAD/dynamic"
expect bad/missing-file 65 'tandem-no-such-program' -- "$TANDEM" /nonexistent/tandem-no-such-program

# --- bad command lines ---
expect bad/unknown-option 64 'bogus' -- "$TANDEM" --bogus "$BAD/enosys"
expect bad/no-program 64 'program|usage' -- "$TANDEM"
expect bad/unknown-backend 64 'nonsense' -- "$TANDEM" --backend=nonsense "$BAD/enosys"
expect bad/unknown-atomics 64 'nonsense' -- "$TANDEM" --atomics=nonsense "$BAD/enosys"
expect bad/jit-pad 64 'TANDEM_JIT_PAD.*17' -- env TANDEM_JIT_PAD=17 "$TANDEM" "$BAD/enosys"
expect bad/jit-spread 64 'TANDEM_JIT_SPREAD.*seed' -- env TANDEM_JIT_SPREAD=70000 "$TANDEM" "$BAD/enosys"

# --- the guest misbehaves: checked on every backend, since each one
# --- must map a host fault back to the guest pc ---
illegal_pc=$(symbol_address "$BAD/illegal_zero" bad_insn)
ones_pc=$(symbol_address "$BAD/illegal_ones" bad_insn)
store_pc=$(symbol_address "$BAD/segv_store" bad_access)
load_pc=$(symbol_address "$BAD/segv_load" bad_access)
below_pc=$(symbol_address "$BAD/segv_load_below" bad_access)
above_pc=$(symbol_address "$BAD/segv_load_above" bad_access)
hex_end='([^0-9a-f]|$)'
for b in $TANDEM_BACKENDS; do
    expect "bad/illegal-zero [$b]" 132 "0x0*$illegal_pc$hex_end" "(0x)?0000$hex_end|0x0+$hex_end" \
        -- "$TANDEM" --backend="$b" "$BAD/illegal_zero"
    expect "bad/illegal-ones [$b]" 132 "0x0*$ones_pc$hex_end" 'ffff' \
        -- "$TANDEM" --backend="$b" "$BAD/illegal_ones"
    expect "bad/segv-store [$b]" 139 "0x0*$store_pc$hex_end" "0x0*dead0000$hex_end" \
        -- "$TANDEM" --backend="$b" "$BAD/segv_store"
    expect "bad/segv-load [$b]" 139 "0x0*$load_pc$hex_end" "0x0*8$hex_end" \
        -- "$TANDEM" --backend="$b" "$BAD/segv_load"
    # a base inside the guest space, a displacement that leaves it
    expect "bad/segv-load-below-0 [$b]" 139 "0x0*$below_pc$hex_end" "0xfffffffffffffff0$hex_end" \
        -- "$TANDEM" --backend="$b" "$BAD/segv_load_below"
    expect "bad/segv-load-past-end [$b]" 139 "0x0*$above_pc$hex_end" "0x0*4000000008$hex_end" \
        -- "$TANDEM" --backend="$b" "$BAD/segv_load_above"

    # syscall 4000, twice: -ENOSYS both times, a single warning
    name="bad/unknown-syscall [$b]"
    run_captured "$LIMIT" "$WORK/out" "$WORK/err" "$TANDEM" --backend="$b" "$BAD/enosys"
    status=$?
    if [ "$status" -ne 0 ] || [ "$(cat "$WORK/out")" != "OK" ]; then
        fail "$name" "$(describe_status "$status"), stdout '$(head -c 100 "$WORK/out")', want 0 and 'OK'"
    elif [ "$(wc -l <"$WORK/err")" -ne 1 ] || ! grep -q '4000' "$WORK/err"; then
        fail "$name" "want exactly one warning line naming 4000, got: $(head -c 300 "$WORK/err" | tr '\n' '|')"
    else
        pass "$name"
    fi
done
