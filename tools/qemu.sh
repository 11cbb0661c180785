#!/bin/sh
# Boots rumpk in QEMU's virt machine: serial console on this terminal.
#   tools/qemu.sh KERNEL INITRD [extra QEMU options...]
# APPEND in the environment becomes the kernel command line.  Quit with
# `poweroff` at the prompt, or Ctrl-A then X.
set -eu
kernel=$1
initrd=$2
shift 2
if [ -n "${APPEND:-}" ]; then
	set -- -append "$APPEND" "$@"
fi
if [ -n "$initrd" ]; then
	set -- -initrd "$initrd" "$@"
fi
exec qemu-system-riscv64 -machine virt -m 128M -smp 1 -nographic \
	-bios default -kernel "$kernel" "$@"
