/*
 * What trap.S saves when a Subject traps, and where its kernel stack is.
 * trap.S uses the offsets below; the asserts keep C and assembly in step.
 */
#ifndef RUMPK_TRAPFRAME_H
#define RUMPK_TRAPFRAME_H

#define TF_REG(n)	((n) * 8)	/* x1..x31; slot 0 unused */
#define TF_EPC		256
#define TF_KSP		264
#define TF_NATIVE	272
#define TF_SIZE		280
/* a7 of the doorbell ecall (NX_DOORBELL; cpu.c checks they agree). */
#define TF_DOORBELL	0x4e58
/* ion_doorbell's answer when nothing is left to settle (ECALL_QUIET of
 * enum ecall_end in core/kernel.h; cpu.c checks they agree). */
#define TF_ECALL_QUIET	1

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct trapframe {
	uint64_t x[32];
	uint64_t epc;
	uint64_t kernel_sp;	/* top of the Subject's kernel stack */
	uint64_t native;	/* nonzero: the doorbell is its (trap.S) */
};

_Static_assert(offsetof(struct trapframe, epc) == TF_EPC, "TF_EPC");
_Static_assert(offsetof(struct trapframe, kernel_sp) == TF_KSP, "TF_KSP");
_Static_assert(offsetof(struct trapframe, native) == TF_NATIVE, "TF_NATIVE");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

/* Register numbers of the System V calling convention. */
enum { REG_RA = 1, REG_SP = 2, REG_A0 = 10, REG_A1 = 11, REG_A2 = 12,
	REG_A7 = 17 };

/* FPU state of a Subject: f0..f31 and fcsr. */
struct fpstate {
	uint64_t f[32];
	uint64_t fcsr;
};
#endif

#endif
