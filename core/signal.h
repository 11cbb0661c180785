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
#define SIGWINCH	28
#define SIG_MAX		64	/* signals are 1..SIG_MAX */

/* Posts `sig` to `s` (no permission check: the caller decided). */
void signal_send(struct subject *s, int sig);
/* Posts `sig` to every live Subject of process group `pgid`: 0, or
 * NX_ESRCH when the group has none. */
int signal_group(uint32_t pgid, int sig);
/* Whether a blocking call of `s` must stop now and return NX_EINTR:
 * it is being killed, or a signal it does not block is waiting. */
int subject_interrupted(const struct subject *s);
/* For ppoll, pselect6 and rt_sigsuspend: `s` blocks `mask` instead of
 * its own while it waits; its own mask comes back when the wait is over
 * and any signal the wait let through has been delivered. */
void signal_wait_mask(struct subject *s, uint64_t mask);
/* A fork's child gets the parent's dispositions and mask, none of its
 * pending signals; an exec resets caught signals to their defaults. */
void signal_fork(struct subject *child, const struct subject *parent);
void signal_exec(struct subject *s);

#endif
