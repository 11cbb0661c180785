/*
 * Scheduling while another Subject sleeps far ahead (the timer is then
 * armed for its deadline):
 *  - a child killed before it ever ran ends at once, not when the timer
 *    next fires (it used to spin until the sleeper's deadline, so the
 *    sleeper would not be asleep any more after three of them);
 *  - a busy program still gets its time slice taken, so a child runs
 *    while its parent spins (it used to wait for the spin to end).
 *   slicecheck        both, printing each step
 *   slicecheck sleep  sleep 20 s
 *   slicecheck child  print one line
 */
#include <string.h>

#include "libnexus.h"

/* 1 if Subject `id` is still live. */
static int
alive(long id)
{
	static NxSubjectInfo info[32];
	long n = nx_ps(info, 32);

	for (long i = 0; i < n; i++) {
		if (info[i].id == (uint32_t)id)
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char *sleeper[] = { "/bin/slicecheck", "sleep", NULL };
	char *kid[] = { "/bin/slicecheck", "child", NULL };
	char *hello[] = { "/bin/hello", "x", NULL };
	NxWaitArgs w;
	int64_t start;
	long sid, id;

	if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
		nx_call(CMD_TIME_SLEEP, 20000000000ull);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		nx_print("slicecheck: child ran\n");
		return 0;
	}
	sid = nx_exec("/bin/slicecheck", sleeper, NULL, 0, NULL, 0);
	if (sid < 0) {
		nx_printf("slicecheck: %s\n", nx_strerror(sid));
		return 1;
	}
	nx_yield();		/* the sleeper arms the timer 20 s ahead */
	for (int i = 0; i < 3; i++) {
		id = nx_exec("/bin/hello", hello, NULL, 0, NULL, 0);
		nx_kill((uint32_t)id);
		memset(&w, 0, sizeof(w));
		nx_wait((uint32_t)id, &w);
		/* Killed, or (if a tick let it run first) exited. */
		nx_printf("slicecheck: killed child ended: %s\n",
		    w.how == NX_WAIT_KILLED || w.how == NX_WAIT_EXITED ?
		    "yes" : "strangely");
	}
	nx_printf("slicecheck: sleeper still asleep: %s\n",
	    alive(sid) ? "yes" : "no");
	id = nx_exec("/bin/slicecheck", kid, NULL, 0, NULL, 0);
	start = nx_uptime_ns();
	while (nx_uptime_ns() - start < 300000000)
		;		/* 30 time slices */
	nx_print("slicecheck: parent spun\n");
	nx_wait((uint32_t)id, &w);
	nx_kill((uint32_t)sid);
	nx_wait((uint32_t)sid, &w);
	nx_print("slicecheck: done\n");
	return 0;
}
