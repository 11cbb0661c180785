/*
 * Entry from OpenSBI: a0 = hart id, a1 = physical address of the device
 * tree, S-mode, paging off.  Zero BSS, take the boot stack, enter C.
 */
	.section .text.boot
	.globl _start
_start:
	csrw	sie, zero
	csrw	sscratch, zero

	la	t0, _bss_start
	la	t1, _bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	la	sp, boot_stack_top
	mv	s0, zero
	call	kmain
3:	wfi
	j	3b

	.section .bss
	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.space	16384
boot_stack_top:
