/*
 * MAP_SHARED: two mappings of one file see each other's stores, read()
 * sees them and mappings see write()s, a forked child's stores reach the
 * parent (file and anonymous shared memory; a private mapping's do not),
 * offsets, munmap, a truncation and an unlink under a mapping, a page
 * past the end, and Linux's errors for what cannot be mapped so.  SQLite's
 * WAL mode keeps its -shm index this way.  Works in a directory of its
 * own under the current one, removed at the end.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>	/* mkdir */
#include <sys/wait.h>
#include <unistd.h>

#define PG	4096l
#define DIR	"shm.d"
#define FILE1	DIR "/index"

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

/* What an mmap that should fail answered: its errno's name. */
static const char *
fails(void *p)
{
	return p == MAP_FAILED ? strerrorname_np(errno) : "succeeded";
}

static char *
map(size_t len, int prot, int flags, int fd, off_t off)
{
	char *p = mmap(NULL, len, prot, flags, fd, off);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* The byte of the file at `off`, as read() sees it. */
static int
byte_at(int fd, off_t off)
{
	char c;

	if (pread(fd, &c, 1, off) != 1)
		return -1;
	return (unsigned char)c;
}

/* Runs `fn` in a forked child and waits for it: how it ended. */
static const char *
in_child(void (*fn)(char *), char *p)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		fn(p);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	if (WIFSIGNALED(st))
		return "killed by a signal";
	if (WEXITSTATUS(st) == 3)
		return "caught a fault";
	return WEXITSTATUS(st) == 0 ? "exited" : "failed";
}

static void
child_stores(char *p)
{
	strcpy(p + 100, "from the child");
}

static void
on_fault(int sig)
{
	(void)sig;
	_exit(3);
}

/* Linux sends SIGBUS, rumpk SIGSEGV: either is caught the same way. */
static void
child_touches(char *p)
{
	signal(SIGSEGV, on_fault);
	signal(SIGBUS, on_fault);
	*(volatile char *)p = 1;
}

static void
two_mappings(int fd, char **pp, char **qp)
{
	char *p = map(2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = map(2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *tail;

	p[10] = 'A';
	printf("second mapping sees a store: %c\n", q[10]);
	printf("read() sees a store: %c\n", byte_at(fd, 10));
	if (pwrite(fd, "B", 1, PG + 904) != 1)
		die("pwrite");
	printf("a mapping sees write(): %c\n", p[PG + 904]);
	tail = map(PG, PROT_READ, MAP_SHARED, fd, PG);
	printf("a mapping at an offset: %c\n", tail[904]);
	munmap(tail, PG);
	printf("child %s; parent sees: %s\n", in_child(child_stores, p),
	    p + 100);
	printf("read() sees the child's store: %c\n", byte_at(fd, 100));
	*pp = p;
	*qp = q;
}

static void
private_mappings(int fd, char *p)
{
	char *r = map(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *a;

	printf("a private mapping has the bytes: %c %c\n", r[10], r[PG + 904]);
	r[10] = 'Z';
	printf("its store stays its own: file %c, shared %c, private %c\n",
	    byte_at(fd, 10), p[10], r[10]);
	p[11] = 'Y';
	printf("a page it wrote is its own: %d\n", r[11]);
	munmap(r, 2 * PG);

	a = map(PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	printf("shared anonymous: child %s; parent sees: %s\n",
	    in_child(child_stores, a), a + 100);
	munmap(a, PG);
	a = map(PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("private anonymous: child %s; parent sees: \"%s\"\n",
	    in_child(child_stores, a), a + 100);
	munmap(a, PG);
}

static void
unmap_and_truncate(int fd, char *p, char *q)
{
	char *ro;

	munmap(p, 2 * PG);
	printf("after munmap: read %c, other mapping %c\n", byte_at(fd, 10),
	    q[10]);
	q[20] = 'Q';
	munmap(q, 2 * PG);
	printf("stores last past munmap: %c\n", byte_at(fd, 20));

	/* Linux sends SIGBUS past the end; rumpk keeps the page until the
	 * mapping goes.  Neither may be touched here; only the ending. */
	q = map(2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (ftruncate(fd, 0) || ftruncate(fd, 2 * PG))
		die("ftruncate");
	munmap(q, 2 * PG);
	printf("truncated under a mapping, grown again: %d\n",
	    byte_at(fd, 10));

	ro = map(3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	printf("touching a page past the end: child %s\n",
	    in_child(child_touches, ro + 2 * PG));
	if (unlink(FILE1))
		die("unlink");
	ro[30] = 'U';
	printf("unlinked under a mapping: %c\n", byte_at(fd, 30));
	munmap(ro, 3 * PG);
}

static void
bad_arguments(int fd)
{
	int ro = open(DIR "/ro", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int wo, dir, pfd[2];
	char *p;

	if (ro < 0 || ftruncate(ro, PG))
		die(DIR "/ro");
	close(ro);
	ro = open(DIR "/ro", O_RDONLY);
	wo = open(DIR "/ro", O_WRONLY);
	dir = open(DIR, O_RDONLY);
	if (ro < 0 || wo < 0 || dir < 0 || pipe(pfd))
		die("open");
	printf("PROT_WRITE of a read-only file: %s\n", fails(mmap(NULL, PG,
	    PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0)));
	p = map(PG, PROT_READ, MAP_SHARED, ro, 0);
	printf("PROT_READ of it: %d; mprotect to write: %s\n", p[0],
	    mprotect(p, PG, PROT_READ | PROT_WRITE) ?
	    strerrorname_np(errno) : "succeeded");
	munmap(p, PG);
	p = map(PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	printf("MAP_PRIVATE of it may write: %d\n", p[0] = 5);
	munmap(p, PG);
	printf("a write-only file: %s\n", fails(mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, wo, 0)));
	printf("a directory: %s\n", fails(mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, dir, 0)));
	printf("a pipe's read end: %s\n", fails(mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, pfd[0], 0)));
	printf("a pipe's write end: %s\n", fails(mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, pfd[1], 0)));
	printf("an offset not a page: %s\n", fails(mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, fd, 100)));
	printf("a closed descriptor: %s\n", fails(mmap(NULL, PG, PROT_READ,
	    MAP_SHARED, 99, 0)));
	printf("neither shared nor private: %s\n", fails(mmap(NULL, PG,
	    PROT_READ, 0, fd, 0)));
	printf("no length: %s\n", fails(mmap(NULL, 0, PROT_READ, MAP_SHARED,
	    fd, 0)));
	close(ro);
	close(wo);
	close(dir);
	close(pfd[0]);
	close(pfd[1]);
	unlink(DIR "/ro");
}

int
main(void)
{
	char *p, *q;
	int fd;

	if (mkdir(DIR, 0755) && errno != EEXIST)
		die(DIR);
	fd = open(FILE1, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, 2 * PG))
		die(FILE1);
	two_mappings(fd, &p, &q);
	private_mappings(fd, p);
	unmap_and_truncate(fd, p, q);
	bad_arguments(fd);
	close(fd);
	if (rmdir(DIR))
		die("rmdir");
	return 0;
}
