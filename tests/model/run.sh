#!/bin/bash
# Model-checks tests/model/excl.pml and single_hart.pml with spin; one
# PASS/FAIL line per property.  excl.pml:
#   model-safety            no SC succeeds after another hart's store to its word
#   model-progress          every hart's LR/SC loop finishes (weak fairness)
#   model-owner-safety      the same two with tag ownership in play (the tag
#   model-owner-progress    starts free; the page is exclusive throughout)
#   model-async-race        the asynchronous transition must be caught failing
#   model-release-race      so must a release that skips its sync
#   model-early-lr-race     and an LR that goes on after one sync without
#                           reading the page state again
#   model-arm-race          and an LR that arms its tag without a sync
#   model-settle-arm-race   and a settling LR that arms its word only
#                           after the settle sync
#   model-owner-bump-race   and an owner that writes without moving the tag
#   model-revoke-race       and a revoker that takes a tag from its owner
#                           without waiting for the owner's safe point
# single_hart.pml (a hart coming back from a syscall beside one that ran
# alone, storing without tags while alone):
#   model-single-hart-safety      no SC succeeds after the newcomer's store
#   model-single-hart-recheck-race  must fail: an LR that sets the flag
#                                 without reading the count again
#   model-single-hart-sync-race   must fail: a newcomer that looks for
#                                 reservations without syncing first
#   model-single-hart-stop-race   must fail: a newcomer that makes the
#                                 reservation normal without stopping W
#   model-single-hart-store-race  must fail: a store that takes the plain
#                                 write when alone without the flag set
set -u
cd "$(dirname "$0")"
if ! command -v spin >/dev/null || ! command -v gcc >/dev/null; then
    echo "FAIL model-safety: spin or gcc not installed"
    exit 1
fi
DIR=$(mktemp -d /tmp/tandem-model.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
cp excl.pml single_hart.pml "$DIR/"
cd "$DIR"
MODEL=excl.pml

# verify NAME SPIN_DEFINES CC_DEFINES PAN_FLAGS: runs pan on $MODEL, leaves
# its output in NAME.out
verify()
{
    local name=$1
    rm -f pan pan.* ./*.trail
    : >"$name.spin"; : >"$name.cc"; : >"$name.out"
    spin $2 -a "$MODEL" >"$name.spin" 2>&1 &&
        gcc -O2 $3 -o pan pan.c >"$name.cc" 2>&1 &&
        ./pan $4 >"$name.out" 2>&1
    grep -q "errors: 0" "$name.out" && return 0
    grep -q "errors: [1-9]" "$name.out" && return 1
    echo "  $name: spin/pan did not run:"; sed 's/^/    /' "$name.spin" "$name.cc" "$name.out" | tail -5
    return 2
}

# property NAME SPIN_DEFINES CC_DEFINES PAN_FLAGS EXPECT(ok|fail)
property()
{
    verify "$1" "$2" "$3" "$4"
    local r=$?
    local states
    states=$(grep -o "[0-9.e+]* states, stored" "$1.out" | head -1)
    if [ $r = 0 ] && [ "$5" = ok ]; then
        echo "PASS $1 ($states)"
    elif [ $r = 1 ] && [ "$5" = fail ]; then
        echo "PASS $1 (spin found the race: $(grep -m1 -o 'assertion violated.*' "$1.out"))"
    elif [ $r = 1 ]; then
        echo "FAIL $1: spin found a violation: $(grep -m1 -E 'violated|cycle|error' "$1.out")"
    elif [ $r = 0 ]; then
        echo "FAIL $1: spin found no violation in a variant that must fail"
    else
        echo "FAIL $1: spin could not check the model"
    fi
}

property model-safety "" "-DSAFETY -DCOLLAPSE" "-m100000" ok
property model-progress "-DPROGRESS" "-DNFAIR=4 -DCOLLAPSE" "-a -f -m100000" ok
property model-async-race "-DASYNC" "-DSAFETY" "-m100000" fail
property model-release-race "-DNO_RELEASE_SYNC" "-DSAFETY" "-m100000" fail
property model-early-lr-race "-DEARLY_PROCEED" "-DSAFETY" "-m100000" fail
property model-arm-race "-DNO_ARM_SYNC" "-DSAFETY" "-m100000" fail
property model-settle-arm-race "-DSETTLE_ARMS_LATE" "-DSAFETY" "-m100000" fail
property model-owner-safety "-DTAGS_ONLY" "-DSAFETY" "-m100000" ok
property model-owner-progress "-DTAGS_ONLY -DPROGRESS" "-DNFAIR=4" "-a -f -m100000" ok
property model-revoke-race "-DTAGS_ONLY -DNO_REVOKE_SYNC" "-DSAFETY" "-m100000" fail
property model-owner-bump-race "-DTAGS_ONLY -DOWNER_NO_BUMP" "-DSAFETY" "-m100000" fail

MODEL=single_hart.pml
property model-single-hart-safety "" "-DSAFETY" "-m100000" ok
property model-single-hart-recheck-race "-DNO_RECHECK" "-DSAFETY" "-m100000" fail
property model-single-hart-sync-race "-DNO_SYNC" "-DSAFETY" "-m100000" fail
property model-single-hart-stop-race "-DNO_STOP" "-DSAFETY" "-m100000" fail
property model-single-hart-store-race "-DNO_FLAG" "-DSAFETY" "-m100000" fail
