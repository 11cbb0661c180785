/*
 * Linux's signal frame on riscv64, byte for byte (arch/riscv's struct
 * rt_sigframe: a siginfo, then a ucontext whose sigcontext holds the 32
 * registers and the FP state).  A program's handler reads it, and
 * rt_sigreturn reads it back, so it is ABI: the asserts pin every offset
 * glibc and Linux agree on.  The frame lives in user memory, so what
 * comes back is untrusted: sigframe_restore() takes from it nothing but
 * the program's own registers, and only a user address as the pc.
 */
#ifndef RUMPK_SIGFRAME_H
#define RUMPK_SIGFRAME_H

#include <stddef.h>
#include <stdint.h>

struct linux_siginfo {
	int32_t signo;
	int32_t err;
	int32_t code;
	int32_t pad0;
	union {
		struct {
			uint32_t pid;	/* kill, tkill */
			uint32_t uid;
		} kill;
		uint64_t addr;		/* faults */
		uint8_t pad[112];
	} u;
};

struct linux_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};

/* struct sigcontext: sc_regs (pc, then x1..x31) and the FP state,
 * union __riscv_fp_state, of which Linux fills the D part; the Q part's
 * reserved words must be zero (rt_sigreturn refuses others). */
struct linux_sigcontext {
	uint64_t regs[32];
	union {
		struct {
			uint64_t f[32];
			uint32_t fcsr;
		} d;
		struct {
			uint64_t f[64] __attribute__((aligned(16)));
			uint32_t fcsr;
			uint32_t reserved[3];
		} q;
	} fp;
};

struct linux_ucontext {
	uint64_t flags;
	uint64_t link;
	struct linux_stack stack;
	uint64_t sigmask;
	uint8_t unused[120];	/* room for a larger sigset_t */
	struct linux_sigcontext mcontext;
};

struct linux_rt_sigframe {
	struct linux_siginfo info;
	struct linux_ucontext uc;
};

_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo_t");
_Static_assert(offsetof(struct linux_siginfo, code) == 8, "si_code");
_Static_assert(offsetof(struct linux_siginfo, u.addr) == 16, "si_addr");
_Static_assert(offsetof(struct linux_siginfo, u.kill.uid) == 20, "si_uid");
_Static_assert(sizeof(struct linux_stack) == 24, "stack_t");
_Static_assert(offsetof(struct linux_stack, size) == 16, "ss_size");
_Static_assert(offsetof(struct linux_ucontext, stack) == 16, "uc_stack");
_Static_assert(offsetof(struct linux_ucontext, sigmask) == 40, "uc_sigmask");
_Static_assert(offsetof(struct linux_ucontext, mcontext) == 176,
    "uc_mcontext");
_Static_assert(offsetof(struct linux_ucontext, mcontext.fp) == 432,
    "sc_fpregs");
_Static_assert(offsetof(struct linux_ucontext, mcontext.fp.d.fcsr) == 688,
    "sc_fpregs.d.fcsr");
_Static_assert(offsetof(struct linux_ucontext, mcontext.fp.q.reserved) ==
    948, "sc_fpregs.q.reserved");
_Static_assert(sizeof(struct linux_ucontext) == 960, "struct ucontext");
_Static_assert(offsetof(struct linux_rt_sigframe, uc) == 128, "frame.uc");
_Static_assert(sizeof(struct linux_rt_sigframe) == 1088, "rt_sigframe");

#endif
