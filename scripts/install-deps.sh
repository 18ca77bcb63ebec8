#!/bin/sh
# Install the build and test dependencies of tandem on Debian 12.
# Non-interactive (works with no stdin, e.g. in CI); a fast no-op when
# everything is already installed.
set -eu

PACKAGES="build-essential gcc make pkg-config gcc-riscv64-linux-gnu
libc6-dev-riscv64-cross qemu-user spin libcapstone-dev hyperfine"

missing=""
for pkg in $PACKAGES; do
    # dpkg-query is cheap; only call apt when something is really missing.
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"ok installed") ;;
        *) missing="$missing $pkg" ;;
    esac
done

if [ -z "$missing" ]; then
    echo "install-deps: all dependencies are installed"
    exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
# shellcheck disable=SC2086  # word splitting of the package list is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends $missing </dev/null
echo "install-deps: done"
