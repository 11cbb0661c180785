/*
 * The pure parts of signals: core/sigrules.c (defaults, which signal goes
 * first, masks, restarts) and hal/riscv64/sigframe.c (the riscv64 frame,
 * byte for byte where a handler reads it, and rt_sigreturn's refusal of
 * frames that cannot be right).
 */
#include <string.h>

#include "hal/hal.h"
#include "nexus/abi.h"
#include "signal.h"
#include "sigrules.h"
#include "test.h"

void
test_signal_defaults(void)
{
	CHECK_EQ(sig_default(SIGINT), SIG_TERM);
	CHECK_EQ(sig_default(SIGKILL), SIG_TERM);
	CHECK_EQ(sig_default(SIGPIPE), SIG_TERM);
	CHECK_EQ(sig_default(SIGALRM), SIG_TERM);
	CHECK_EQ(sig_default(40), SIG_TERM);
	CHECK_EQ(sig_default(SIGCHLD), SIG_IGNORE);
	CHECK_EQ(sig_default(SIGURG), SIG_IGNORE);
	CHECK_EQ(sig_default(SIGWINCH), SIG_IGNORE);
	CHECK_EQ(sig_default(SIGCONT), SIG_CONT);
	CHECK_EQ(sig_default(SIGSTOP), SIG_STOP);
	CHECK_EQ(sig_default(SIGTSTP), SIG_STOP);
	CHECK_EQ(sig_default(SIGTTIN), SIG_STOP);
	CHECK_EQ(sig_default(SIGTTOU), SIG_STOP);
	CHECK(!sig_valid(0));
	CHECK(sig_valid(1));
	CHECK(sig_valid(64));
	CHECK(!sig_valid(65));
	CHECK(!sig_valid(-9));
}

void
test_signal_next(void)
{
	uint64_t all = ~0ull;

	CHECK_EQ(sig_next(0, 0), 0);
	CHECK_EQ(sig_next(SIG_BIT(SIGUSR1), SIG_BIT(SIGUSR1)), 0);
	CHECK_EQ(sig_next(SIG_BIT(SIGUSR1) | SIG_BIT(SIGTERM), 0), SIGUSR1);
	CHECK_EQ(sig_next(SIG_BIT(SIGUSR1) | SIG_BIT(SIGTERM),
	    SIG_BIT(SIGUSR1)), SIGTERM);
	/* A fault's signal goes before a lower one sent earlier. */
	CHECK_EQ(sig_next(SIG_BIT(SIGINT) | SIG_BIT(SIGSEGV), 0), SIGSEGV);
	CHECK_EQ(sig_next(SIG_BIT(SIGHUP) | SIG_BIT(SIGILL), 0), SIGILL);
	/* SIGKILL and SIGSTOP cannot be blocked, whatever the mask says. */
	CHECK_EQ(sig_next(SIG_BIT(SIGKILL), all), SIGKILL);
	CHECK_EQ(sig_next(SIG_BIT(SIGSTOP), all), SIGSTOP);
	CHECK_EQ(sig_next(SIG_BIT(64), 0), 64);
	CHECK_EQ(sig_next(all, all), SIGKILL);
}

void
test_signal_procmask(void)
{
	uint64_t m = 0;

	CHECK_EQ(sig_procmask(SIG_BLOCK, SIG_BIT(SIGINT), SIG_BIT(SIGHUP), &m),
	    0);
	CHECK_EQ(m, SIG_BIT(SIGINT) | SIG_BIT(SIGHUP));
	CHECK_EQ(sig_procmask(SIG_UNBLOCK, m, SIG_BIT(SIGINT), &m), 0);
	CHECK_EQ(m, SIG_BIT(SIGHUP));
	CHECK_EQ(sig_procmask(SIG_SETMASK, m, SIG_BIT(SIGPIPE), &m), 0);
	CHECK_EQ(m, SIG_BIT(SIGPIPE));
	/* Blocking everything blocks all but SIGKILL and SIGSTOP. */
	CHECK_EQ(sig_procmask(SIG_SETMASK, 0, ~0ull, &m), 0);
	CHECK_EQ(m, ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP)));
	CHECK_EQ(sig_procmask(SIG_BLOCK, 0, SIG_BIT(SIGKILL), &m), 0);
	CHECK_EQ(m, 0);
	m = 5;
	CHECK_EQ(sig_procmask(3, 0, 1, &m), NX_EINVAL);
	CHECK_EQ(sig_procmask(-1, 0, 1, &m), NX_EINVAL);
	CHECK_EQ(sig_blockable(~0ull) & SIG_BIT(SIGKILL), 0);
}

void
test_signal_restart(void)
{
	const uint64_t read_nr = 63, wait4 = 260;
	const uint64_t never[] = { 22, 72, 73, 101, 115, 133, 137 };

	CHECK(sig_restarts(read_nr, SIG_NO_HANDLER));
	CHECK(sig_restarts(read_nr, SIG_HANDLER_RESTART));
	CHECK(!sig_restarts(read_nr, SIG_HANDLER));
	CHECK(sig_restarts(wait4, SIG_HANDLER_RESTART));
	for (unsigned i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
		test_note("call %lu", (unsigned long)never[i]);
		CHECK(!sig_restarts(never[i], SIG_HANDLER_RESTART));
		test_note("call %lu", (unsigned long)never[i]);
		CHECK(!sig_restarts(never[i], SIG_HANDLER));
		test_note("call %lu", (unsigned long)never[i]);
		CHECK(sig_restarts(never[i], SIG_NO_HANDLER));
	}
}

static uint64_t
word(const uint8_t *f, size_t off)
{
	uint64_t v;

	memcpy(&v, f + off, sizeof(v));
	return v;
}

static uint32_t
word32(const uint8_t *f, size_t off)
{
	uint32_t v;

	memcpy(&v, f + off, sizeof(v));
	return v;
}

static void
fill(struct uctx *uc)
{
	memset(uc, 0, sizeof(*uc));
	for (int i = 1; i < 32; i++)
		uc->tf.x[i] = 0x1000 + (uint64_t)i;
	uc->tf.epc = 0x12344;
	uc->tf.kernel_sp = 0xffffffc000123000ull;
	for (int i = 0; i < 32; i++)
		uc->fp.f[i] = 0x4000000000000000ull + (uint64_t)i;
	uc->fp.fcsr = 0xffffff61;	/* only the low 8 bits are fcsr's */
}

/* Where a handler finds things, by Linux's offsets (glibc agrees). */
void
test_sigframe_layout(void)
{
	static uint8_t f[SIGFRAME_SIZE];
	struct uctx uc;
	struct sigframe_args a = { SIGUSR1, -6, 77, 0, 0xf0f0, 0x500000,
	    8192, 0 };
	uint32_t code[2];

	fill(&uc);
	sigframe_build(f, &uc, &a);
	CHECK_EQ(word32(f, 0), SIGUSR1);		/* si_signo */
	CHECK_EQ(word32(f, 8), (uint32_t)-6);		/* si_code */
	CHECK_EQ(word32(f, 16), 77);			/* si_pid */
	CHECK_EQ(word(f, 128 + 16), 0x500000);		/* uc_stack.ss_sp */
	CHECK_EQ(word(f, 128 + 32), 8192);		/* uc_stack.ss_size */
	CHECK_EQ(word(f, 128 + 40), 0xf0f0);		/* uc_sigmask */
	CHECK_EQ(word(f, 128 + 176), 0x12344);		/* sc_regs.pc */
	CHECK_EQ(word(f, 128 + 176 + 8), 0x1001);	/* ra */
	CHECK_EQ(word(f, 128 + 176 + 31 * 8), 0x101f);	/* t6 */
	CHECK_EQ(word(f, 128 + 432), 0x4000000000000000ull);	/* f0 */
	CHECK_EQ(word(f, 128 + 432 + 31 * 8), 0x400000000000001full);
	CHECK_EQ(word32(f, 128 + 688), 0x61);		/* d.fcsr */
	a.addr = 0xdead0;
	sigframe_build(f, &uc, &a);
	CHECK_EQ(word(f, 16), 0xdead0);			/* si_addr */

	sigframe_enter(&uc, 0x7fe00000 - SIGFRAME_SIZE, 0x10400,
	    NX_SIGRETURN_VA, SIGUSR1);
	CHECK_EQ(uc.tf.epc, 0x10400);
	CHECK_EQ(uc.tf.x[REG_A0], SIGUSR1);
	CHECK_EQ(uc.tf.x[REG_A1], 0x7fe00000 - SIGFRAME_SIZE);
	CHECK_EQ(uc.tf.x[REG_A2], 0x7fe00000 - SIGFRAME_SIZE + 128);
	CHECK_EQ(uc.tf.x[REG_RA], NX_SIGRETURN_VA);
	CHECK_EQ(uc.tf.x[REG_SP], 0x7fe00000 - SIGFRAME_SIZE);

	sigframe_trampoline(code);
	CHECK_EQ(code[0], 0x08b00893);	/* li a7, 139 */
	CHECK_EQ(code[1], 0x00000073);	/* ecall */
}

/* rt_sigreturn takes back what the frame holds, and refuses a frame
 * that cannot be right without touching the context. */
void
test_sigframe_restore(void)
{
	static uint8_t f[SIGFRAME_SIZE], bad[SIGFRAME_SIZE];
	struct uctx uc, was, now;
	struct sigframe_args a = { SIGUSR1, 0, 1, 0, 0xf0f0, 0, 0, 2 }, out;
	uint64_t v;

	fill(&uc);
	was = uc;
	sigframe_build(f, &uc, &a);
	memset(&now, 0, sizeof(now));
	now.tf.kernel_sp = 0xffffffc000999000ull;
	CHECK_EQ(sigframe_restore(&now, f, &out), 0);
	CHECK_EQ(now.tf.epc, was.tf.epc);
	CHECK(!memcmp(&now.tf.x[1], &was.tf.x[1], 31 * 8));
	CHECK(!memcmp(now.fp.f, was.fp.f, sizeof(now.fp.f)));
	CHECK_EQ(now.fp.fcsr, 0x61);
	CHECK_EQ(now.tf.kernel_sp, 0xffffffc000999000ull);	/* not the frame's */
	CHECK_EQ(now.tf.x[0], 0);
	CHECK_EQ(out.mask, 0xf0f0);
	CHECK_EQ(out.ss_flags, 2);

	/* A pc in the kernel, below user space, or odd: refused. */
	const uint64_t pcs[] = { 0xffffffc080200000ull, NX_USER_TOP, 0, 0x100,
	    0x12345 };
	for (unsigned i = 0; i < sizeof(pcs) / sizeof(pcs[0]); i++) {
		memcpy(bad, f, sizeof(bad));
		memcpy(bad + 128 + 176, &pcs[i], 8);
		now = was;
		test_note("pc %#lx", (unsigned long)pcs[i]);
		CHECK_EQ(sigframe_restore(&now, bad, &out), NX_EINVAL);
		CHECK(!memcmp(&now, &was, sizeof(now)));
	}
	/* The Q state's reserved words must stay zero. */
	memcpy(bad, f, sizeof(bad));
	bad[128 + 948 + 4] = 1;
	CHECK_EQ(sigframe_restore(&now, bad, &out), NX_EINVAL);
	/* Garbage everywhere else is only registers; fcsr keeps 8 bits. */
	memset(bad, 0xde, sizeof(bad));
	v = 0x10000;
	memcpy(bad + 128 + 176, &v, 8);
	memset(bad + 128 + 432, 0, 528);
	memset(bad + 128 + 688, 0xff, 4);
	CHECK_EQ(sigframe_restore(&now, bad, &out), 0);
	CHECK_EQ(now.fp.fcsr, 0xff);
	CHECK_EQ(now.tf.x[REG_SP], 0xdedededededededeull);
	CHECK_EQ(now.tf.kernel_sp, was.tf.kernel_sp);
}
