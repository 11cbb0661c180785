/*
 * Delivering signals, on a Subject's way back to user mode and on its
 * own fiber (subject_resume): the default actions (end, ignore, stop),
 * and for a caught signal the Linux frame on the user stack (or the
 * alternate stack) with the handler entered on it; rt_sigreturn takes
 * it back.  A Linux call a signal interrupted is started again here, or
 * left to return EINTR, by the rules of sigrules.c.
 *
 * The frame is in user memory, so what rt_sigreturn reads is untrusted:
 * it can only set the program's own registers, FP state, blocked mask
 * (never blocking SIGKILL or SIGSTOP) and alternate stack, and a pc
 * outside user space ends the program (sigframe.c).
 *
 * Native Subjects get only the default actions: their doorbell does not
 * save the whole frame, so they have none to hand a handler.
 */
#include "kernel.h"
#include "sigrules.h"
#include "subject.h"
#include "usercopy.h"

/* The page handlers return to: written once, then mapped read and
 * execute (shared, never writable) into each Linux Subject that gets a
 * handler.  In the kernel image, so it costs no page of memory. */
static uint32_t trampoline[NX_PAGE_SIZE / 4]
    __attribute__((aligned(NX_PAGE_SIZE)));

static int
map_trampoline(struct subject *s)
{
	if (vm_user_page(s->uc.root, NX_SIGRETURN_VA, VM_R | VM_X))
		return 0;
	if (!trampoline[1])
		sigframe_trampoline(trampoline);
	return vm_map(s->uc.root, NX_SIGRETURN_VA, trampoline,
	    VM_R | VM_X | VM_SHARED);
}

/*
 * Ends `s` as signal `sig` does.  SIGINT says so, as ^C always has, when
 * the parent is a native program (NipBox says nothing of how a program
 * ended); a Linux parent learns it from wait and reports it itself, as
 * a shell on Linux does, so the kernel adds nothing to its transcript.
 */
static void __attribute__((noreturn))
terminate(struct subject *s, int sig)
{
	struct subject *parent = s->parent ? subject_by_id(s->parent) : NULL;

	if (sig == SIGINT && (!parent || parent->native))
		kprintf("%s: interrupted\n", s->name);
	subject_signal(s, sig);
}

/* A handler cannot be entered: the program ends as by SIGSEGV. */
static void __attribute__((noreturn))
bad_frame(struct subject *s, const char *what, uint64_t at)
{
	kprintf("%s: killed: %s at %p (pc %p)\n", s->name, what, (void *)at,
	    (void *)s->uc.tf.epc);
	subject_signal(s, SIGSEGV);
}

/* Stops `s` until SIGCONT (or SIGKILL, or a kill): its parent, waiting
 * or not, learns it (wait's WUNTRACED, SIGCHLD). */
static void
stop(struct subject *s, int sig)
{
	struct subject *parent = s->parent ? subject_by_id(s->parent) : NULL;

	s->stopped = 1;
	s->jc_report = JC_STOPPED;
	s->jc_sig = sig;
	if (parent && parent->state == SUBJECT_LIVE) {
		fiber_wakeup(parent);
		if (!(parent->sig.act[SIGCHLD - 1].flags & SA_NOCLDSTOP))
			signal_send(parent, SIGCHLD);
	}
	while (s->stopped && !s->kill_pending &&
	    !(s->sig.pending & SIG_BIT(SIGKILL)))
		fiber_sleep(&s->sig);
	s->stopped = 0;
}

/* The interrupted Linux call starts again (its ecall once more, with its
 * first argument back in a0) or returns EINTR, by what became of the
 * signal. */
static void
finish_call(struct subject *s, enum sig_outcome how)
{
	struct sigstate *ss = &s->sig;

	if (!ss->eintr)
		return;
	ss->eintr = 0;
	if (!sig_restarts(ss->call_nr, how))
		return;
	s->uc.tf.epc -= 4;		/* ecall has no compressed form */
	s->uc.tf.x[REG_A0] = ss->call_a0;
}

static int
on_altstack(const struct sigaltstack_k *alt, uint64_t sp)
{
	return !(alt->flags & SS_DISABLE) && sp - alt->sp < alt->size;
}

/* Where the frame goes: under the stack pointer, or at the top of the
 * alternate stack for an SA_ONSTACK handler; 0 when an alternate stack
 * in use has no room left (Linux's answer is SIGSEGV too). */
static uint64_t
frame_place(struct subject *s, uint64_t flags)
{
	struct sigaltstack_k *alt = &s->sig.alt;
	uint64_t sp = s->uc.tf.x[REG_SP];

	if (on_altstack(alt, sp)) {
		if (!on_altstack(alt, sp - SIGFRAME_SIZE))
			return 0;
	} else if ((flags & SA_ONSTACK) && !(alt->flags & SS_DISABLE)) {
		sp = alt->sp + alt->size;
	}
	return (sp - SIGFRAME_SIZE) & ~15ull;
}

/* Enters the handler of `sig` with its frame. */
static void
handle(struct subject *s, int sig, const struct sigsource *src)
{
	struct sigstate *ss = &s->sig;
	struct sigaction_k act = ss->act[sig - 1];
	uint8_t frame[SIGFRAME_SIZE] __attribute__((aligned(16)));
	struct sigframe_args a = { sig, src->code, src->pid, src->addr, 0,
	    ss->alt.sp, ss->alt.size, ss->alt.flags };
	uint64_t sp = s->uc.tf.x[REG_SP], at;

	finish_call(s, act.flags & SA_RESTART ? SIG_HANDLER_RESTART :
	    SIG_HANDLER);
	a.mask = ss->saved_valid ? ss->saved : ss->blocked;
	ss->saved_valid = 0;
	if (on_altstack(&ss->alt, sp))
		a.ss_flags = SS_ONSTACK;
	at = frame_place(s, act.flags);
	if (!at || map_trampoline(s))
		bad_frame(s, "no room for a signal frame", sp);
	uctx_fpu_sync(&s->uc);
	sigframe_build(frame, &s->uc, &a);
	if (copy_to_user(s->uc.root, at, frame, sizeof(frame)))
		bad_frame(s, "signal frame cannot be written", at);
	if ((act.flags & SA_ONSTACK) && (ss->alt.flags & SS_AUTODISARM) &&
	    !on_altstack(&ss->alt, sp)) {
		ss->alt.sp = ss->alt.size = 0;
		ss->alt.flags = SS_DISABLE;
	}
	sigframe_enter(&s->uc, at, act.handler, NX_SIGRETURN_VA, sig);
	ss->blocked = sig_blockable(ss->blocked | act.mask |
	    (act.flags & SA_NODEFER ? 0 : SIG_BIT(sig)));
	if (act.flags & SA_RESETHAND) {
		ss->act[sig - 1].handler = SIG_DFL_HANDLER;
		ss->act[sig - 1].flags &= ~SA_SIGINFO;
	}
}

static int
caught(const struct subject *s, int sig)
{
	return !s->native && sig != SIGKILL && sig != SIGSTOP &&
	    s->sig.act[sig - 1].handler > SIG_IGN_HANDLER;
}

void
signal_deliver(struct subject *s)
{
	struct sigstate *ss = &s->sig;
	int sig;

	if (!(ss->pending & ~sig_blockable(ss->blocked)) && !ss->eintr &&
	    !ss->saved_valid)
		return;		/* the common case, kept quick */
	while ((sig = sig_next(ss->pending, ss->blocked)) != 0) {
		struct sigsource src = ss->src[sig - 1];

		ss->pending &= ~SIG_BIT(sig);
		if (caught(s, sig)) {
			handle(s, sig, &src);
			return;		/* one frame per return */
		}
		if (ss->act[sig - 1].handler == SIG_IGN_HANDLER &&
		    sig != SIGKILL && sig != SIGSTOP)
			continue;
		switch (sig_default(sig)) {
		case SIG_TERM:
			terminate(s, sig);
		case SIG_STOP:
			stop(s, sig);
			break;
		default:
			break;
		}
	}
	finish_call(s, SIG_NO_HANDLER);
	if (ss->saved_valid) {
		ss->blocked = ss->saved;
		ss->saved_valid = 0;
	}
}

/* The signal a fault raises, with its si_code; si_addr is the address
 * for a memory fault, the pc for an instruction. */
static int
fault_signal(struct subject *s, uint64_t cause, uint64_t *addr, uint64_t pc,
    int32_t *code)
{
	switch (cause) {
	case 0: case 4: case 6:
		*code = BUS_ADRALN;
		return SIGBUS;
	case 2:
		*code = ILL_ILLOPC;
		*addr = pc;
		return SIGILL;
	case 3:
		*code = TRAP_BRKPT;
		*addr = pc;
		return SIGTRAP;
	case 12: case 13: case 15:
		*code = vm_user_page(s->uc.root, *addr, 0) ? SEGV_ACCERR :
		    SEGV_MAPERR;
		return SIGSEGV;
	default:
		*code = SEGV_ACCERR;
		return SIGSEGV;
	}
}

int
signal_fault(struct subject *s, uint64_t cause, uint64_t addr, uint64_t pc)
{
	struct sigsource src = { 0, 0, addr };
	int sig = fault_signal(s, cause, &src.addr, pc, &src.code);

	if (!caught(s, sig) || (s->sig.blocked & SIG_BIT(sig)))
		return 0;
	s->sig.pending |= SIG_BIT(sig);
	s->sig.src[sig - 1] = src;
	return 1;
}

/* The Linux calls that write: EPIPE from one comes with SIGPIPE. */
static int
writes(uint64_t nr)
{
	return nr == 64 || nr == 66 || nr == 68 || nr == 70 || nr == 71;
}

void
signal_call_end(struct subject *s, uint64_t nr, uint64_t a0, int64_t result)
{
	if (result == NX_EPIPE && writes(nr)) {
		struct sigsource src = { SI_USER, s->id, 0 };

		signal_post(s, SIGPIPE, &src);
		return;
	}
	if (result != NX_EINTR || nr == 139)	/* rt_sigreturn's a0 */
		return;
	s->sig.eintr = 1;
	s->sig.call_nr = nr;
	s->sig.call_a0 = a0;
}

/* The alternate stack a frame names comes back as sigaltstack would set
 * it; one that sigaltstack would refuse is left as it is (Linux's
 * restore_altstack ignores the error too). */
static void
restore_altstack(struct subject *s, const struct sigframe_args *a)
{
	struct sigaltstack_k *alt = &s->sig.alt;

	if (on_altstack(alt, s->uc.tf.x[REG_SP]))
		return;
	if (a->ss_flags & SS_DISABLE) {
		alt->sp = alt->size = 0;
		alt->flags = SS_DISABLE;
	} else if ((a->ss_flags & ~SS_AUTODISARM) == 0 &&
	    a->ss_size >= MINSIGSTKSZ) {
		alt->sp = a->ss_sp;
		alt->size = a->ss_size;
		alt->flags = a->ss_flags;
	}
}

int64_t
signal_return(struct subject *s)
{
	uint8_t frame[SIGFRAME_SIZE] __attribute__((aligned(16)));
	struct sigframe_args a;
	uint64_t at = s->uc.tf.x[REG_SP];

	if (copy_from_user(s->uc.root, frame, at, sizeof(frame)))
		bad_frame(s, "rt_sigreturn: signal frame unreadable", at);
	if (sigframe_restore(&s->uc, frame, &a))
		bad_frame(s, "rt_sigreturn: forged signal frame", at);
	uctx_fpu_changed(&s->uc);
	s->sig.blocked = sig_blockable(a.mask);
	s->sig.saved_valid = 0;
	restore_altstack(s, &a);
	return (int64_t)s->uc.tf.x[REG_A0];
}
