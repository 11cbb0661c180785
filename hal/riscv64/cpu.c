/*
 * Traps, interrupts, the FPU, power and time on RISC-V 64.
 *
 * The kernel runs with sstatus.SIE clear: interrupts are taken only while a
 * Subject runs (S-level interrupts are always enabled in U-mode) or polled
 * by the idle fiber after `wfi`.  So kernel code is never interrupted, and a
 * trap from S-mode is a kernel bug.
 */
#include "core/kernel.h"
#include "core/pmm.h"
#include "nexus/abi.h"
#include "hal/hal.h"
#include "csr.h"
#include "siphash.h"
#include "mmio.h"
#include "plic.h"
#include "sv39.h"


extern char trap_vector[];
extern char fiber_trampoline[];
extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _kernel_end[];
void user_return(struct trapframe *tf) __attribute__((noreturn));
void fpu_save(struct fpstate *fp);
void fpu_restore(const struct fpstate *fp);

uint64_t mmio_offset;
static uint64_t test_pa = 0x100000;	/* sifive_test finisher */
static uint32_t uart_irq;
static struct uctx *fpu_owner;
static int timer_armed;
static uint64_t timer_when;

#define SLICE_HZ	100	/* time slice: 10 ms */

_Static_assert(TF_DOORBELL == NX_DOORBELL, "trap.S's doorbell number");
_Static_assert(TF_ECALL_QUIET == ECALL_QUIET, "trap.S's quiet doorbell");
_Static_assert(offsetof(struct context, gp) == 112 &&
    offsetof(struct context, tp) == 120, "switch.S's gp and tp");

static void
sbi_set_timer(uint64_t when)
{
	register uint64_t a0 __asm__("a0") = when;
	register uint64_t a6 __asm__("a6") = 0;
	register uint64_t a7 __asm__("a7") = 0x54494d45;	/* "TIME" */

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a6), "r"(a7) : "a1",
	    "memory");
}

void
timer_at(uint64_t when)
{
	if (timer_armed && timer_when <= when)
		return;
	timer_armed = 1;
	timer_when = when;
	sbi_set_timer(when);
}

/* A Subject is about to run: make sure its slice can end, also when the
 * timer is armed for a later deadline (a sleeper's). */
static void
timer_arm(void)
{
	timer_at(csr_read_time() + timebase() / SLICE_HZ);
}

/*
 * A disarmed timer points about 30 hours ahead rather than at the end of
 * time: an all-ones compare value leaves QEMU with -icount sleep=off unable
 * to idle.
 */
static void
timer_interrupt(void)
{
	timer_armed = 0;
	sbi_set_timer(csr_read_time() + (1ull << 40));
	subject_tick();
}

void siphash_compress_zbb(uint64_t v[4], const uint64_t *m, size_t n);

/*
 * Checked against the portable loop first: a device tree claiming Zbb for
 * a hart that computes differently costs speed, never wrong tags.
 */
void
hal_enable_zbb(void)
{
	static const uint64_t m[3] = { 0x0706050403020100ull,
	    0xf0e0d0c0b0a09080ull, 0x8000000000000001ull };
	uint64_t c[4] = { 1, 2, 3, 0x7465646279746573ull };
	uint64_t z[4] = { 1, 2, 3, 0x7465646279746573ull };

	siphash_compress_c(c, m, 3);
	siphash_compress_zbb(z, m, 3);
	for (int i = 0; i < 4; i++) {
		if (c[i] != z[i]) {
			kprint("rumpk: SipHash with Zbb differs; not used\n");
			return;
		}
	}
	siphash_compress = siphash_compress_zbb;
}

void
hal_kernel_image(struct kernel_image *k)
{
	k->text_start = (uintptr_t)_text_start;
	k->text_end = (uintptr_t)_text_end;
	k->rodata_start = (uintptr_t)_rodata_start;
	k->rodata_end = (uintptr_t)_rodata_end;
	k->data_start = (uintptr_t)_data_start;
	k->end = (uintptr_t)_kernel_end;
}

uint64_t
hal_time(void)
{
	return csr_read_time();
}

void
hal_set_test_device(uint64_t pa)
{
	if (pa)
		test_pa = pa;
}

static void
sbi_system_reset(uint64_t type, uint64_t reason)
{
	register uint64_t a0 __asm__("a0") = type;
	register uint64_t a1 __asm__("a1") = reason;
	register uint64_t a6 __asm__("a6") = 0;
	register uint64_t a7 __asm__("a7") = 0x53525354;	/* "SRST" */

	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7)
	    : "memory");
}

void
hal_poweroff(int status)
{
	volatile uint32_t *finisher = mmio(test_pa);

	*finisher = status == 0 ? 0x5555 :
	    0x3333 | (uint32_t)(status & 0xffff) << 16;
	sbi_system_reset(0, status == 0 ? 0 : 1);
	for (;;)
		wfi();
}

void
irq_init(uint64_t plic_pa, uint32_t irq)
{
	csr_write_stvec((uintptr_t)trap_vector);
	/* Programs may read cycle, time and instret (benchmarks do). */
	csr_write_scounteren(0x7);
	uart_irq = irq;
	plic_init(plic_pa, irq);
	csr_set_sie(SIE_SEIE | SIE_STIE);
}

static void
external_interrupt(void)
{
	uint32_t irq;

	while ((irq = plic_claim()) != 0) {
		if (irq == uart_irq)
			console_irq();
		plic_complete(irq);
	}
}

void
irq_idle_wait(void)
{
	/* wfi wakes on a pending enabled interrupt even with SIE clear. */
	if (!(csr_read_sip() & csr_read_sie()))
		wfi();
	if (csr_read_sip() & csr_read_sie() & SIP_SEIP)
		external_interrupt();
	if (csr_read_sip() & csr_read_sie() & SIP_STIP)
		timer_interrupt();
}

static const char *
fault_name(uint64_t cause)
{
	switch (cause) {
	case 0: return "misaligned instruction fetch";
	case 1: return "instruction access fault";
	case 2: return "illegal instruction";
	case 3: return "breakpoint";
	case 4: return "misaligned load";
	case 5: return "load access fault";
	case 6: return "misaligned store";
	case 7: return "store access fault";
	case 12: return "instruction page fault";
	case 13: return "load page fault";
	case 15: return "store page fault";
	default: return "unexpected exception";
	}
}

/* Makes the CPU ready to run `uc`: its address space and FPU registers. */
static void
uctx_load(struct uctx *uc)
{
	timer_arm();
	vm_activate(uc->root);
	if (fpu_owner == uc)
		return;
	if (fpu_owner &&
	    (csr_read_sstatus() & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		fpu_save(&fpu_owner->fp);
	fpu_restore(&uc->fp);
	fpu_owner = uc;
	csr_clear_sstatus(SSTATUS_FS);
	csr_set_sstatus(SSTATUS_FS_CLEAN);
}

/* Called by trap.S for a trap from U-mode other than the doorbell, with
 * the whole trap frame saved, on the Subject's kernel stack. */
struct trapframe *
user_trap(struct trapframe *tf)
{
	struct uctx *uc = (struct uctx *)tf;
	uint64_t cause = csr_read_scause();

	if (cause & SCAUSE_INTERRUPT) {
		if ((cause & 0xff) == 9)
			external_interrupt();
		else if ((cause & 0xff) == 5)
			timer_interrupt();
	} else if (cause == 8) {
		/* An ecall other than the doorbell, with the whole frame
		 * saved: a Linux system call may replace every register
		 * (a signal frame, sigreturn, a fork's child). */
		tf->epc += 4;
		subject_ecall(uc);
	} else {
		subject_fault(uc, cause, fault_name(cause), csr_read_stval(),
		    tf->epc);
	}
	subject_resume(uc);
	uctx_load(uc);
	return tf;
}

/*
 * Called by trap.S when the doorbell (ion_doorbell, called with the
 * frame holding only the registers it keeps, its pc already past the
 * ecall) left something to settle: `a0` is its answer for the Subject.
 * Returns the frame, with bit 0 set when trap.S must load all of it (the
 * program was replaced); otherwise s2-s11 are still the Subject's, kept
 * by the C code in between.
 */
uintptr_t
doorbell_settle(struct trapframe *tf, uint64_t a0, enum ecall_end end)
{
	struct uctx *uc = (struct uctx *)tf;

	if (end != ECALL_NEW_FRAME)
		tf->x[REG_A0] = a0;
	subject_resume(uc);
	uctx_load(uc);
	return (uintptr_t)tf | (end == ECALL_NEW_FRAME);
}

void
uctx_enter(struct uctx *uc)
{
	uctx_load(uc);
	user_return(&uc->tf);
}

void
uctx_release(struct uctx *uc)
{
	if (fpu_owner == uc)
		fpu_owner = NULL;
}

void
uctx_copy_fpu(struct uctx *to, struct uctx *from)
{
	/* The registers may still be live in the FPU, newer than `from`'s
	 * saved copy. */
	if (fpu_owner == from &&
	    (csr_read_sstatus() & SSTATUS_FS) == SSTATUS_FS_DIRTY) {
		fpu_save(&from->fp);
		csr_clear_sstatus(SSTATUS_FS);
		csr_set_sstatus(SSTATUS_FS_CLEAN);
	}
	to->fp = from->fp;
}

void
uctx_reset_fpu(struct uctx *uc)
{
	for (int i = 0; i < 32; i++)
		uc->fp.f[i] = 0;
	uc->fp.fcsr = 0;
	if (fpu_owner == uc)
		fpu_owner = NULL;
}

/* FS is on whenever a Subject's registers are in the FPU (uctx_load), so
 * they can be read even when clean. */
void
uctx_fpu_sync(struct uctx *uc)
{
	if (fpu_owner == uc)
		fpu_save(&uc->fp);
}

void
uctx_fpu_changed(struct uctx *uc)
{
	if (fpu_owner == uc)
		fpu_owner = NULL;
}

void
context_init(struct context *c, void *stack_top, void (*fn)(void *),
    void *arg)
{
	for (int i = 0; i < 12; i++)
		c->s[i] = 0;
	c->ra = (uintptr_t)fiber_trampoline;
	c->sp = (uintptr_t)stack_top;
	c->gp = c->tp = 0;
	c->s[1] = (uintptr_t)fn;
	c->s[2] = (uintptr_t)arg;
}

uint64_t
hal_frame_next(uint64_t fp, uint64_t *ra)
{
	uint64_t lo = (uintptr_t)_data_start, hi = (uintptr_t)_kernel_end;

	/* Only frames on kernel stacks are followed: the boot stack in
	 * .bss, a Subject's in pages of its own. */
	if ((fp & 7) || ((fp < lo + 16 || fp > hi) && (!pmm_owns(fp - 16) ||
	    !pmm_owns(fp - 1))))
		return 0;
	*ra = ((uint64_t *)fp)[-1];
	return ((uint64_t *)fp)[-2];
}

/* trap.S: an exception in the kernel itself. */
void
kernel_fault(uint64_t fp, uint64_t sp)
{
	(void)sp;
	panic_trap(fault_name(csr_read_scause()), csr_read_scause(),
	    csr_read_sepc(), csr_read_stval(), fp);
}

void
hal_trap_state(uint64_t *scause, uint64_t *sepc, uint64_t *stval)
{
	*scause = csr_read_scause();
	*sepc = csr_read_sepc();
	*stval = csr_read_stval();
}
