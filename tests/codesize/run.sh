#!/bin/bash
# Golden code-size tests for hot idioms (in the spirit of FEX's
# InstructionCountCI): each tests/codesize/<name>.S is a tiny guest whose
# idiom sits in a block that starts at a label.  A line
#   # expect-host-insns: LABEL N [TANDEM OPTIONS...]
# says that, run with `--backend=jit --trace OPTIONS`, the block starting
# at LABEL is translated to at most N host instructions (as Capstone
# counts them, cold paths included).  More than N fails, so a JIT
# code-size regression is caught; fewer passes with an info line, so the
# expectation can be tightened.  The guest must also exit 0.
#
# Needs the JIT and a build with Capstone; without them it skips with an
# info line.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

NM=riscv64-linux-gnu-nm
command -v "$NM" >/dev/null 2>&1 || NM=nm

case " ${TANDEM_BACKENDS:-} " in
    *" jit "*) ;;
    *) echo "codesize: skipped, this build has no JIT backend"; exit 0 ;;
esac

WORK=$(mktemp -d /tmp/tandem-codesize.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# host_insns TRACE ADDR: the host instruction count of the first block
# translated at guest address ADDR (hex, no 0x), or nothing if none.
host_insns()
{
    awk -v want="0x$2" '
        /^IN: block / { inblock = (tolower($3) == want) && !done; inout = 0; next }
        inblock && /^OUT: host code/ { inout = 1; n = 0; next }
        inout && /^  0x[0-9a-f]+:  / { n++; next }
        inout && !/^  -- guest / { print n; done = 1; inblock = inout = 0 }
        END { if (inout) print n }
    ' "$1"
}

for src in tests/codesize/*.S; do
    name=$(basename "$src" .S)
    prog=$BUILD/tests/codesize/$name
    specs=$(sed -n 's/^# expect-host-insns:[[:space:]]*//p' "$src")
    if [ -z "$specs" ]; then
        fail "codesize/$name" "no '# expect-host-insns:' line in $src"
        continue
    fi
    while read -r label expect opts; do
        test="codesize/$name:$label${opts:+ $opts}"
        if [ ! -x "$prog" ]; then
            fail "$test" "$prog not built (make all)"
            continue
        fi
        addr=$("$NM" "$prog" | awk -v l="$label" '$3 == l { print $1 }')
        if [ -z "$addr" ]; then
            fail "$test" "no symbol $label in $prog"
            continue
        fi
        addr=$(echo "$addr" | sed 's/^0*//')
        trace=$WORK/$name.trace
        # shellcheck disable=SC2086  # opts are separate words
        run_captured 60 "$trace.out" "$trace.err" \
            "$TANDEM" --backend=jit --trace $opts "$prog"
        status=$?
        cat "$trace.out" "$trace.err" >"$trace"
        if grep -q 'built without capstone' "$trace"; then
            echo "codesize: skipped, tandem was built without Capstone"
            exit 0
        fi
        if [ $status -ne 0 ]; then
            fail "$test" "guest $(describe_status $status), see $(keep_output "$test" "$trace.out" "$trace.err")"
            continue
        fi
        count=$(host_insns "$trace" "$addr")
        if [ -z "$count" ]; then
            fail "$test" "no translated block at $label (0x$addr) in the trace"
        elif [ "$count" -gt "$expect" ]; then
            fail "$test" "$count host instructions, expected at most $expect"
        else
            echo "codesize/$name:$label${opts:+ $opts}: $count host instructions (limit $expect)"
            pass "$test"
        fi
    done <<<"$specs"
done
