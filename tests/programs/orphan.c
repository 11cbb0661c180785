/*
 * A program that leaves a child behind, for the end-to-end tests of
 * orphans and the console's foreground:
 *   orphan [MS]    start a child that sleeps (MS milliseconds, or for
 *                  ever) and end without waiting for it
 *   orphan job     start a sleeping child, then sleep too, waiting for
 *                  nobody (^C must end both)
 *   orphan gone ID wait until Subject ID's slot is free again
 *   orphan kill ID end Subject ID (run with NipBox's exec, so that it is
 *                  the first Subject, which adopted the orphan), then
 *                  wait until its slot is free
 *   orphan sleep [MS]  the child
 *   orphan start PATH  start PATH (any program) and end without waiting
 */
#include <string.h>

#include "libnexus.h"

#define MS	1000000ull

static unsigned
number(const char *s)
{
	unsigned v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned)(*s++ - '0');
	return v;
}

static int
sleep_for(unsigned ms)
{
	if (ms) {
		nx_call(CMD_TIME_SLEEP, ms * MS);
		return 0;
	}
	for (;;)
		nx_call(CMD_TIME_SLEEP, 1000 * MS);
}

static long
start_sleeper(char *ms)
{
	char *argv[] = { "/bin/orphan", "sleep", ms, NULL };
	char why[128];
	long id = nx_exec(argv[0], argv, NULL, 0, why, sizeof(why));

	if (id < 0)
		nx_printf("orphan: %s: %s\n", nx_strerror(id), why);
	return id;
}

static int
start_other(char *path)
{
	char *argv[] = { path, NULL };
	char why[128];
	long id = nx_exec(path, argv, NULL, 0, why, sizeof(why));

	if (id < 0) {
		nx_printf("orphan: %s: %s\n", nx_strerror(id), why);
		return 1;
	}
	nx_printf("orphan: child %ld started\n", id);
	return 0;
}

/* 1 while Subject `id` holds a slot (live, or ended and not freed). */
static int
holds_slot(uint32_t id, long *count)
{
	static NxSubjectInfo info[32];
	long n = nx_ps(info, 32);

	*count = n;
	for (long i = 0; i < n; i++) {
		if (info[i].id == id)
			return 1;
	}
	return 0;
}

/* Polls (the kernel frees the slot of an adopted Subject when it ends;
 * nobody can wait for it). */
static int
await_gone(uint32_t id)
{
	long count;

	while (holds_slot(id, &count))
		nx_call(CMD_TIME_SLEEP, 10 * MS);
	nx_printf("orphan: %u gone, %ld Subjects left\n", id, count);
	return 0;
}

int
main(int argc, char **argv)
{
	long id;

	if (argc > 1 && strcmp(argv[1], "sleep") == 0)
		return sleep_for(argc > 2 ? number(argv[2]) : 0);
	if (argc > 2 && strcmp(argv[1], "start") == 0)
		return start_other(argv[2]);
	if (argc > 2 && strcmp(argv[1], "gone") == 0)
		return await_gone(number(argv[2]));
	if (argc > 2 && strcmp(argv[1], "kill") == 0) {
		id = nx_kill(number(argv[2]));
		nx_printf("orphan: kill %s: %s\n", argv[2],
		    id < 0 ? nx_strerror(id) : "ok");
		return id < 0 ? 1 : await_gone(number(argv[2]));
	}
	id = start_sleeper(argc > 1 && strcmp(argv[1], "job") != 0 ?
	    argv[1] : "0");
	if (id < 0)
		return 1;
	nx_printf("orphan: child %ld sleeps\n", id);
	if (argc > 1 && strcmp(argv[1], "job") == 0)
		return sleep_for(0);
	return 0;
}
