/*
 * The membrane: what picolibc needs from an operating system, made of
 * libnexus calls.  Programs that include a libc header are linked with it
 * (and picolibc); the rest never see it.
 *
 * File descriptors are the kernel's own: 0, 1 and 2 are whatever the
 * program was given (the terminal at first).  Files are created, written
 * and renamed with the kernel's commands (names.c has the name space).
 */
#include <errno.h>
#include <fcntl.h>
#include <picotls.h>
#include <stdarg.h>
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

extern char __tls_size[], __tls_align[];
extern void __libc_init_array(void);
int main(int argc, char **argv, char **envp);

char **environ;

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

/* picolibc's open flags in the kernel's numbers (Linux's); the POSIX 2008
 * ones by their underlying names, which every dialect defines. */
static uint32_t
nx_open_flags(int flags)
{
	static const struct {
		int c;
		uint32_t nx;
	} map[] = {
		{ O_CREAT, NX_O_CREAT }, { O_EXCL, NX_O_EXCL },
		{ O_TRUNC, NX_O_TRUNC }, { O_APPEND, NX_O_APPEND },
		{ O_NONBLOCK, NX_O_NONBLOCK }, { _FNOINHERIT, NX_O_CLOEXEC },
		{ _FNOFOLLOW, NX_O_NOFOLLOW }, { _FDIRECTORY, NX_O_DIRECTORY },
	};
	uint32_t nx = (uint32_t)flags & NX_O_ACCMODE;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (flags & map[i].c)
			nx |= map[i].nx;
	}
	return nx;
}

/* The mode is read only when a file may be made, as the caller passes it
 * only then; the umask takes its bits away. */
int
open(const char *path, int flags, ...)
{
	uint32_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (uint32_t)va_arg(ap, int) & ~membrane_umask & 07777;
		va_end(ap);
	}
	return (int)check(nx_open_mode(path, nx_open_flags(flags), mode));
}

int
close(int fd)
{
	return (int)check(nx_close(fd));
}

ssize_t
read(int fd, void *buf, size_t len)
{
	if (fd == 0)
		return check(console_read(buf, len));
	return check(nx_fread(fd, buf, len));
}

/* Standard output goes out on the tx ring (which follows descriptor 1);
 * every other descriptor is written with a command, after what stdout
 * holds, so the two stay in the order written. */
ssize_t
write(int fd, const void *buf, size_t len)
{
	if (fd == 1)
		return check(console_write(buf, len));
	console_flush_all();
	return check(nx_fwrite(fd, buf, len));
}

int
dup(int fd)
{
	return (int)check(nx_dup(fd, 0, 0));
}

int
dup2(int fd, int to)
{
	return (int)check(nx_dup(fd, to, NX_DUP_FIXED));
}

off_t
lseek(int fd, off_t offset, int whence)
{
	return check(nx_seek(fd, offset, (uint32_t)whence));
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
	st->st_nlink = n->nlink;
	st->st_ino = n->ino;
	st->st_dev = n->dev;
	st->st_rdev = n->rdev;
	st->st_blksize = 4096;
	st->st_mtime = n->mtime_ns / 1000000000;
	st->st_atime = n->atime_ns / 1000000000;
	st->st_ctime = n->ctime_ns / 1000000000;
}

int
fstat(int fd, struct stat *st)
{
	NxStat n;

	if (check(nx_fstat(fd, &n)) < 0)
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
lstat(const char *restrict path, struct stat *restrict st)
{
	NxStat n;

	if (check(nx_lstat(path, &n)) < 0)
		return -1;
	to_stat(&n, st);
	return 0;
}

int
isatty(int fd)
{
	long r = nx_isatty(fd);

	if (r == 1)
		return 1;
	errno = r < 0 ? nx_errno(r) : ENOTTY;
	return 0;
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
