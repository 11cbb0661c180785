/*
 * Signals as a program sees them, one line per check: handlers with
 * their siginfo, masks, SA_RESETHAND, SA_NODEFER, sa_mask, the FP state
 * kept across a handler, the alternate stack, SA_RESTART against EINTR,
 * rt_sigsuspend, rt_sigtimedwait, alarms, faults caught and returned
 * from, SIGPIPE, the defaults that ignore, and a storm of signals.  Handlers only record;
 * main prints, so the output is the same wherever stdout goes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t count, last_sig, last_code, from_self;
static volatile sig_atomic_t usr2_blocked, self_blocked, on_alt;
static volatile uintptr_t last_addr;
static int pipe_w = -1;
static sigjmp_buf back;
static char altstack[16384];

static void
on_info(int sig, siginfo_t *si, void *uc)
{
	sigset_t now;

	(void)uc;
	count++;
	last_sig = sig;
	last_code = si->si_code;
	from_self = si->si_pid == getpid();
	sigprocmask(SIG_BLOCK, NULL, &now);
	usr2_blocked = sigismember(&now, SIGUSR2);
	self_blocked = sigismember(&now, sig);
	on_alt = (char *)&now >= altstack &&
	    (char *)&now < altstack + sizeof(altstack);
}

static void
on_plain(int sig)
{
	count++;
	last_sig = sig;
}

/* Writes a byte for the read it interrupts to find once restarted. */
static void
on_alarm(int sig)
{
	count++;
	last_sig = sig;
	if (pipe_w >= 0 && write(pipe_w, "x", 1) != 1)
		count = -1000;
}

/* Clobbers the FP registers and the rounding mode a handler may use;
 * rt_sigreturn must bring the program's back. */
static void
on_fp(int sig)
{
	count++;
	last_sig = sig;
	fesetround(FE_TOWARDZERO);
	__asm__ volatile(
	    "fcvt.d.w fs0, zero\n fcvt.d.w fs1, zero\n fcvt.d.w fs2, zero\n"
	    "fcvt.d.w fs3, zero\n fcvt.d.w ft0, zero\n fcvt.d.w fa0, zero\n");
}

static void
on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	last_sig = sig;
	last_code = si->si_code;
	last_addr = (uintptr_t)si->si_addr;
	siglongjmp(back, 1);
}

/* Steps over the 4-byte instruction that raised SIGILL, by changing the
 * pc in the frame rt_sigreturn reads. */
static void
on_ill(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	last_sig = sig;
	last_code = si->si_code;
	last_addr = (uintptr_t)si->si_addr == uc->uc_mcontext.__gregs[0];
	uc->uc_mcontext.__gregs[0] += 4;
}

static void
catch(int sig, void (*fn)(int, siginfo_t *, void *), int flags,
    int also_block)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (also_block)
		sigaddset(&sa.sa_mask, also_block);
	sigaction(sig, &sa, NULL);
}

static void
plain(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static const char *
err(long r)
{
	return r == 0 ? "0" : strerror(errno);
}

static void
handlers(void)
{
	struct sigaction sa;
	sigset_t set, old;

	catch(SIGUSR1, on_info, 0, SIGUSR2);
	kill(getpid(), SIGUSR1);
	printf("kill self: sig %d, code %d, pid mine %d, sa_mask blocks "
	    "USR2 %d, itself %d\n", last_sig, last_code, from_self,
	    usr2_blocked, self_blocked);
	catch(SIGUSR1, on_info, SA_NODEFER | SA_RESETHAND, 0);
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &sa);
	printf("raise: code %d; NODEFER leaves it unblocked %d; RESETHAND: "
	    "default %d\n", last_code, !self_blocked, sa.sa_handler == SIG_DFL);

	count = 0;
	plain(SIGUSR2, on_plain, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR2);
	raise(SIGUSR2);
	sigpending(&set);
	printf("blocked: ran %d, pending %d\n", count,
	    sigismember(&set, SIGUSR2));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: ran %d (two raises, one signal)\n", count);

	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &old);
	printf("block all: KILL %d STOP %d USR1 %d\n", sigismember(&old,
	    SIGKILL), sigismember(&old, SIGSTOP), sigismember(&old, SIGUSR1));
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

static void
refusals(void)
{
	struct sigaction sa;
	uint64_t mask = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	printf("sigaction KILL: %s\n", err(sigaction(SIGKILL, &sa, NULL)));
	printf("sigaction STOP: %s\n", err(sigaction(SIGSTOP, &sa, NULL)));
	printf("sigaction 65: %s\n", err(sigaction(65, &sa, NULL)));
	printf("rt_sigaction wild act: %s\n", err(syscall(SYS_rt_sigaction,
	    SIGUSR1, (void *)8, NULL, 8)));
	printf("rt_sigaction wild oldact: %s\n", err(syscall(SYS_rt_sigaction,
	    SIGUSR1, NULL, (void *)8, 8)));
	printf("rt_sigaction size 4: %s\n", err(syscall(SYS_rt_sigaction,
	    SIGUSR1, NULL, NULL, 4)));
	printf("rt_sigprocmask size 16: %s\n", err(syscall(
	    SYS_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 16)));
	printf("rt_sigprocmask how 7: %s\n", err(syscall(SYS_rt_sigprocmask,
	    7, &mask, NULL, 8)));
	printf("rt_sigprocmask wild: %s\n", err(syscall(SYS_rt_sigprocmask,
	    SIG_BLOCK, (void *)8, NULL, 8)));
	printf("kill sig 99: %s\n", err(kill(getpid(), 99)));
	printf("kill sig 0: %s\n", err(kill(getpid(), 0)));
	printf("tgkill wrong group: %s\n", err(syscall(SYS_tgkill,
	    getpid() + 1000, getpid(), SIGUSR1)));
	printf("sigaltstack wild: %s\n", err(sigaltstack((stack_t *)8, NULL)));
}

static void
floating(void)
{
	register double keep __asm__("fs0") = 2.5;

	plain(SIGUSR1, on_fp, 0);
	fesetround(FE_UPWARD);
	__asm__ volatile("" : "+f"(keep));
	kill(getpid(), SIGUSR1);
	__asm__ volatile("" : "+f"(keep));
	printf("FP across a handler: fs0 %g, rounding upward %d\n", keep,
	    fegetround() == FE_UPWARD);
	fesetround(FE_TONEAREST);
}

static void
alternate(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	stack_t now;

	printf("sigaltstack small: %s\n", err(sigaltstack(&(stack_t){
	    .ss_sp = altstack, .ss_size = 100 }, NULL)));
	printf("sigaltstack bad flags: %s\n", err(sigaltstack(&(stack_t){
	    .ss_sp = altstack, .ss_size = 8192, .ss_flags = 77 }, NULL)));
	sigaltstack(&ss, NULL);
	catch(SIGUSR1, on_info, SA_ONSTACK, 0);
	raise(SIGUSR1);
	printf("SA_ONSTACK: on the alternate stack %d\n", on_alt);
	catch(SIGUSR1, on_info, 0, 0);
	raise(SIGUSR1);
	printf("without: on the alternate stack %d\n", on_alt);
	sigaltstack(NULL, &now);
	printf("sigaltstack now: size %zu, flags %d\n", now.ss_size,
	    now.ss_flags);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
}

static void
arm(long usec)
{
	struct itimerval it = { { 0, 0 }, { 0, usec } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void
interrupted(void)
{
	int p[2];
	char c;
	long n;
	sigset_t set, old;
	struct itimerval it;

	if (pipe(p))
		return;
	pipe_w = p[1];
	plain(SIGALRM, on_alarm, 0);
	arm(20000);
	n = read(p[0], &c, 1);
	printf("read, handler without SA_RESTART: %ld %s\n", n,
	    n < 0 ? strerror(errno) : "");
	if (read(p[0], &c, 1) != 1)
		printf("the handler's byte is missing\n");
	plain(SIGALRM, on_alarm, SA_RESTART);
	arm(20000);
	n = read(p[0], &c, 1);
	printf("read, handler with SA_RESTART: %ld '%c'\n", n, n == 1 ? c : '?');
	count = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, &old);
	arm(20000);
	sigemptyset(&set);
	n = sigsuspend(&set);
	sigprocmask(SIG_BLOCK, NULL, &set);
	printf("sigsuspend: %ld %s, handler ran %d, ALRM blocked again %d\n",
	    n, strerror(errno), count, sigismember(&set, SIGALRM));
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (read(p[0], &c, 1) != 1)
		printf("the handler's byte is missing\n");
	printf("alarm(100): %u, then alarm(0): %u\n", alarm(100), alarm(0));
	getitimer(ITIMER_REAL, &it);
	printf("getitimer after alarm(0): %ld %ld\n", (long)it.it_value.tv_sec,
	    (long)it.it_value.tv_usec);
	printf("setitimer usec 1000000: %s\n", err(setitimer(ITIMER_REAL,
	    &(struct itimerval){ { 0, 0 }, { 0, 1000000 } }, NULL)));
	pipe_w = -1;
	close(p[0]);
	close(p[1]);
}

/* Signals taken by rt_sigtimedwait, not delivered: one pending, none
 * (the timeout), and an alarm that comes while it waits. */
static void
waited(void)
{
	struct timespec ts = { 0, 10000000 };
	siginfo_t si;
	sigset_t set, old;
	int r;

	count = 0;
	plain(SIGUSR1, on_plain, 0);
	plain(SIGALRM, on_plain, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	r = sigtimedwait(&set, &si, &ts);
	printf("sigtimedwait, USR1 pending: %d, signo %d, pid mine %d, handler "
	    "ran %d\n", r, si.si_signo, si.si_pid == getpid(), count);
	r = sigtimedwait(&set, &si, &ts);
	printf("sigtimedwait, nothing: %d %s\n", r, strerror(errno));
	arm(20000);
	r = sigwaitinfo(&set, &si);
	printf("sigwaitinfo, an alarm: %d, handler ran %d\n", r, count);
	printf("sigtimedwait bad timeout: %s\n", err(sigtimedwait(&set, &si,
	    &(struct timespec){ 0, 1000000000 })));
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void
faults(void)
{
	volatile uintptr_t where = 0x10;
	volatile int *wild = (volatile int *)where;

	catch(SIGSEGV, on_fault, 0, 0);
	if (sigsetjmp(back, 1) == 0)
		*wild = 1;
	printf("SIGSEGV caught: sig %d, code %d, addr %#lx\n", last_sig,
	    last_code, (unsigned long)last_addr);
	catch(SIGILL, on_ill, 0, 0);
	__asm__ volatile(".4byte 0xc0001073");	/* csrw cycle: read-only */
	printf("SIGILL caught: sig %d, code %d, addr is the pc %d, stepped "
	    "over\n", last_sig, last_code, (int)last_addr);
}

static void
pipes(void)
{
	int p[2];
	long n;

	if (pipe(p))
		return;
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	n = write(p[1], "x", 1);
	printf("write, SIGPIPE ignored: %ld %s\n", n, strerror(errno));
	count = 0;
	plain(SIGPIPE, on_plain, 0);
	n = write(p[1], "x", 1);
	printf("write, SIGPIPE caught: %ld %s, handler ran %d, sig %d\n", n,
	    strerror(errno), count, last_sig);
	close(p[1]);
}

static void
defaults(void)
{
	sigset_t set;

	kill(getpid(), SIGCHLD);
	kill(getpid(), SIGWINCH);
	kill(getpid(), SIGURG);
	kill(getpid(), SIGCONT);
	printf("CHLD, WINCH, URG, CONT by default: still here\n");
	signal(SIGTERM, SIG_IGN);
	kill(getpid(), SIGTERM);
	printf("TERM ignored: still here\n");
	/* A blocked stop is dropped by SIGCONT: unblocked, nothing stops. */
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGTSTP);
	raise(SIGCONT);
	sigpending(&set);
	printf("TSTP pending after CONT: %d\n", sigismember(&set, SIGTSTP));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("TSTP unblocked: not stopped\n");
}

static void
storm(void)
{
	int n = 5000;

	count = 0;
	plain(SIGUSR2, on_plain, 0);
	for (int i = 0; i < n; i++)
		kill(getpid(), SIGUSR2);
	printf("storm: %d signals, %d handled\n", n, count);
}

int
main(void)
{
	handlers();
	refusals();
	floating();
	alternate();
	interrupted();
	waited();
	faults();
	pipes();
	defaults();
	storm();
	return 0;
}
