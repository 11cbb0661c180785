/*
 * What QEMU itself charges for the pieces of a doorbell, with no kernel in
 * the way: OpenSBI enters here in S-mode with paging off, and this times
 * with rdtime, N times each,
 *
 *   loop	an empty loop (addi, bnez), the overhead in the two below;
 *   ecall	U-mode ecall -> a four-instruction S-mode handler -> sret;
 *   call	a call and return of an empty function, as auipc+jalr and
 *		ret, which is how the kernel calls (it links without
 *		relaxation): QEMU cannot chain an indirect jump, so each
 *		one ends a translated block and looks the next one up.
 *
 * It prints "trapfloor N loop ecall call" (hex, timer ticks) on the UART
 * and powers off.  bench/run.py turns the ticks into nanoseconds.
 */
#define N		1000000
#define UART		0x10000000
#define UART_LSR	5
#define LSR_THRE	0x20
#define FINISHER	0x100000

	.section .text
	.globl _start
_start:
	la	t0, trap
	csrw	stvec, t0
	csrw	sie, zero

	/* loop: the bare loop, in S-mode. */
	li	s1, N
	rdtime	s2
1:	addi	s1, s1, -1
	bnez	s1, 1b
	rdtime	s3
	sub	s3, s3, s2

	/* ecall: round trips from U-mode, which runs this same code
	 * (paging is off, and OpenSBI's PMP lets U-mode at all but its
	 * own memory). */
	li	s1, N
	li	a7, 0
	la	t0, user
	csrw	sepc, t0
	li	t0, 0x100		/* sstatus.SPP = 0: sret goes to U */
	csrc	sstatus, t0
	rdtime	s2
	sret
user:
2:	ecall
	addi	s1, s1, -1
	bnez	s1, 2b
	li	a7, 1			/* the last one: done */
	ecall

trap:
	bnez	a7, ecalls_done
	csrr	t0, sepc
	addi	t0, t0, 4
	csrw	sepc, t0
	sret

ecalls_done:
	rdtime	s4
	sub	s4, s4, s2

	/* call: empty calls and returns, in S-mode. */
	li	s1, N
	rdtime	s2
3:
	.option push
	.option norelax
	call	empty
	.option pop
	addi	s1, s1, -1
	bnez	s1, 3b
	rdtime	s5
	sub	s5, s5, s2

	la	a0, banner
	jal	t6, puts
	li	a0, N
	jal	t6, puthex
	mv	a0, s3
	jal	t6, puthex
	mv	a0, s4
	jal	t6, puthex
	mv	a0, s5
	jal	t6, puthex
	li	a0, '\n'
	jal	t5, putc

	li	t0, FINISHER
	li	t1, 0x5555
	sw	t1, 0(t0)
4:	wfi
	j	4b

empty:
	ret

/* putc(a0), return to t5. */
putc:
	li	t0, UART
5:	lbu	t1, UART_LSR(t0)
	andi	t1, t1, LSR_THRE
	beqz	t1, 5b
	sb	a0, 0(t0)
	jr	t5

/* puts(a0: NUL-terminated), return to t6. */
puts:
	mv	t2, a0
6:	lbu	a0, 0(t2)
	beqz	a0, 7f
	jal	t5, putc
	addi	t2, t2, 1
	j	6b
7:	jr	t6

/* puthex(a0): " " and 16 hex digits, return to t6. */
puthex:
	mv	t2, a0
	li	a0, ' '
	jal	t5, putc
	li	t3, 60
8:	srl	a0, t2, t3
	andi	a0, a0, 15
	li	t4, 10
	blt	a0, t4, 9f
	addi	a0, a0, 'a' - '0' - 10
9:	addi	a0, a0, '0'
	jal	t5, putc
	addi	t3, t3, -4
	bgez	t3, 8b
	jr	t6

	.section .rodata
banner:
	.asciz	"trapfloor"
