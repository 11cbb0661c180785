/*
 * Hostile uses of signals, one per argument; each must end the program
 * (or be refused) and leave the kernel running:
 *   garbage    rt_sigreturn from a frame of 0xde bytes
 *   kernelpc   rt_sigreturn to a kernel address
 *   sstatus    rt_sigreturn with sstatus-like bits in every register and
 *              fcsr: the program lands in its own code, still in user
 *              mode (a privileged CSR read then ends it)
 *   reserved   rt_sigreturn with the FP state's reserved words set
 *   handler    a SIGSEGV handler that faults itself
 *   altstack   an alternate stack at a wild address
 *   killinit   kill of the first process and of everyone
 * and the default actions that end or stop a program:
 *   int        SIGINT to itself
 *   sigpipe    a write into a pipe nobody reads
 *   alarm      SIGALRM while it computes
 *   stop       SIGTSTP to itself: stopped until ^C
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

struct frame {
	siginfo_t info;
	ucontext_t uc;
};

static struct frame f __attribute__((aligned(16)));
static uint64_t landing_stack[2048] __attribute__((aligned(16)));

static void __attribute__((noreturn))
sigreturn_from(struct frame *fr)
{
	__asm__ volatile("mv sp, %0\n li a7, 139\n ecall" : : "r"(fr)
	    : "memory");
	__builtin_unreachable();
}

/* Where the sstatus frame sends the program. */
static void __attribute__((noreturn))
landing(uint64_t a0)
{
	uint64_t fcsr, sstatus;

	__asm__ volatile("frcsr %0" : "=r"(fcsr));
	printf("landed: a0 %#lx, fcsr %#lx\n", (unsigned long)a0,
	    (unsigned long)fcsr);
	fflush(stdout);
	__asm__ volatile("csrr %0, sstatus" : "=r"(sstatus));
	printf("read sstatus %#lx: privileged!\n", (unsigned long)sstatus);
	_exit(1);
}

static void
forge(const char *how)
{
	uint64_t *r = (uint64_t *)f.uc.uc_mcontext.__gregs;
	uint64_t gp, tp;

	memset(&f, 0, sizeof(f));
	if (!strcmp(how, "garbage")) {
		memset(&f, 0xde, sizeof(f));
	} else if (!strcmp(how, "kernelpc")) {
		r[0] = 0xffffffc080200000ul;
		r[2] = (uint64_t)&landing_stack[2048];
	} else {
		__asm__ volatile("mv %0, gp\n mv %1, tp" : "=r"(gp), "=r"(tp));
		for (int i = 1; i < 32; i++)
			r[i] = 0x8000000200046122ul;	/* SD, UXL, FS, SPP... */
		r[0] = (uint64_t)landing;
		r[2] = (uint64_t)&landing_stack[2048];
		r[3] = gp;
		r[4] = tp;
		f.uc.uc_mcontext.__fpregs.__d.__fcsr = 0xffffffffu;
		if (!strcmp(how, "reserved"))
			f.uc.uc_mcontext.__fpregs.__q.__glibc_reserved[1] = 7;
	}
	printf("sigreturn with a forged frame: %s\n", how);
	fflush(stdout);
	sigreturn_from(&f);
}

static void
on_segv(int sig)
{
	volatile uintptr_t where = 0x20;

	(void)sig;
	printf("in the handler, faulting again\n");
	fflush(stdout);
	*(volatile int *)where = 2;
}

static void
handler_faults(void)
{
	volatile uintptr_t where = 0x10;

	signal(SIGSEGV, on_segv);
	*(volatile int *)where = 1;
	printf("still here?!\n");
}

static void
on_usr1(int sig)
{
	(void)sig;
	printf("handler ran?!\n");
}

static void
wild_altstack(void)
{
	stack_t ss = { .ss_sp = (void *)0x1000, .ss_size = 65536 };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	printf("sigaltstack at 0x1000: %d\n", sigaltstack(&ss, NULL));
	sigaction(SIGUSR1, &sa, NULL);
	fflush(stdout);
	raise(SIGUSR1);
	printf("still here?!\n");
}

static void
kill_init(void)
{
	int r = kill(1, SIGKILL);

	printf("kill(1, SIGKILL): %d\n", r);
	r = kill(-1, SIGTERM);
	printf("kill(-1, SIGTERM): %d %s\n", r, r ? strerror(errno) : "");
	printf("still here\n");
}

static void
defaults(const char *how)
{
	int p[2];
	struct itimerval it = { { 0, 0 }, { 0, 10000 } };
	volatile unsigned long spin = 0;

	if (!strcmp(how, "int")) {
		kill(getpid(), SIGINT);
	} else if (!strcmp(how, "sigpipe")) {
		if (pipe(p) == 0 && close(p[0]) == 0)
			printf("write: %zd\n", write(p[1], "x", 1));
	} else if (!strcmp(how, "alarm")) {
		setitimer(ITIMER_REAL, &it, NULL);
		for (;;)
			spin++;
	} else {
		printf("stopping\n");
		fflush(stdout);
		raise(SIGTSTP);
	}
	printf("%s: still here?!\n", how);
}

int
main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "";

	if (!strcmp(how, "handler"))
		handler_faults();
	else if (!strcmp(how, "altstack"))
		wild_altstack();
	else if (!strcmp(how, "killinit"))
		kill_init();
	else if (!strcmp(how, "int") || !strcmp(how, "sigpipe") ||
	    !strcmp(how, "alarm") || !strcmp(how, "stop"))
		defaults(how);
	else if (argc > 1)
		forge(how);
	else
		printf("usage: sighostile garbage|kernelpc|sstatus|reserved|"
		    "handler|altstack|killinit|int|sigpipe|alarm|stop\n");
	return 0;
}
