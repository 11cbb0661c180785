#!/bin/sh
# Writes the seed corpus of one fuzz target from real inputs:
#   fuzz/seeds.sh elf|tar|fdt|nipbox|memfs CORPUS BUILD
#	elf	the programs and the kernel from the build, and a static
#		glibc program if riscv64-linux-gnu-gcc is there
#	tar	a small tree written by GNU tar in every format it has, and
#		the root archives from the build
#	fdt	QEMU's device trees for the virt machine
#	nipbox	command lines: quotes, $, backslashes, ; && || | < > 2>&1
#	memfs	operation programs (fuzz/fuzz_memfs.c decodes them): the
#		ones kept in fuzz/regressions/memfs/
# Files already in CORPUS (what the fuzzer found) stay.
set -eu

target=$1 out=$2 build=$3
mkdir -p "$out"

elf() {
	for f in "$build"/rootfs/bin/* "$build"/testroot/bin/* \
	    "$build"/user/elf/*/* "$build/kernel.elf"; do
		[ -f "$f" ] || continue
		name=${f#"$build"/}
		cp "$f" "$out/$(echo "$name" | tr / -)"
	done
	# A static glibc program, as the Linux personality runs them, when
	# the e2e tests' compiler is there.
	if command -v riscv64-linux-gnu-gcc >/dev/null 2>&1 &&
	    [ -f tests/linux/hello_env.c ]; then
		riscv64-linux-gnu-gcc -static -O2 -s -o "$out/linux-hello_env" \
		    tests/linux/hello_env.c
	fi
}

tar_formats() {
	work=$out.tree
	rm -rf "$work"
	mkdir -p "$work/short" "$work/long"

	# Short names, which every format can hold: files, a nested
	# directory, an empty one, a symbolic and a hard link, a dangling
	# link, a FIFO.
	t=$work/short
	mkdir -p "$t/bin" "$t/etc/empty" "$t/a/b/c"
	printf 'hello\n' > "$t/etc/motd"
	printf '#!/bin/nipbox\necho hi\n' > "$t/bin/script"
	head -c 700 /dev/zero | tr '\0' x > "$t/a/b/c/data"
	: > "$t/a/empty-file"
	ln -s ../etc/motd "$t/bin/motd"
	ln -s /a/b "$t/ab"
	ln -s nowhere "$t/dangling"
	ln "$t/etc/motd" "$t/a/hard"
	mkfifo "$t/a/fifo"

	# A path ustar must split into prefix and name; for gnu and pax,
	# names and link targets past ustar's 100 bytes and a path past its
	# 255.
	t=$work/long
	n50=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
	n99=$n50${n50%a}
	mkdir -p "$t/p/$n99/$n50"
	printf 'split\n' > "$t/p/$n99/$n50/f"
	deep=$t/d/$n99/$n50$n50
	mkdir -p "$deep/$n99"
	printf 'deep\n' > "$deep/$n99/f"
	printf 'long\n' > "$t/d/$n99$n99"
	ln -s "../d/$n99/$n50$n50/$n99/f" "$t/d/longlink"
	ln "$deep/$n99/f" "$t/d/hard-$n99"

	# A blocking factor of 1: no padding to 10 KiB, small inputs.
	opts="--owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -b 1"
	for f in ustar gnu oldgnu pax; do
		# shellcheck disable=SC2086
		tar $opts --format=$f -C "$work/short" \
		    -cf "$out/short-$f.tar" .
	done
	# v7 has no FIFOs.
	# shellcheck disable=SC2086
	tar $opts --format=v7 --exclude=fifo -C "$work/short" \
	    -cf "$out/short-v7.tar" .
	# shellcheck disable=SC2086
	tar $opts --format=ustar -C "$work/long" -cf "$out/long-ustar.tar" p
	for f in gnu pax; do
		# shellcheck disable=SC2086
		tar $opts --format=$f -C "$work/long" -cf "$out/long-$f.tar" .
	done
	# A pax global header, and names without a leading "./".
	# shellcheck disable=SC2086
	tar $opts --format=pax --pax-option=comment:=fuzz \
	    -C "$work/short" -cf "$out/short-pax-global.tar" etc bin
	rm -rf "$work"
}

tars() {
	tar_formats
	for f in initrd.tar test-initrd.tar; do
		if [ -f "$build/$f" ]; then
			cp "$build/$f" "$out/$f"
		fi
	done
}

# QEMU dumps its whole 1 MiB buffer; the tree is the first totalsize
# bytes, and a seed of that size fuzzes much faster.
dtb_trim() {
	size=$(od -An -tx1 -j4 -N4 "$1" | tr -d ' \n')
	head -c $((0x$size)) "$1" > "$2"
}

fdts() {
	dtb_trim "$build/virt.dtb" "$out/virt.dtb"
	# Two-cell sizes (RAM past 4 GiB), several harts, no initrd; and the
	# AIA interrupt controllers instead of the PLIC.
	for m in "big virt -m 3G -smp 4" \
	    "aia virt,aia=aplic-imsic -m 64M -smp 2"; do
		# shellcheck disable=SC2086
		set -- $m
		name=$1 machine=$2
		shift 2
		rm -f "$out.tmp"
		qemu-system-riscv64 -machine "$machine,dumpdtb=$out.tmp" "$@" \
		    -nographic -bios default >/dev/null 2>&1 || :
		if [ ! -f "$out.tmp" ]; then
			echo "$0: QEMU wrote no device tree for $m" >&2
			exit 1
		fi
		dtb_trim "$out.tmp" "$out/virt-$name.dtb"
		rm -f "$out.tmp"
	done
}

nipbox() {
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s' "$line" > "$out/line-$i"
	done <<'LINES'
hello a b
echo "hello world" 'single $? quoted' $?
echo "a \"quoted\" \\ word" \$? back\ slash
ls -l  /bin	 "tabs	 inside"
echo ''"$?"'' "$?$?" $?x x$?
cd '/bin' && 'unterminated
echo "unterminated \"
a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9
\\\\ \' \" \  end\
false && echo no || echo yes; X=1; echo $X ${X}y "$X" '$X'
export Y=2; Z=3 env; echo $Z # a comment
cat <in | grep -v x | wc >out 2>&1; a 2>>err >&2 0<&3
a |; | b; a && ; echo ${; echo ${A B}; echo 12>f; a & b
LINES
}

case "$target" in
elf) elf ;;
tar) tars ;;
fdt) fdts ;;
nipbox) nipbox ;;
memfs) cp fuzz/regressions/memfs/seed-* "$out"/ ;;
*) echo "usage: $0 elf|tar|fdt|nipbox|memfs CORPUS BUILD" >&2; exit 2 ;;
esac
