/*
 * Linux process benchmarks for `make bench` (bench/run.py): fork+exit+wait,
 * fork+execve+wait and posix_spawn+wait, each of /bin/true, timed with the
 * clock bench/bench.c uses (-t: the monotonic clock, -i: rdinstret, -u:
 * the monotonic clock as well, which under -icount counts instructions).
 * It prints "@ name round ops interval" lines as bench does, with its own
 * "empty" (the cost of reading its clock) as linux_empty.
 */
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int use_instret;
static char *true_argv[] = { "/bin/true", NULL };

static uint64_t
now(void)
{
	struct timespec ts;
	uint64_t v;

	if (use_instret) {
		__asm__ volatile("rdinstret %0" : "=r"(v));
		return v;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int
reap(pid_t pid)
{
	int st;

	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		printf("procbench: a child went wrong\n");
		return -1;
	}
	return 0;
}

static long
empty(unsigned n)
{
	(void)n;
	return 1;
}

static long
fork_exit_wait(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (reap(pid))
			return -1;
	}
	return n;
}

static long
fork_exec_wait(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			execve(true_argv[0], true_argv, environ);
			_exit(127);
		}
		if (reap(pid))
			return -1;
	}
	return n;
}

static long
posix_spawn_wait(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		pid_t pid;

		if (posix_spawn(&pid, true_argv[0], NULL, NULL, true_argv,
		    environ) != 0 || reap(pid))
			return -1;
	}
	return n;
}

static const struct {
	const char *name;
	long (*run)(unsigned n);
	unsigned n;
} benches[] = {
	{ "linux_empty", empty, 1 },
	{ "fork_exit_wait", fork_exit_wait, 50 },
	{ "fork_exec_wait", fork_exec_wait, 50 },
	{ "posix_spawn_wait", posix_spawn_wait, 50 },
};

int
main(int argc, char **argv)
{
	unsigned rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 3;

	setvbuf(stdout, NULL, _IOLBF, 0);
	use_instret = argc > 1 && strcmp(argv[1], "-i") == 0;
	for (unsigned r = 0; r < rounds; r++) {
		for (unsigned i = 0; i < sizeof(benches) / sizeof(benches[0]);
		    i++) {
			uint64_t t0 = now(), t1;
			long ops = benches[i].run(benches[i].n);

			t1 = now();
			if (ops < 0)
				return 1;
			printf("@ %s %u %ld %lu\n", benches[i].name, r, ops,
			    (unsigned long)(t1 - t0));
		}
	}
	printf("procbench: done\n");
	return 0;
}
