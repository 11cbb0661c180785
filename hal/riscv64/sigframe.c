/*
 * Linux's riscv64 signal frame (sigframe.h): built from a Subject's
 * context when a handler is entered, and taken back by rt_sigreturn.
 * Pure: it works on kernel copies of the frame, so the host tests run
 * it too; the caller moves the bytes to and from user memory.
 */
#include <string.h>

#include "hal/hal.h"
#include "nexus/abi.h"
#include "sigframe.h"

_Static_assert(sizeof(struct linux_rt_sigframe) == SIGFRAME_SIZE,
    "SIGFRAME_SIZE");

/* Only the rounding mode and the exception flags are fcsr's. */
#define FCSR_BITS	0xffu

void
sigframe_trampoline(uint32_t code[2])
{
	code[0] = 0x08b00893u;	/* addi a7, zero, 139 (rt_sigreturn) */
	code[1] = 0x00000073u;	/* ecall */
#ifdef __riscv
	/* Written as data, run as code by every hart from now on. */
	__asm__ volatile("fence.i" ::: "memory");
#endif
}

_Static_assert(sizeof(struct linux_siginfo) == SIGINFO_SIZE, "SIGINFO_SIZE");

void
sigframe_siginfo(void *info, const struct sigframe_args *a)
{
	struct linux_siginfo *si = info;

	memset(si, 0, sizeof(*si));
	si->signo = a->sig;
	si->code = a->code;
	if (a->addr)
		si->u.addr = a->addr;
	else
		si->u.kill.pid = a->pid;
}

void
sigframe_build(void *frame, const struct uctx *uc,
    const struct sigframe_args *a)
{
	struct linux_rt_sigframe *f = frame;
	struct linux_sigcontext *mc = &f->uc.mcontext;

	memset(f, 0, sizeof(*f));
	sigframe_siginfo(&f->info, a);
	f->uc.stack.sp = a->ss_sp;
	f->uc.stack.flags = (int32_t)a->ss_flags;
	f->uc.stack.size = a->ss_size;
	f->uc.sigmask = a->mask;
	mc->regs[0] = uc->tf.epc;
	for (int i = 1; i < 32; i++)
		mc->regs[i] = uc->tf.x[i];
	for (int i = 0; i < 32; i++)
		mc->fp.d.f[i] = uc->fp.f[i];
	mc->fp.d.fcsr = (uint32_t)(uc->fp.fcsr & FCSR_BITS);
}

void
sigframe_enter(struct uctx *uc, uint64_t frame_va, uint64_t handler,
    uint64_t ret, int sig)
{
	uc->tf.x[REG_A0] = (uint64_t)sig;
	uc->tf.x[REG_A1] = frame_va + offsetof(struct linux_rt_sigframe, info);
	uc->tf.x[REG_A2] = frame_va + offsetof(struct linux_rt_sigframe, uc);
	uc->tf.x[REG_RA] = ret;
	uc->tf.x[REG_SP] = frame_va;
	uc->tf.epc = handler;
}

/* The FP state is D's: the words past f[31] are the Q extension's, which
 * nobody has, and must be zero as Linux asks of reserved[]. */
static int
fp_ok(const struct linux_sigcontext *mc)
{
	for (int i = 0; i < 3; i++) {
		if (mc->fp.q.reserved[i])
			return 0;
	}
	return 1;
}

int
sigframe_restore(struct uctx *uc, const void *frame,
    struct sigframe_args *a)
{
	const struct linux_rt_sigframe *f = frame;
	const struct linux_sigcontext *mc = &f->uc.mcontext;
	uint64_t pc = mc->regs[0];

	/* sret always goes to U-mode; a pc outside user space could only
	 * fault there, so such a frame is refused as Linux refuses a bad
	 * one, with SIGSEGV. */
	if (pc < NX_USER_BASE || pc >= NX_USER_TOP || (pc & 1) || !fp_ok(mc))
		return NX_EINVAL;
	uc->tf.epc = pc;
	for (int i = 1; i < 32; i++)
		uc->tf.x[i] = mc->regs[i];
	for (int i = 0; i < 32; i++)
		uc->fp.f[i] = mc->fp.d.f[i];
	uc->fp.fcsr = mc->fp.d.fcsr & FCSR_BITS;
	a->mask = f->uc.sigmask;
	a->ss_sp = f->uc.stack.sp;
	a->ss_size = f->uc.stack.size;
	a->ss_flags = (uint32_t)f->uc.stack.flags;
	return 0;
}
