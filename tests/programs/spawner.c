/*
 * Subjects in numbers, for the end-to-end tests:
 *   spawner cycles N   spawn a trivial program and wait for it, N times
 *   spawner fanout N   keep N spinning children at once, list them, end them
 *                      (sleeping children past 32: many spinning ones
 *                      would leave the parent a slice in a while)
 *   spawner preempt    a child spins without yielding; the parent still runs
 */
#include <string.h>

#include "libnexus.h"

static unsigned
number(const char *s)
{
	unsigned v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	return v;
}

static long
spawn(char **argv)
{
	char why[128];
	long id = nx_exec(argv[0], argv, NULL, 0, why, sizeof(why));

	if (id < 0)
		nx_printf("spawner: %s: %s\n", argv[0], nx_strerror(id));
	return id;
}

static int
cycles(unsigned n)
{
	char *argv[] = { "/bin/status", "7", NULL };

	for (unsigned i = 0; i < n; i++) {
		NxWaitArgs w;
		long id = spawn(argv);

		if (id < 0 || nx_wait((uint32_t)id, &w) != id ||
		    w.how != NX_WAIT_EXITED || w.status != 7) {
			nx_printf("spawner: cycle %u went wrong\n", i);
			return 1;
		}
	}
	nx_printf("spawner: %u cycles ok\n", n);
	return 0;
}

static int
fanout(unsigned n)
{
	static NxSubjectInfo info[32];
	static long ids[2048];
	char *argv[] = { "/bin/crash", n > 32 ? "sleep" : "spin", NULL };
	unsigned started = 0, ended = 0;
	NxWaitArgs w;

	for (; started < n && started < 2048; started++) {
		ids[started] = spawn(argv);
		if (ids[started] < 0)
			break;
	}
	nx_printf("spawner: %u children started, %ld Subjects\n", started,
	    nx_ps(info, 32));
	for (unsigned i = 0; i < started; i++)
		nx_kill((uint32_t)ids[i]);
	while (nx_wait(0, &w) > 0)
		ended += w.how == NX_WAIT_KILLED;
	nx_printf("spawner: %u children ended\n", ended);
	return ended == started ? 0 : 1;
}

static int
preempt(void)
{
	char *argv[] = { "/bin/crash", "spin", NULL };
	long id = spawn(argv);
	NxWaitArgs w;
	int64_t start = nx_uptime_ns();

	if (id < 0)
		return 1;
	/* Without preemption the spinning child would keep the CPU forever. */
	while (nx_uptime_ns() - start < 50000000)
		;
	nx_print("spawner: parent ran while the child spun\n");
	nx_kill((uint32_t)id);
	nx_wait((uint32_t)id, &w);
	return w.how == NX_WAIT_KILLED ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "cycles") == 0)
		return cycles(number(argv[2]));
	if (argc > 2 && strcmp(argv[1], "fanout") == 0)
		return fanout(number(argv[2]));
	if (argc > 1 && strcmp(argv[1], "preempt") == 0)
		return preempt();
	nx_print("usage: spawner cycles N | fanout N | preempt\n");
	return 2;
}
