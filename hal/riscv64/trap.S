/*
 * The trap vector.  While a Subject runs, sscratch holds its trapframe; in
 * the kernel sscratch is 0.  The kernel runs with interrupts disabled, so a
 * trap taken in S-mode is always a kernel bug and goes to kernel_fault on a
 * stack of its own.  The kernel stays mapped in every Subject's page table,
 * so no satp switch happens on the way in or out.
 */
#include "trapframe.h"

	.section .text
	.balign 4
	.globl trap_vector
trap_vector:
	csrrw	sp, sscratch, sp
	beqz	sp, kernel_trap

	/*
	 * The doorbell (an ecall with a7 = NX_DOORBELL from a native
	 * Subject) is a call: like a function, it may change a1-a7 and
	 * t0-t6, which come back zero (no kernel value leaks), and keeps
	 * the rest.  So it saves only what the C code may change and the
	 * Subject keeps: ra, its sp and its pc; a0 is the answer.  The C
	 * code keeps s0-s11 (fiber switches included), so they are still
	 * the Subject's when it returns; a backtrace stops where s0 leads
	 * out of the kernel stack (core/panic.c).  gp and tp stay in the
	 * CPU: the kernel never uses them, and a switch to another
	 * Subject's fiber keeps them (fiber_switch).  Only when the
	 * program was replaced does the frame hold new registers, and then
	 * all of it is loaded.
	 */
	sd	t0, TF_REG(5)(sp)
	li	t0, TF_DOORBELL
	bne	a7, t0, full_trap
	csrr	t0, scause
	addi	t0, t0, -8		/* environment call from U-mode */
	bnez	t0, full_trap
	ld	t0, TF_NATIVE(sp)	/* a Linux program's ecall saves all */
	beqz	t0, full_trap
	sd	x1, TF_REG(1)(sp)
	csrrw	t0, sscratch, zero	/* the Subject's sp; in the kernel now */
	sd	t0, TF_REG(2)(sp)
	csrr	t0, sepc
	addi	t0, t0, 4		/* past the ecall */
	sd	t0, TF_EPC(sp)
	/* ion_doorbell(subject): the frame is the first thing of its
	 * Subject, and its address is the word at the top of the kernel
	 * stack (TF_KSP), which is where sp is again after the call.  The
	 * answer comes in a0 (the Subject's) and a1 (how to return). */
	mv	a0, sp
	ld	sp, TF_KSP(a0)
	call	ion_doorbell
	li	t0, TF_ECALL_QUIET
	bne	a1, t0, 2f
	ld	t1, 0(sp)
	/* sstatus.SPP is U already: only a trap from U-mode returns
	 * (one from S-mode is a kernel fault), and sret clears it. */
1:	ld	t0, TF_EPC(t1)
	csrw	sepc, t0
	csrw	sscratch, t1
	ld	x1, TF_REG(1)(t1)
	ld	x2, TF_REG(2)(t1)
	li	x5, 0
	li	x6, 0
	li	x7, 0
	li	x11, 0
	li	x12, 0
	li	x13, 0
	li	x14, 0
	li	x15, 0
	li	x16, 0
	li	x17, 0
	li	x28, 0
	li	x29, 0
	li	x30, 0
	li	x31, 0
	sret

	/* Something to settle: doorbell_settle(frame, a0, end) puts the
	 * answer in the frame and returns it, with bit 0 set when every
	 * register must come from it (the program was replaced). */
2:	mv	a2, a1
	mv	a1, a0
	ld	a0, 0(sp)
	call	doorbell_settle
	andi	t0, a0, 1
	andi	t1, a0, -2
	bnez	t0, 3f
	ld	a0, TF_REG(10)(t1)
	j	1b
3:	mv	a0, t1
	j	user_return

	/* Any other trap, and an ecall that is not the doorbell (a Linux
	 * system call, which fork, signals and sigreturn see whole), saves
	 * the whole frame. */
full_trap:
	sd	x1, TF_REG(1)(sp)
	sd	x3, TF_REG(3)(sp)
	sd	x4, TF_REG(4)(sp)
	sd	x6, TF_REG(6)(sp)
	sd	x7, TF_REG(7)(sp)
	sd	x8, TF_REG(8)(sp)
	sd	x9, TF_REG(9)(sp)
	sd	x10, TF_REG(10)(sp)
	sd	x11, TF_REG(11)(sp)
	sd	x12, TF_REG(12)(sp)
	sd	x13, TF_REG(13)(sp)
	sd	x14, TF_REG(14)(sp)
	sd	x15, TF_REG(15)(sp)
	sd	x16, TF_REG(16)(sp)
	sd	x17, TF_REG(17)(sp)
	sd	x18, TF_REG(18)(sp)
	sd	x19, TF_REG(19)(sp)
	sd	x20, TF_REG(20)(sp)
	sd	x21, TF_REG(21)(sp)
	sd	x22, TF_REG(22)(sp)
	sd	x23, TF_REG(23)(sp)
	sd	x24, TF_REG(24)(sp)
	sd	x25, TF_REG(25)(sp)
	sd	x26, TF_REG(26)(sp)
	sd	x27, TF_REG(27)(sp)
	sd	x28, TF_REG(28)(sp)
	sd	x29, TF_REG(29)(sp)
	sd	x30, TF_REG(30)(sp)
	sd	x31, TF_REG(31)(sp)
	csrr	t0, sscratch
	sd	t0, TF_REG(2)(sp)
	csrr	t0, sepc
	sd	t0, TF_EPC(sp)
	csrw	sscratch, zero
	mv	a0, sp
	ld	sp, TF_KSP(a0)
	mv	s0, zero		/* backtraces stop here */
	call	user_trap
	/* fall through: resume the trapframe user_trap returned */

/* void user_return(struct trapframe *tf): enter or re-enter U-mode with
 * every register from `tf`. */
	.globl user_return
user_return:
	ld	x8, TF_REG(8)(a0)
	ld	x9, TF_REG(9)(a0)
	ld	x18, TF_REG(18)(a0)
	ld	x19, TF_REG(19)(a0)
	ld	x20, TF_REG(20)(a0)
	ld	x21, TF_REG(21)(a0)
	ld	x22, TF_REG(22)(a0)
	ld	x23, TF_REG(23)(a0)
	ld	x24, TF_REG(24)(a0)
	ld	x25, TF_REG(25)(a0)
	ld	x26, TF_REG(26)(a0)
	ld	x27, TF_REG(27)(a0)
	ld	t0, TF_EPC(a0)
	csrw	sepc, t0
	li	t0, 0x100		/* sstatus.SPP: return to U-mode */
	csrc	sstatus, t0
	csrw	sscratch, a0
	ld	x1, TF_REG(1)(a0)
	ld	x2, TF_REG(2)(a0)
	ld	x3, TF_REG(3)(a0)
	ld	x4, TF_REG(4)(a0)
	ld	x5, TF_REG(5)(a0)
	ld	x6, TF_REG(6)(a0)
	ld	x7, TF_REG(7)(a0)
	ld	x11, TF_REG(11)(a0)
	ld	x12, TF_REG(12)(a0)
	ld	x13, TF_REG(13)(a0)
	ld	x14, TF_REG(14)(a0)
	ld	x15, TF_REG(15)(a0)
	ld	x16, TF_REG(16)(a0)
	ld	x17, TF_REG(17)(a0)
	ld	x28, TF_REG(28)(a0)
	ld	x29, TF_REG(29)(a0)
	ld	x30, TF_REG(30)(a0)
	ld	x31, TF_REG(31)(a0)
	ld	x10, TF_REG(10)(a0)
	sret

kernel_trap:
	csrrw	sp, sscratch, sp	/* undo the swap: sscratch is 0 again */
	mv	a0, s0
	mv	a1, sp
	la	sp, fault_stack_top
	call	kernel_fault
1:	wfi
	j	1b

	.section .bss
	.balign 16
fault_stack:
	.space	8192
fault_stack_top:
