/*
 * poll, ppoll and select (pselect6) through glibc on pipes, files,
 * devices and bad descriptors, with timeouts and bad arguments.  Every
 * line must be the same under qemu-riscv64 and under rumpk; no line
 * depends on how long anything took, only on what must hold.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *
err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* One descriptor polled for `events`: "result revents". */
static void
poll1(const char *what, int fd, short events, int timeout)
{
	struct pollfd p = { fd, events, 0x7fff };
	int r = poll(&p, 1, timeout);

	printf("%s: %d %s revents %#x\n", what, r, err(r), p.revents);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void
pipes(void)
{
	struct timespec t0;
	int fds[2];
	char c;

	pipe(fds);
	poll1("empty pipe, read end", fds[0], POLLIN, 0);
	poll1("empty pipe, write end", fds[1], POLLOUT, 0);
	poll1("write end asked for nothing", fds[1], 0, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	poll1("empty pipe, 50 ms", fds[0], POLLIN, 50);
	printf("waited the 50 ms: %s\n", ms_since(&t0) >= 50 ? "yes" : "no");
	write(fds[1], "x", 1);
	poll1("after a write", fds[0], POLLIN | POLLPRI, 0);
	poll1("after a write, forever", fds[0], POLLIN, -1);
	close(fds[1]);
	poll1("writer closed, byte left", fds[0], POLLIN, -1);
	read(fds[0], &c, 1);
	poll1("writer closed, empty", fds[0], POLLIN, -1);
	poll1("writer closed, asked for nothing", fds[0], 0, -1);
	close(fds[0]);

	pipe(fds);
	close(fds[0]);
	poll1("reader closed, write end", fds[1], POLLOUT, -1);
	close(fds[1]);
}

static void
several(void)
{
	struct pollfd p[4];
	int fds[2], fd = open("data/alpha", O_RDONLY), r;

	pipe(fds);
	p[0] = (struct pollfd){ fds[0], POLLIN, 0 };
	p[1] = (struct pollfd){ -1, POLLIN, 0x55 };
	p[2] = (struct pollfd){ 99, POLLIN, 0 };
	p[3] = (struct pollfd){ fd, POLLIN | POLLOUT, 0 };
	r = poll(p, 4, -1);
	printf("four: %d, revents %#x %#x %#x %#x\n", r, p[0].revents,
	    p[1].revents, p[2].revents, p[3].revents);
	r = poll(p, 0, 0);
	printf("none, no wait: %d\n", r);
	fd = open("/dev/null", O_WRONLY);
	poll1("/dev/null", fd, POLLIN | POLLOUT, 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	poll1("/dev/zero", fd, POLLIN, 0);
	close(fd);
	close(fds[0]);
	close(fds[1]);
}

static void
bad_arguments(void)
{
	static const struct pollfd ro = { 0, POLLOUT, 0 };
	struct pollfd p = { 0, POLLOUT, 0 };
	struct timespec ts = { 0, 2000000000 };
	sigset_t set;
	int fds[2];
	long r;

	pipe(fds);
	p.fd = fds[1];
	r = poll((struct pollfd *)&ro, 1, 0);
	printf("poll into read-only memory: %ld %s\n", r, err(r));
	/* Raw calls: glibc's wrappers would read these pointers first. */
	r = syscall(SYS_ppoll, 8, 1, NULL, NULL, 8);
	printf("poll of a wild pointer: %ld %s\n", r, err(r));
	r = syscall(SYS_ppoll, &p, 0x7fffffff, NULL, NULL, 8);
	printf("poll of too many: %ld %s\n", r, err(r));
	r = ppoll(&p, 1, &ts, NULL);
	printf("ppoll with 2e9 ns: %ld %s\n", r, err(r));
	r = syscall(SYS_ppoll, &p, 1, 8, NULL, 8);
	printf("ppoll with a wild timeout: %ld %s\n", r, err(r));
	sigemptyset(&set);
	r = syscall(SYS_ppoll, &p, 1, NULL, &set, 4);
	printf("ppoll with a 4-byte mask: %ld %s\n", r, err(r));
	r = syscall(SYS_ppoll, &p, 1, NULL, (void *)8, 8);
	printf("ppoll with a wild mask: %ld %s\n", r, err(r));
	ts.tv_nsec = 0;
	r = ppoll(&p, 1, &ts, &set);
	printf("ppoll with a mask: %ld %s revents %#x\n", r, err(r),
	    p.revents);
	close(fds[0]);
	close(fds[1]);
}

static int
isset(int fd, fd_set *s)
{
	return FD_ISSET(fd, s) != 0;
}

static void
selects(void)
{
	struct timeval tv = { 0, 0 };
	fd_set rd, wr, ex;
	int fds[2], r;

	pipe(fds);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	FD_SET(fds[0], &ex);
	r = select(fds[1] + 1, &rd, &wr, &ex, &tv);
	printf("select, empty pipe: %d, read %d write %d except %d\n", r,
	    isset(fds[0], &rd), isset(fds[1], &wr), isset(fds[0], &ex));
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	write(fds[1], "y", 1);
	tv.tv_sec = 10;
	r = select(fds[1] + 1, &rd, &wr, NULL, &tv);
	printf("select, after a write: %d, read %d write %d\n", r,
	    isset(fds[0], &rd), isset(fds[1], &wr));
	printf("time left written back, under 10 s: %s\n",
	    tv.tv_sec < 10 && (tv.tv_sec > 0 || tv.tv_usec > 0) ? "yes" :
	    "no");
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	FD_SET(60, &rd);
	r = select(61, &rd, NULL, NULL, NULL);
	printf("select with a closed descriptor: %d %s\n", r, err(r));
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	r = select(fds[0], &rd, NULL, NULL, &tv);
	printf("select below the descriptor: %d, read %d\n", r,
	    isset(fds[0], &rd));
	r = select(-1, NULL, NULL, NULL, &tv);
	printf("select of -1: %d %s\n", r, err(r));
	r = syscall(SYS_pselect6, fds[0] + 1, 8, NULL, NULL, NULL, NULL);
	printf("select of a wild set: %d %s\n", r, err(r));
	tv.tv_sec = 0;
	tv.tv_usec = 20000;
	FD_ZERO(&rd);
	r = select(0, NULL, NULL, NULL, &tv);
	printf("select as a sleep: %d, left %ld %ld\n", r, (long)tv.tv_sec,
	    (long)tv.tv_usec);
	close(fds[0]);
	close(fds[1]);
	pipe(fds);
	close(fds[1]);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	r = select(fds[0] + 1, &rd, NULL, NULL, NULL);
	printf("select, writer gone: %d, read %d\n", r, isset(fds[0], &rd));
	close(fds[0]);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pipes();
	several();
	bad_arguments();
	selects();
	return 0;
}
