/*
 * Program entry.  The kernel leaves the System V initial stack at sp:
 * argc, argv[], NULL, envp[], NULL, auxv.  Pass them to C: __nx_entry is
 * libnexus's own, or the membrane's when the program uses picolibc.
 */
	.section .text.start
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	ld	a0, 0(sp)		/* argc */
	addi	a1, sp, 8		/* argv */
	slli	t0, a0, 3
	add	a2, a1, t0
	addi	a2, a2, 8		/* envp */
	mv	s0, zero
	call	__nx_entry
1:	j	1b

/*
 * The note that tells the kernel this is a native rumpk program (Linux
 * binaries, which lack it, get the Linux system-call personality).
 */
	.section .note.rumpk, "a"
	.balign 4
	.word	6			/* name size: "rumpk\0" */
	.word	4			/* descriptor size */
	.word	0x4e58			/* type */
	.asciz	"rumpk"
	.balign 4
	.word	3			/* ABI version (NX_ABI_VERSION) */
