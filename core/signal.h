/*
 * Signals, numbered as Linux numbers them (riscv64 uses the generic
 * numbers), for every Subject: a native program only ever gets the
 * default actions, a Linux program may catch them.
 *
 * The interface here is what the rest of the kernel calls: the console
 * (Ctrl-C, Ctrl-Z, Ctrl-\), pipes (SIGPIPE), the ending of a child
 * (SIGCHLD), kill, and every blocking call, which asks
 * subject_interrupted() whether it must give up with NX_EINTR.
 */
#ifndef RUMPK_SIGNAL_H
#define RUMPK_SIGNAL_H

#include <stdint.h>

struct subject;

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28
#define SIGSYS		31
#define SIG_MAX		64	/* signals are 1..SIG_MAX */

/* Linux's SIG_DFL and SIG_IGN, as handlers. */
#define SIG_DFL_HANDLER	0
#define SIG_IGN_HANDLER	1

/* sa_flags (asm-generic). */
#define SA_NOCLDSTOP	0x00000001u
#define SA_SIGINFO	0x00000004u
#define SA_ONSTACK	0x08000000u
#define SA_RESTART	0x10000000u
#define SA_NODEFER	0x40000000u
#define SA_RESETHAND	0x80000000u

/* sigaltstack's ss_flags, and the least size it accepts. */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1u << 31)
#define MINSIGSTKSZ	2048

/* si_code values the kernel sends. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define ILL_ILLOPC	1
#define TRAP_BRKPT	1
#define CLD_EXITED	1

/* One signal's disposition: Linux's struct sigaction on riscv64 (the
 * asm-generic one, without sa_restorer), 24 bytes. */
struct sigaction_k {
	uint64_t handler;	/* SIG_DFL_HANDLER, SIG_IGN_HANDLER or code */
	uint64_t flags;		/* SA_* */
	uint64_t mask;		/* blocked too while the handler runs */
};

_Static_assert(sizeof(struct sigaction_k) == 24, "Linux struct sigaction");

/* What a pending signal's siginfo says: who sent it, or where the fault
 * was.  A standard signal is pending once, whatever its count. */
struct sigsource {
	int32_t code;		/* si_code */
	uint32_t pid;		/* sender (SI_USER, SI_TKILL) */
	uint64_t addr;		/* faulting address (SIGSEGV, SIGBUS, ...) */
};

/* The alternate stack (sigaltstack): ss_flags 0 when one is set. */
struct sigaltstack_k {
	uint64_t sp;
	uint64_t size;
	uint32_t flags;		/* SS_DISABLE when there is none */
};

/* A Subject's signals, all in one place (struct subject's `sig`). */
struct sigstate {
	uint64_t pending;
	uint64_t blocked;
	uint64_t saved;		/* the mask to restore after a wait with
				 * its own (signal_wait_mask) */
	int saved_valid;
	int eintr;		/* its Linux call ended with NX_EINTR */
	uint64_t call_nr;	/* that call's number and first argument, */
	uint64_t call_a0;	/* to start it again */
	uint64_t alarm_at;	/* ITIMER_REAL: SIGALRM at this time, 0 off */
	uint64_t alarm_every;	/* and then every so many ticks, 0 once */
	uint64_t waitset;	/* rt_sigtimedwait waits for these */
	struct sigaltstack_k alt;
	struct sigaction_k act[SIG_MAX];	/* act[sig - 1] */
	struct sigsource src[SIG_MAX];
};

/* Posts `sig` to `s` (no permission check: the caller decided). */
void signal_send(struct subject *s, int sig);
/* The same with its siginfo: who sent it or where the fault was. */
void signal_post(struct subject *s, int sig, const struct sigsource *src);
/* Posts `sig` to every live Subject of process group `pgid`: 0, or
 * NX_ESRCH when the group has none. */
int signal_group(uint32_t pgid, int sig);
/* Whether `s` blocks or ignores `sig`: the terminal then does not send
 * it (a background read fails with EIO, a write goes out). */
int signal_refused(const struct subject *s, int sig);
/* Whether a blocking call of `s` must stop now and return NX_EINTR:
 * it is being killed, or a signal it does not block is waiting, or one
 * rt_sigtimedwait waits for. */
int subject_interrupted(const struct subject *s);
/* For ppoll, pselect6 and rt_sigsuspend: `s` blocks `mask` instead of
 * its own while it waits; its own mask comes back when the wait is over
 * and any signal the wait let through has been delivered. */
void signal_wait_mask(struct subject *s, uint64_t mask);
/* A fork's child gets the parent's dispositions and mask, none of its
 * pending signals; an exec resets caught signals to their defaults. */
void signal_fork(struct subject *child, const struct subject *parent);
void signal_exec(struct subject *s);
/* A new Subject's: nothing pending, blocked or caught. */
void signal_init(struct subject *s);

/* Delivery (sigdeliver.c), on every return of `s` to user mode: default
 * actions, stops, the frame of a caught signal, and the restart of a
 * Linux call a signal interrupted. */
void signal_deliver(struct subject *s);
/* A fault of `s` (RISC-V cause, address, pc): 1 when the program
 * catches the signal it raises and will get it on its way back, 0 when
 * the fault must end it (no handler, or the signal blocked: a fault in
 * the handler of the same signal). */
int signal_fault(struct subject *s, uint64_t cause, uint64_t addr,
    uint64_t pc);
/* rt_sigreturn: the registers, FP state, mask and alternate stack back
 * from the frame at the stack pointer; ends the program with SIGSEGV
 * when the frame cannot be read or cannot be right.  a0 as restored. */
int64_t signal_return(struct subject *s);
/* A Linux call ended with `result`: remember how to start it again. */
void signal_call_end(struct subject *s, uint64_t nr, uint64_t a0,
    int64_t result);
/* The timer ticked: fires the alarms due and arms the next (sigtimer.c). */
void signal_tick(void);
/* Arms the alarm of `s` for time `at` (ticks; 0 disarms), then every
 * `every` ticks (0: once). */
void signal_alarm_set(struct subject *s, uint64_t at, uint64_t every);

#endif
