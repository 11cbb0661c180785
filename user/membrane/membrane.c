/*
 * The membrane: what picolibc needs from an operating system, made of
 * libnexus calls.  Programs that include a libc header are linked with it
 * (and picolibc); the rest never see it.
 *
 * File descriptors 0, 1 and 2 are the console; a file the kernel opens as
 * descriptor k is k + 3 here.  The root file system is read-only, so
 * anything that would write a file fails with EROFS (or EBADF).
 */
#include <errno.h>
#include <fcntl.h>
#include <picotls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "libnexus.h"
#include "membrane.h"

#define FIRST_FILE	3

extern char __tls_size[], __tls_align[];
extern void __libc_init_array(void);
int main(int argc, char **argv, char **envp);

char **environ;

/* Turns a libnexus result into the C convention: -1 and errno. */
static long
check(long r)
{
	if (r >= 0)
		return r;
	errno = (int)-r;
	return -1;
}

static void
init_tls(void)
{
	static _Alignas(64) char block[512];
	size_t size = (size_t)__tls_size, align = (size_t)__tls_align;
	void *tls = block;

	if (size > sizeof(block) || align > 64) {
		tls = nx_sbrk((int64_t)(size + align));
		tls = (void *)(((uintptr_t)tls + align - 1) & ~(align - 1));
	}
	_init_tls(tls);
	_set_tls(tls);
}

void
__nx_entry(int argc, char **argv, char **envp)
{
	nx_init();
	init_tls();
	environ = envp;
	__libc_init_array();
	exit(main(argc, argv, envp));
}

void
_exit(int status)
{
	console_flush_all();
	nx_exit(status);
}

void *
sbrk(ptrdiff_t incr)
{
	void *old = nx_sbrk(incr);

	if ((intptr_t)old < 0) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return old;
}

int
open(const char *path, int flags, ...)
{
	long fd = check(nx_open(path, (uint32_t)flags));

	return fd < 0 ? -1 : (int)fd + FIRST_FILE;
}

int
close(int fd)
{
	if (fd < FIRST_FILE)
		return fd >= 0 ? 0 : (errno = EBADF, -1);
	return (int)check(nx_close(fd - FIRST_FILE));
}

ssize_t
read(int fd, void *buf, size_t len)
{
	if (fd == 0)
		return console_read(buf, len);
	if (fd < FIRST_FILE) {
		errno = EBADF;
		return -1;
	}
	return check(nx_fread(fd - FIRST_FILE, buf, len));
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	if (fd == 1 || fd == 2)
		return console_write(buf, len);
	errno = fd >= FIRST_FILE ? EROFS : EBADF;
	return -1;
}

off_t
lseek(int fd, off_t offset, int whence)
{
	if (fd < FIRST_FILE) {
		errno = ESPIPE;
		return -1;
	}
	return check(nx_seek(fd - FIRST_FILE, offset, (uint32_t)whence));
}

static void
to_stat(const NxStat *n, struct stat *st)
{
	static const mode_t types[] = {
		[NX_DT_FILE] = S_IFREG, [NX_DT_DIR] = S_IFDIR,
		[NX_DT_SYMLINK] = S_IFLNK, [NX_DT_CHAR] = S_IFCHR,
		[NX_DT_BLOCK] = S_IFBLK, [NX_DT_FIFO] = S_IFIFO,
	};

	memset(st, 0, sizeof(*st));
	st->st_size = (off_t)n->size;
	st->st_mode = (n->type < sizeof(types) / sizeof(types[0]) ?
	    types[n->type] : 0) | n->mode;
	st->st_nlink = 1;
	st->st_blksize = 4096;
}

int
fstat(int fd, struct stat *st)
{
	NxStat n;

	if (fd >= 0 && fd < FIRST_FILE) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFCHR | 0620;
		return 0;
	}
	if (check(nx_fstat(fd - FIRST_FILE, &n)) < 0)
		return -1;
	to_stat(&n, st);
	return 0;
}

int
stat(const char *path, struct stat *st)
{
	NxStat n;

	if (check(nx_stat(path, &n)) < 0)
		return -1;
	to_stat(&n, st);
	return 0;
}

int
isatty(int fd)
{
	if (fd >= 0 && fd < FIRST_FILE)
		return 1;
	errno = ENOTTY;
	return 0;
}

int
unlink(const char *path)
{
	(void)path;
	errno = EROFS;
	return -1;
}

pid_t
getpid(void)
{
	return (pid_t)nx_systable()->subject_id;
}

int
kill(pid_t pid, int sig)
{
	if (pid == getpid())
		_exit(128 + sig);
	return (int)check(nx_kill((uint32_t)pid));
}

/* The wall clock is the boot's epoch (SysTable) plus the uptime; without
 * an RTC the epoch is 0 and the wall clock counts from boot. */
int
gettimeofday(struct timeval *tv, void *tz)
{
	int64_t ns = nx_realtime_ns();

	(void)tz;
	if (tv) {
		tv->tv_sec = ns / 1000000000;
		tv->tv_usec = ns / 1000 % 1000000;
	}
	return 0;
}

/* The clocks that follow the wall clock; every other one counts from
 * boot (picolibc numbers its clocks its own way, not as Linux does). */
int
clock_gettime(clockid_t clock, struct timespec *ts)
{
	int64_t ns;

	switch (clock) {
	case CLOCK_REALTIME:
#ifdef CLOCK_REALTIME_COARSE
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
#endif
		ns = nx_realtime_ns();
		break;
	default:
		ns = nx_uptime_ns();
		break;
	}
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = ns % 1000000000;
	return 0;
}

clock_t
times(struct tms *t)
{
	clock_t ticks = (clock_t)(nx_uptime_ns() / (1000000000 / CLOCKS_PER_SEC));

	if (t) {
		t->tms_utime = ticks;
		t->tms_stime = 0;
		t->tms_cutime = 0;
		t->tms_cstime = 0;
	}
	return ticks;
}

int
getentropy(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	errno = ENOSYS;
	return -1;
}
