#!/bin/sh
# Builds the Linux 6.1 that `make bench-peers` compares rumpk with, once:
#   tools/peers/build-linux.sh BUILD_DIR
# The source is Debian's linux-source-6.1 package (tools/deps.sh peers),
# unpacked under BUILD_DIR/peers/; the configuration is tinyconfig plus
# tools/peers/linux.config.  The result is BUILD_DIR/peers/Image; the
# compiler's output goes to BUILD_DIR/peers/linux-build.log, whose end is
# shown when the build fails.
set -eu

build=$1
here=$(cd "$(dirname "$0")" && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
dir=$build/peers
src=$dir/linux-source-6.1
obj=$dir/linux-obj
log=$dir/linux-build.log
kmake="make -C $src O=$(realpath -m "$obj") ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu-"

mkdir -p "$dir" "$obj"
# A half-unpacked tree (an interrupted run) would build wrongly: the stamp
# is written only once tar has finished.  A newer package replaces it.
if [ ! -e "$src.unpacked" ] || [ "$tarball" -nt "$src.unpacked" ]; then
	echo "peers: unpacking $tarball" >&2
	rm -rf "$src"
	nice tar -xJf "$tarball" -C "$dir"
	touch "$src.unpacked"
fi

echo "peers: configuring and building Linux (log: $log)" >&2
: > "$log"
run() {
	if ! nice "$@" >> "$log" 2>&1; then
		tail -n 30 "$log" >&2
		echo "peers: the Linux build failed; the whole log is $log" >&2
		exit 1
	fi
}
run $kmake tinyconfig
run "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
    "$here/linux.config"
run $kmake olddefconfig
# Every option asked for, on or off, must have survived olddefconfig: one
# whose dependencies are missing, or that another option selects, is
# changed silently otherwise.
grep -E '^(CONFIG_|# CONFIG_.* is not set$)' "$here/linux.config" |
while read -r want; do
	grep -qxF "$want" "$obj/.config" || {
		echo "peers: '$want' did not survive Linux's configuration" >&2
		exit 1
	}
done
run $kmake -j2 Image
cp "$obj/arch/riscv/boot/Image" "$dir/Image"
echo "peers: built $dir/Image" >&2
