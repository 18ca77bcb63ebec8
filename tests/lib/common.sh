# Helpers shared by tests/run-tests.sh and the tests/*/run.sh scripts.
# Source it from the repository root.  It reads (and exports defaults for):
#   TANDEM          the translator to test        (default build/tandem)
#   BUILD           the build directory           (default build)
#   QEMU            the reference emulator        (default qemu-riscv64)
#   TANDEM_BACKENDS backends to test, space-separated (default: probed)
#   TEST_OUTPUT     where failing runs leave their output (default $BUILD/test-output)

: "${BUILD:=build}"
: "${TANDEM:=$BUILD/tandem}"
: "${QEMU:=qemu-riscv64}"
: "${TEST_OUTPUT:=$BUILD/test-output}"
export BUILD TANDEM QEMU TEST_OUTPUT

# interp always; jit only when this build has it.
probe_backends()
{
    local list="interp"
    if "$TANDEM" --backend=jit --version >/dev/null 2>&1; then
        list="$list jit"
    fi
    echo "$list"
}
if [ -z "${TANDEM_BACKENDS:-}" ] && [ -x "$TANDEM" ]; then
    TANDEM_BACKENDS=$(probe_backends)
fi
export TANDEM_BACKENDS

# The only output that counts: "PASS name" and "FAIL name: why".
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# Describe an exit status the way a shell user would read it.
describe_status()
{
    local s=$1
    case $s in
        124) echo "timed out" ;;
        132) echo "status 132 (SIGILL)" ;;
        134) echo "status 134 (SIGABRT)" ;;
        135) echo "status 135 (SIGBUS)" ;;
        137) echo "status 137 (SIGKILL)" ;;
        139) echo "status 139 (SIGSEGV)" ;;
        *) echo "status $s" ;;
    esac
}

# run_captured TIMEOUT OUT ERR CMD...: runs CMD with no stdin, stdout in
# OUT and stderr in ERR; returns CMD's status (124 if it timed out).
# --kill-after: a translator wedged in a signal handler still goes away.
run_captured()
{
    local limit=$1 out=$2 err=$3
    shift 3
    # the group's 2>/dev/null silences bash's "Illegal instruction" notes
    { timeout --kill-after=5 "$limit" "$@" </dev/null >"$out" 2>"$err"; } 2>/dev/null
}

# Keep the output of a failing run for a person to read; prints its path.
keep_output()
{
    local name=$1 out=$2 err=$3
    mkdir -p "$TEST_OUTPUT"
    local base="$TEST_OUTPUT/$(echo "$name" | tr '/ []' '-___')"
    cp "$out" "$base.out" 2>/dev/null
    cp "$err" "$base.err" 2>/dev/null
    echo "$base.{out,err}"
}
