/*
 * Named pipes: mknod and mkfifo (types, umask, the path errors), and
 * what opening a FIFO gives: Linux's open rules (a reader waits for a
 * writer and the other way round, O_NONBLOCK, ENXIO, O_RDWR), one pipe
 * shared by every opener, EOF once the writers are gone, EPIPE and
 * SIGPIPE, poll, a fresh pipe after the last close, an open interrupted
 * by a signal (EINTR, or restarted with SA_RESTART), and a FIFO that
 * came in the archive (fifos/archived).  Processes meet through fork; they
 * never sleep to wait for each other.
 *
 *   fifo            everything above, the same on rumpk and on Linux
 *   fifo native     rumpk's native head reads the archive's FIFO: its
 *                   open waits for this writer (run alone by the doorbell)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#define DIR	"fifo.tmp"
#define F	DIR "/f"

static const char *
err(int r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static void
names(void)
{
	struct stat st;

	umask(022);
	printf("mkfifo: %s\n", err(mkfifo(F, 0666)));
	stat(F, &st);
	printf("a fifo: %d, mode %o, size %ld\n", S_ISFIFO(st.st_mode),
	    st.st_mode & 07777, (long)st.st_size);
	printf("again: %s\n", err(mkfifo(F, 0666)));
	printf("trailing slash, taken: %s\n", err(mkfifo(F "/", 0666)));
	printf("trailing slash, free: %s\n", err(mkfifo(DIR "/g/", 0666)));
	printf("no directory: %s\n", err(mkfifo("fifo.none/f", 0666)));
	printf("through a fifo: %s\n", err(mkfifo(F "/x", 0666)));
	printf("regular: %s\n", err(mknod(DIR "/r", S_IFREG | 0640, 0)));
	printf("type 0: %s\n", err(mknod(DIR "/z", 0600, 0)));
	stat(DIR "/r", &st);
	printf("a file: %d, mode %o, size %ld\n", S_ISREG(st.st_mode),
	    st.st_mode & 07777, (long)st.st_size);
	stat(DIR "/z", &st);
	printf("type 0 a file: %d, mode %o\n", S_ISREG(st.st_mode),
	    st.st_mode & 07777);
	printf("directory: %s\n", err(mknod(DIR "/d", S_IFDIR | 0755, 0)));
	printf("link: %s\n", err(mknod(DIR "/l", S_IFLNK | 0777, 0)));
	printf("bad type: %s\n", err(mknod(DIR "/b", 0170000 | 0600, 0)));
	printf("taken, as a device: %s\n",
	    err(mknod(F, S_IFCHR | 0600, makedev(1, 3))));
}

/* The open rules without a second process. */
static void
alone(void)
{
	char buf[16];
	int r, w, rw, n;
	struct stat a, b;

	printf("writer, nobody reads: %s\n",
	    err(open(F, O_WRONLY | O_NONBLOCK)));
	r = open(F, O_RDONLY | O_NONBLOCK);
	printf("reader, nonblocking: %s\n", err(r));
	printf("read with no writer: %zd\n", read(r, buf, sizeof(buf)));
	w = open(F, O_WRONLY | O_NONBLOCK);
	printf("writer, a reader there: %s\n", err(w));
	printf("write: %zd\n", write(w, "shared", 6));
	n = (int)read(r, buf, sizeof(buf));
	printf("the reader gets: %.*s\n", n > 0 ? n : 0, buf);
	fstat(w, &a);
	stat(F, &b);
	printf("fstat: a fifo %d, the node's inode %d\n", S_ISFIFO(a.st_mode),
	    a.st_ino == b.st_ino);
	printf("lseek: %s\n", err((int)lseek(w, 0, SEEK_SET)));
	signal(SIGPIPE, SIG_IGN);
	close(r);
	printf("write, no reader: %s\n", err((int)write(w, "x", 1)));
	close(w);
	rw = open(F, O_RDWR);
	printf("read-write, never waits: %s\n", err(rw));
	write(rw, "stale", 5);
	close(rw);
	r = open(F, O_RDONLY | O_NONBLOCK);
	printf("after the last close, a fresh pipe: %zd\n",
	    read(r, buf, sizeof(buf)));
	close(r);
	signal(SIGPIPE, SIG_DFL);
}

/* The child writes; the parent reads to the end.  Whichever opens first
 * waits for the other. */
static void
reader_and_writer(void)
{
	char buf[64];
	int status, fd, n;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fd = open(F, O_WRONLY);
		dprintf(fd, "hello through the fifo\n");
		_exit(0);
	}
	fd = open(F, O_RDONLY);
	while ((n = (int)read(fd, buf, sizeof(buf))) > 0)
		printf("read: %.*s", n, buf);
	printf("then: %d (end of file)\n", n);
	close(fd);
	waitpid(pid, &status, 0);
	printf("writer: exit %d\n", WEXITSTATUS(status));
}

/* A writer with SIGPIPE's default action dies of it. */
static void
sigpipe(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int r = open(F, O_RDONLY | O_NONBLOCK);
		int w = open(F, O_WRONLY);

		close(r);
		write(w, "x", 1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("writer with no reader: signal %d\n",
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static void
polls(void)
{
	struct pollfd p = { .events = POLLIN };
	char buf[16];
	int w;

	p.fd = open(F, O_RDONLY | O_NONBLOCK);
	printf("poll, no writer yet: %d %#x\n", poll(&p, 1, 0), p.revents);
	w = open(F, O_WRONLY);
	write(w, "ab", 2);
	printf("poll, bytes: %d %#x\n", poll(&p, 1, 0), p.revents);
	close(w);
	printf("poll, writer gone: %d %#x\n", poll(&p, 1, 0), p.revents);
	printf("read: %zd", read(p.fd, buf, sizeof(buf)));
	printf(", then %zd\n", read(p.fd, buf, sizeof(buf)));
	printf("poll, drained: %d %#x\n", poll(&p, 1, 0), p.revents);
	close(p.fd);
}

static int restart_fd = -1;

static void
on_alarm(int sig)
{
	(void)sig;
	/* A writer now: a restarted open finds it and does not wait. */
	restart_fd = open(F, O_RDWR);
}

static void
on_alarm_quiet(int sig)
{
	(void)sig;
}

/* A reader waiting for a writer that never comes: a signal ends the
 * open with EINTR, or restarts it under SA_RESTART. */
static void
interrupted(void)
{
	struct sigaction sa = { .sa_handler = on_alarm_quiet };
	int fd;

	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	fd = open(F, O_RDONLY);
	printf("open, interrupted: %s\n", err(fd));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	fd = open(F, O_RDONLY);
	printf("open, restarted: %s, a writer from the handler: %d\n",
	    err(fd), restart_fd >= 0);
	close(fd);
	close(restart_fd);
}

/* The archive's own FIFO (the test's tree has one). */
static void
archived(void)
{
	char buf[16];
	int fd = open("fifos/archived", O_RDWR);
	int n;

	printf("archived fifo: %s\n", err(fd));
	write(fd, "kept", 4);
	n = (int)read(fd, buf, sizeof(buf));
	printf("through it: %.*s\n", n > 0 ? n : 0, buf);
	close(fd);
}

/* A native program opens the FIFO through the command ring. */
static int
native(void)
{
	int status, fd;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/bin/head", "head", "-n", "1", "fifos/archived",
		    (char *)NULL);
		_exit(127);
	}
	/* No reader yet is ENXIO; once head has the read end it waits in
	 * its open for a writer, and this one ends the wait. */
	while ((fd = open("fifos/archived", O_WRONLY | O_NONBLOCK)) < 0 &&
	    errno == ENXIO)
		sched_yield();
	dprintf(fd, "from a Linux writer\n");
	close(fd);
	waitpid(pid, &status, 0);
	printf("head: exit %d\n", WEXITSTATUS(status));
	return 0;
}

static void
clean(void)
{
	unlink(F);
	unlink(DIR "/r");
	unlink(DIR "/z");
	rmdir(DIR);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "native") == 0)
		return native();
	clean();
	mkdir(DIR, 0755);
	names();
	alone();
	reader_and_writer();
	sigpipe();
	polls();
	interrupted();
	archived();
	clean();
	return 0;
}
