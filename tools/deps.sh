#!/bin/sh
# Installs the Debian packages rumpk needs that are missing.
#   tools/deps.sh [build|run|test|debug|fuzz|realworld|peers|all]
#   (default: all)
#   tools/deps.sh deb-src    adds deb-src entries when apt has none
# As root it runs apt-get (with one `apt-get update` first); otherwise it
# prints the exact command to run.  It only looks when something is missing,
# so calling it before every build costs nothing.
set -eu

group=${1:-all}

# tool-or-file:package pairs, by what needs them.
build="riscv64-unknown-elf-gcc:gcc-riscv64-unknown-elf
riscv64-unknown-elf-ld:binutils-riscv64-unknown-elf
/usr/lib/picolibc/riscv64-unknown-elf/include/stdio.h:picolibc-riscv64-unknown-elf
tar:tar
make:make"
run="qemu-system-riscv64:qemu-system-misc
/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin:qemu-system-data"
test="cc:gcc
/usr/bin/python3:python3
py:pytest:python3-pytest
py:pexpect:python3-pexpect"
debug="gdb-multiarch:gdb-multiarch"
# libFuzzer comes with clang's runtime libraries.
fuzz="clang:clang
/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev"
# Static Linux test programs, and QEMU's user mode to compare them with.
linux="riscv64-linux-gnu-gcc:gcc-riscv64-linux-gnu
/usr/riscv64-linux-gnu/lib/libc.a:libc6-dev-riscv64-cross
qemu-riscv64:qemu-user"
# `make realworld`: unpacking Debian's source packages, SQLite's generated
# amalgamation (tclsh), a terminal emulator to compare full-screen
# programs by the screen they leave (pyte), and the Linux reference: proot
# runs a tree copy as / and puts qemu-riscv64-static in front of every
# exec, since this machine has no binfmt_misc to do that.
realworld="dpkg-source:dpkg-dev
tclsh:tcl
proot:proot
qemu-riscv64-static:qemu-user-static
patch:patch
/usr/bin/python3:python3
py:pexpect:python3-pexpect
py:pyte:python3-pyte"
# `make bench-peers`: Debian's Linux 6.1 source and what building a
# tinyconfig kernel from it needs (Kconfig's parser, the device-tree
# compiler's, the time constants' calculator).
peers="/usr/src/linux-source-6.1.tar.xz:linux-source-6.1
cc:gcc
xz:xz-utils
flex:flex
bison:bison
bc:bc
perl:perl
/usr/bin/python3:python3
py:pexpect:python3-pexpect"

# apt-get source needs deb-src entries; a fresh Debian image has only deb.
# They are added beside each deb entry, once, in a file of our own.
debsrc() {
	if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list \
	    /etc/apt/sources.list.d/; then
		return 0
	fi
	out=/etc/apt/sources.list.d/rumpk-deb-src
	if [ "$(id -u)" -ne 0 ]; then
		echo "apt has no deb-src entries; as root run: $0 deb-src" >&2
		exit 1
	fi
	echo "deps: adding deb-src entries ($out.*)" >&2
	if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
		sed -n 's/^Types: deb$/Types: deb-src/; /^#/d; p' \
		    /etc/apt/sources.list.d/*.sources > "$out.sources"
	fi
	if [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$out.list"
	fi
	apt-get update -qq >&2
}

case "$group" in
build) want="$build" ;;
run) want="$build
$run" ;;
test) want="$build
$run
$test
$linux" ;;
debug) want="$build
$run
$debug" ;;
fuzz) want="$build
$run
$fuzz" ;;
realworld) want="$build
$run
$linux
$realworld" ;;
peers) want="$build
$run
$linux
$peers" ;;
deb-src) debsrc; exit 0 ;;
all) want="$build
$run
$test
$linux
$debug" ;;
*) echo "usage: $0 [build|run|test|debug|fuzz|realworld|peers|deb-src|all]" >&2
   exit 2 ;;
esac

missing=""
for pair in $want; do
	pkg=${pair##*:}
	what=${pair%:*}
	case "$what" in
	py:*)
		/usr/bin/python3 -c "import ${what#py:}" 2>/dev/null && continue ;;
	/*)
		[ -e "$what" ] && continue ;;
	*)
		command -v "$what" >/dev/null 2>&1 && continue ;;
	esac
	missing="$missing $pkg"
done

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "rumpk needs these Debian packages:$missing" >&2
	echo "run:  sudo apt-get update && sudo $cmd" >&2
	exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
