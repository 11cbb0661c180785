/*
 * flock(2): locks of open file descriptions.  Shared and exclusive
 * locks between descriptions, LOCK_NB's EWOULDBLOCK, a lock shared by
 * dup and fork and gone with the description's last descriptor or its
 * process, conversion (as Linux does it: the old lock goes first), flock
 * and fcntl locks apart, the errors, a blocking LOCK_EX woken by the
 * holder's unlock in another process, and one ended by a signal
 * (EINTR).  Processes meet through fork and a pipe; they never sleep to
 * wait for each other.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#define FILE_	"flock.tmp"

static const char *
err(int r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static int
fresh(void)
{
	return open(FILE_, O_RDWR | O_CREAT, 0644);
}

/* Runs `child` in a child process and waits: its exit status. */
static int
in_child(void (*child)(int), int arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		child(arg);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status);
}

static void
between_descriptions(void)
{
	int a = fresh(), b = fresh(), c;

	printf("a LOCK_EX: %s\n", err(flock(a, LOCK_EX)));
	printf("b LOCK_EX|LOCK_NB: %s\n", err(flock(b, LOCK_EX | LOCK_NB)));
	printf("b LOCK_SH|LOCK_NB: %s\n", err(flock(b, LOCK_SH | LOCK_NB)));
	printf("a again: %s\n", err(flock(a, LOCK_EX | LOCK_NB)));
	c = dup(a);
	printf("a dup LOCK_EX|LOCK_NB: %s\n", err(flock(c, LOCK_EX | LOCK_NB)));
	close(a);
	printf("a closed, its dup open: b %s\n",
	    err(flock(b, LOCK_SH | LOCK_NB)));
	close(c);
	printf("every descriptor closed: b %s\n",
	    err(flock(b, LOCK_EX | LOCK_NB)));
	printf("b unlock: %s\n", err(flock(b, LOCK_UN)));
	printf("unlock again: %s\n", err(flock(b, LOCK_UN)));
	close(b);
}

/* Readers share; converting to exclusive past another reader fails
 * with LOCK_NB and, as on Linux, loses the shared lock. */
static void
conversion(void)
{
	int a = fresh(), b = fresh(), c = fresh();

	printf("a LOCK_EX: %s\n", err(flock(a, LOCK_EX)));
	printf("a to LOCK_SH: %s\n", err(flock(a, LOCK_SH)));
	printf("b LOCK_SH|LOCK_NB: %s\n", err(flock(b, LOCK_SH | LOCK_NB)));
	printf("a to LOCK_EX|LOCK_NB: %s\n", err(flock(a, LOCK_EX | LOCK_NB)));
	printf("b unlock: %s\n", err(flock(b, LOCK_UN)));
	printf("c LOCK_EX|LOCK_NB (a lost its lock): %s\n",
	    err(flock(c, LOCK_EX | LOCK_NB)));
	close(a);
	close(b);
	close(c);
}

static void
errors(void)
{
	int a = fresh();

	printf("bad descriptor: %s\n", err(flock(-1, LOCK_EX)));
	printf("closed descriptor: %s\n", err(flock(99, LOCK_SH)));
	printf("no operation: %s\n", err(flock(a, 0)));
	printf("LOCK_NB alone: %s\n", err(flock(a, LOCK_NB)));
	printf("LOCK_SH|LOCK_EX: %s\n", err(flock(a, LOCK_SH | LOCK_EX)));
	printf("bad operation, bad descriptor: %s\n", err(flock(99, 64)));
	close(a);
}

static void
child_tries(int fd)
{
	int own = fresh();

	printf("child, the parent's description: %s\n",
	    err(flock(fd, LOCK_EX | LOCK_NB)));
	printf("child, its own: %s\n", err(flock(own, LOCK_SH | LOCK_NB)));
}

static void
child_posix(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	(void)fd;
	fd = fresh();
	fcntl(fd, F_GETLK, &fl);
	printf("child F_GETLK: %s\n", fl.l_type == F_WRLCK ? "write lock" :
	    fl.l_type == F_UNLCK ? "none" : "other");
}

static void
child_locks_and_ends(int fd)
{
	(void)fd;
	printf("child takes LOCK_EX and ends: %s\n",
	    err(flock(fresh(), LOCK_EX)));
}

/* fork shares the description, and so its lock; fcntl's locks are apart;
 * a process that ends lets its descriptions' locks go. */
static void
processes(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int a = fresh(), b = fresh();

	printf("parent LOCK_EX: %s\n", err(flock(a, LOCK_EX)));
	in_child(child_tries, a);
	printf("fcntl F_SETLK beside it: %s\n", err(fcntl(b, F_SETLK, &fl)));
	in_child(child_posix, 0);
	close(b);		/* lets the record lock go */
	close(a);
	in_child(child_locks_and_ends, 0);
	a = fresh();
	printf("after the child ended: %s\n", err(flock(a, LOCK_EX | LOCK_NB)));
	close(a);
}

/* The child waits in LOCK_EX until the parent unlocks. */
static void
waits(void)
{
	int a = fresh(), sync[2], status;
	char c;
	pid_t pid;

	pipe(sync);
	printf("parent LOCK_EX: %s\n", err(flock(a, LOCK_EX)));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int own = fresh();

		write(sync[1], "w", 1);
		printf("child LOCK_EX, after the wait: %s\n",
		    err(flock(own, LOCK_EX)));
		fflush(stdout);
		_exit(0);
	}
	read(sync[0], &c, 1);
	printf("parent unlocks\n");
	fflush(stdout);
	flock(a, LOCK_UN);
	waitpid(pid, &status, 0);
	close(a);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

static void
child_interrupted(int fd)
{
	struct sigaction sa = { .sa_handler = on_alarm };

	(void)fd;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	printf("child LOCK_EX, a signal: %s\n", err(flock(fresh(), LOCK_EX)));
}

static void
interrupted(void)
{
	int a = fresh();

	flock(a, LOCK_EX);
	in_child(child_interrupted, 0);
	close(a);
}

int
main(void)
{
	unlink(FILE_);
	between_descriptions();
	conversion();
	errors();
	processes();
	waits();
	interrupted();
	unlink(FILE_);
	return 0;
}
