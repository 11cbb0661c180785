/*
 * The benchmark program `make bench-peers` runs on rumpk (through the
 * Linux personality) and on Linux 6.1, the same static binary on both
 * (bench/peers/run.py drives it; docs/PERFORMANCE.md, "rumpk beside
 * Linux").
 *
 *   peerbench -i|-t BENCHMARK
 *
 * -i counts retired instructions (rdinstret, exact under -icount), -t
 * reads the 10 MHz time counter (rdtime); both are read in U-mode around
 * the benchmark's loop, after one untimed operation, so that first-use
 * costs (page faults, the kernel's caches) stay out.  One line reports it:
 *	@ <benchmark> <operations> <interval>
 * or, when the kernel cannot do what the benchmark needs,
 *	@ <benchmark> n/a <call> <errno>
 * naming the call that failed; the driver prints ENOSYS as "system call
 * <call> missing", never a figure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK		4096
#define FILE_BYTES	(4 << 20)

static const char *true_path = "/bin/ptrue";
static const char *data_path = "/data/4MiB";
static const char *write_path = "/data/written";

static int use_instret;
static char chunk[CHUNK];
static volatile sig_atomic_t caught;
extern char **environ;

static uint64_t
counter(void)
{
	uint64_t v;

	if (use_instret)
		__asm__ volatile("rdinstret %0" : "=r"(v));
	else
		__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

/* Reports the call that failed and ends the benchmark: no figure. */
static int
fail(const char *bench, const char *call, int err)
{
	printf("@ %s n/a %s %d\n", bench, call, err);
	return 1;
}

/* Waits for one child; a child that did not exit 0 is reported. */
static int
reap(const char *bench, pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) < 0)
		return fail(bench, "wait4", errno);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("@ %s n/a child-status %d\n", bench, status);
		return 1;
	}
	return 0;
}

static int
op_getpid(const char *bench)
{
	(void)bench;
	getpid();
	return 0;
}

static int
op_spawn(const char *bench)
{
	char *argv[] = { (char *)true_path, NULL };
	pid_t pid;
	int err = posix_spawn(&pid, true_path, NULL, NULL, argv, environ);

	/* glibc tries clone3, then clone; ENOSYS means neither exists. */
	if (err)
		return fail(bench, err == ENOSYS ? "clone" : "posix_spawn",
		    err);
	return reap(bench, pid);
}

static int
op_fork_exec(const char *bench)
{
	char *argv[] = { (char *)true_path, NULL };
	pid_t pid = fork();

	if (pid < 0)
		return fail(bench, "clone", errno);
	if (pid == 0) {
		execve(true_path, argv, environ);
		/* The parent sees status 127; this line says why. */
		printf("@ %s n/a execve %d\n", bench, errno);
		fflush(stdout);
		_exit(127);
	}
	return reap(bench, pid);
}

/* One pass over the 4 MiB file in 4 KiB reads. */
static int
op_read(const char *bench)
{
	int fd = open(data_path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return fail(bench, "openat", errno);
	while ((n = read(fd, chunk, CHUNK)) > 0)
		;
	close(fd);
	return n < 0 ? fail(bench, "read", errno) : 0;
}

/* A 4 MiB file written in 4 KiB writes, then removed. */
static int
op_write(const char *bench)
{
	int fd = open(write_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return fail(bench, "openat", errno);
	for (int i = 0; i < FILE_BYTES / CHUNK; i++) {
		if (write(fd, chunk, CHUNK) != CHUNK) {
			close(fd);
			return fail(bench, "write", errno);
		}
	}
	close(fd);
	if (unlink(write_path) < 0)
		return fail(bench, "unlinkat", errno);
	return 0;
}

static void
on_usr1(int sig)
{
	(void)sig;
	caught++;
}

static int
op_signal(const char *bench)
{
	sig_atomic_t before = caught;

	if (kill(getpid(), SIGUSR1) < 0)
		return fail(bench, "kill", errno);
	if (caught != before + 1) {
		printf("@ %s n/a handler-not-run 0\n", bench);
		return 1;
	}
	return 0;
}

static int
setup_signal(const char *bench)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return fail(bench, "rt_sigaction", errno);
	return 0;
}

/*
 * Pipe ping-pong: one byte to a child and one back, a round trip per
 * operation.  The child is forked once; its start and end stay outside
 * the timed loop.
 */
static int ping[2], pong[2];

static int
op_pingpong(const char *bench)
{
	char c = 'p';

	if (write(ping[1], &c, 1) != 1)
		return fail(bench, "write", errno);
	if (read(pong[0], &c, 1) != 1)
		return fail(bench, "read", errno);
	return 0;
}

static void
pong_child(void)
{
	char c;

	close(ping[1]);
	close(pong[0]);
	while (read(ping[0], &c, 1) == 1)
		if (write(pong[1], &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static int
setup_pingpong(const char *bench, pid_t *child)
{
	if (pipe(ping) < 0 || pipe(pong) < 0)
		return fail(bench, "pipe2", errno);
	*child = fork();
	if (*child < 0)
		return fail(bench, "clone", errno);
	if (*child == 0)
		pong_child();
	close(ping[0]);
	close(pong[1]);
	return 0;
}

struct bench {
	const char *name;
	int (*op)(const char *);
	int ops;
};

static const struct bench benches[] = {
	{ "getpid", op_getpid, 20000 },
	{ "spawn", op_spawn, 40 },
	{ "fork_exec", op_fork_exec, 40 },
	{ "read", op_read, 4 },
	{ "pipe", op_pingpong, 2000 },
	{ "write", op_write, 4 },
	{ "signal", op_signal, 2000 },
};

static int
run(const struct bench *b)
{
	pid_t child = 0;
	uint64_t t0, t1;

	if (strcmp(b->name, "signal") == 0 && setup_signal(b->name))
		return 1;
	if (strcmp(b->name, "pipe") == 0 && setup_pingpong(b->name, &child))
		return 1;
	if (b->op(b->name))
		return 1;
	t0 = counter();
	for (int i = 0; i < b->ops; i++)
		if (b->op(b->name))
			return 1;
	t1 = counter();
	if (child) {
		close(ping[1]);
		if (reap(b->name, child))
			return 1;
	}
	printf("@ %s %d %llu\n", b->name, b->ops,
	    (unsigned long long)(t1 - t0));
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "-i") && strcmp(argv[1], "-t"))) {
		fprintf(stderr, "usage: peerbench -i|-t BENCHMARK\n");
		return 2;
	}
	use_instret = argv[1][1] == 'i';
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
		if (strcmp(argv[2], benches[i].name) == 0)
			return run(&benches[i]);
	fprintf(stderr, "peerbench: no benchmark %s\n", argv[2]);
	return 2;
}
