/*
 * The membrane's name space and file attributes: what POSIX calls unlink,
 * rmdir, rename, mkdir, link, symlink, readlink, truncate, chmod, utimes
 * and fsync, each one libnexus command.  picolibc's own remove() would
 * call only unlink(), so the one here removes an empty directory as well,
 * as C and POSIX say remove() does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "libnexus.h"
#include "membrane.h"

mode_t membrane_umask = 022;

mode_t
umask(mode_t mask)
{
	mode_t old = membrane_umask;

	membrane_umask = mask & 0777;
	return old;
}

int
unlink(const char *path)
{
	return (int)check(nx_unlink(path));
}

int
rmdir(const char *path)
{
	return (int)check(nx_rmdir(path));
}

/* unlink() refuses a directory (EISDIR, or EPERM as POSIX allows); then
 * it is one, and rmdir() says whether it could go. */
int
remove(const char *path)
{
	long r = nx_unlink(path);

	if (r == NX_EISDIR || r == NX_EPERM) {
		long d = nx_rmdir(path);

		if (d != NX_ENOTDIR)
			r = d;
	}
	return (int)check(r);
}

int
rename(const char *from, const char *to)
{
	return (int)check(nx_rename(from, to));
}

int
mkdir(const char *path, mode_t mode)
{
	return (int)check(nx_mkdir(path, mode & ~membrane_umask & 07777));
}

int
link(const char *old, const char *new)
{
	return (int)check(nx_link(old, new));
}

int
symlink(const char *target, const char *path)
{
	return (int)check(nx_symlink(target, path));
}

ssize_t
readlink(const char *restrict path, char *restrict buf, size_t len)
{
	return check(nx_readlink(path, buf, len));
}

int
ftruncate(int fd, off_t length)
{
	if (length < 0) {
		errno = EINVAL;
		return -1;
	}
	return (int)check(nx_truncate(fd, (uint64_t)length));
}

int
truncate(const char *path, off_t length)
{
	long fd, r;

	if (length < 0) {
		errno = EINVAL;
		return -1;
	}
	fd = nx_open(path, NX_O_WRONLY);
	if (fd < 0)
		return (int)check(fd);
	r = nx_truncate(fd, (uint64_t)length);
	nx_close(fd);
	return (int)check(r);
}

int
chmod(const char *path, mode_t mode)
{
	return (int)check(nx_chmod(path, mode & 07777));
}

int
fchmod(int fd, mode_t mode)
{
	NxSetattrArgs a = { .fd = (uint32_t)fd,
	    .mask = NX_ATTR_FD | NX_ATTR_MODE, .mode = mode & 07777 };

	return (int)check(nx_setattr(&a));
}

static uint64_t
timeval_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000u +
	    (uint64_t)tv->tv_usec * 1000u;
}

/* NULL sets both times to now. */
int
utimes(const char *path, const struct timeval tv[2])
{
	if (!tv)
		return (int)check(nx_utimes(path, NX_TIME_NOW, NX_TIME_NOW));
	if (tv[0].tv_sec < 0 || tv[1].tv_sec < 0 ||
	    tv[0].tv_usec < 0 || tv[0].tv_usec >= 1000000 ||
	    tv[1].tv_usec < 0 || tv[1].tv_usec >= 1000000) {
		errno = EINVAL;
		return -1;
	}
	return (int)check(nx_utimes(path, timeval_ns(&tv[0]),
	    timeval_ns(&tv[1])));
}

/* Files live in memory, so there is nothing to write back; what stdio
 * holds for the console goes out, and the descriptor must be open. */
int
fsync(int fd)
{
	NxStat st;

	console_flush_all();
	return (int)check(nx_fstat(fd, &st) < 0 ? NX_EBADF : 0);
}

int
fdatasync(int fd)
{
	return fsync(fd);
}
