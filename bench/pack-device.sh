#!/bin/sh
# Pack what the benchmark scripts need into build/devkit, for a machine
# that has none of it (no cross compiler, no qemu-user, maybe another
# libc): tandem, the benchmark binaries, qemu-riscv64 and every shared
# library they load, with the dynamic loader they were linked against.
# The wrappers start each program through that loader, so the host's own
# libc does not matter.  Then, on the other machine, from the repo root:
#
#     build/devkit/run bench/run-atomics.sh -n 5 -T "1 2 4 8 16"
#     build/devkit/run bench/run-kernels.sh --no-interp
#
# (`run` sets BUILD, QEMU and BENCH_PREBUILT=1 and runs its arguments.)
# The device tool carries it with carry: ["build/devkit"].
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
KIT=$BUILD/devkit
QEMU=${QEMU:-qemu-riscv64}

die() { echo "pack-device.sh: $*" >&2; exit 1; }
[ -x "$BUILD/tandem" ] || die "$BUILD/tandem not found: run 'make' first"
make -s -C "$ROOT/bench" BUILD="$BUILD" >/dev/null || die "building the benchmarks failed"
qemu=$(command -v "$QEMU") || die "$QEMU not found"

rm -rf "$KIT"
mkdir -p "$KIT/lib" "$KIT/bin" "$KIT/build"
cp -r "$BUILD/bench" "$KIT/build/bench"
rm -rf "$KIT/build/bench/logs" "$KIT"/build/bench/*.tsv
cp "$BUILD/tandem" "$KIT/bin/tandem"
cp "$qemu" "$KIT/bin/qemu-riscv64"

# every library either program loads, and the loader itself
for prog in "$BUILD/tandem" "$qemu"; do
    ldd "$prog" | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }'
done | sort -u | while read -r lib; do
    cp -L "$lib" "$KIT/lib/"
done
loader=$(cd "$KIT/lib" && ls ld-linux-*.so.* 2>/dev/null | head -n 1)
[ -n "$loader" ] || die "no dynamic loader found among the libraries"

# build/devkit/build/tandem and build/devkit/qemu-riscv64: programs that
# start the real ones through the packed loader
wrap() {   # WRAPPER PROGRAM KIT-RELATIVE-TO-WRAPPER
    cat >"$1" <<EOF
#!/bin/sh
K=\$(cd "\$(dirname "\$0")/$3" && pwd)
exec "\$K/lib/$loader" --library-path "\$K/lib" "\$K/bin/$2" "\$@"
EOF
    chmod +x "$1"
}
wrap "$KIT/build/tandem" tandem ..
wrap "$KIT/qemu-riscv64" qemu-riscv64 .

cat >"$KIT/run" <<'EOF'
#!/bin/sh
# build/devkit/run CMD...: CMD with the benchmark scripts pointed at the kit
K=$(cd "$(dirname "$0")" && pwd)
BUILD=$K/build QEMU=$K/qemu-riscv64 BENCH_PREBUILT=1 exec "$@"
EOF
chmod +x "$KIT/run"
"$KIT/build/tandem" --version >/dev/null || die "the packed tandem does not start"
"$KIT/qemu-riscv64" --version >/dev/null || die "the packed qemu-riscv64 does not start"
echo "packed $(du -sh "$KIT" | cut -f1) into $KIT"
