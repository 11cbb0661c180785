/*
 * Pipes through glibc: pipe2, reads and writes, EOF, EPIPE (with SIGPIPE
 * blocked, so that Linux too answers EPIPE instead of ending the
 * program), O_NONBLOCK, the 64 KiB a pipe holds, and the errors.  Every
 * line must be the same under qemu-riscv64 and under rumpk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *
err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

int
main(void)
{
	static char buf[4096];
	sigset_t set;
	struct stat st;
	int fds[2], more[2];
	long r, held = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);

	r = pipe2(fds, 0);
	printf("pipe2: %ld, fds %d %d\n", r, fds[0], fds[1]);
	fstat(fds[0], &st);
	printf("fifo: %d\n", S_ISFIFO(st.st_mode));
	printf("flags: %#x %#x\n", fcntl(fds[0], F_GETFL) & 0xfff,
	    fcntl(fds[1], F_GETFL) & 0xfff);
	r = write(fds[1], "hello, pipe", 11);
	printf("write: %ld\n", r);
	r = read(fds[0], buf, sizeof(buf));
	printf("read: %ld \"%.*s\"\n", r, (int)r, buf);
	r = lseek(fds[0], 0, SEEK_SET);
	printf("lseek: %ld %s\n", r, err(r));
	r = write(fds[0], "x", 1);
	printf("write to the read end: %ld %s\n", r, err(r));

	/* A second writer keeps the pipe open; the last one closing is EOF. */
	more[1] = dup(fds[1]);
	close(fds[1]);
	write(more[1], "ab", 2);
	close(more[1]);
	r = read(fds[0], buf, sizeof(buf));
	printf("read after the writers closed: %ld\n", r);
	r = read(fds[0], buf, sizeof(buf));
	printf("and again: %ld\n", r);
	close(fds[0]);

	pipe2(fds, 0);
	close(fds[0]);
	r = write(fds[1], "x", 1);
	printf("write with no reader: %ld %s\n", r, err(r));
	close(fds[1]);

	pipe2(fds, O_NONBLOCK | O_CLOEXEC);
	printf("cloexec: %d\n", fcntl(fds[0], F_GETFD));
	r = read(fds[0], buf, 1);
	printf("empty read: %ld %s\n", r, err(r));
	memset(buf, 'z', sizeof(buf));
	while ((r = write(fds[1], buf, sizeof(buf))) == sizeof(buf))
		held += r;
	printf("held %ld, then %ld %s\n", held, r, err(r));
	close(fds[0]);
	close(fds[1]);

	r = pipe2(fds, O_CREAT);
	printf("pipe2 with O_CREAT: %ld %s\n", r, err(r));
	r = syscall(SYS_pipe2, (int *)8, 0);
	printf("pipe2 at a bad address: %ld %s\n", r, err(r));
	return 0;
}
