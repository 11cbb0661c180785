/*
 * Linux descriptors: open, close, read, write, seek, dup, fcntl and
 * flock.  A
 * Linux descriptor is the Subject's descriptor (core/fs/fdtable.c):
 * 0, 1 and 2 are whatever the Subject was given, the terminal at first.
 * Flags are Linux's numbers, which the native ABI shares.
 */
#include <string.h>

#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

#define F_DUPFD		0
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_DUPFD_CLOEXEC	1030
#define LOCK_MAND	32
#define O_CLOEXEC	NX_O_CLOEXEC

/* The open flags rumpk acts on; others (O_LARGEFILE, O_NOCTTY, ...) mean
 * nothing here and are dropped. */
#define OPEN_FLAGS	(NX_O_ACCMODE | NX_O_CREAT | NX_O_EXCL | NX_O_TRUNC | \
			 NX_O_APPEND | NX_O_NONBLOCK | NX_O_DIRECTORY | \
			 NX_O_NOFOLLOW | NX_O_CLOEXEC)

/* struct flock of asm-generic on a 64-bit machine. */
struct linux_flock {
	int16_t type, whence;
	int32_t pad;
	int64_t start, len;
	int32_t pid, pad2;
};

_Static_assert(sizeof(struct linux_flock) == 32, "Linux struct flock");

struct linux_iovec {
	uint64_t base, len;
};

int64_t
linux_path(struct subject *s, uint64_t upath, char *path)
{
	long r = copy_str_from_user(s->uc.root, path, upath, NX_PATH_MAX);

	return r < 0 ? r : 0;
}

int64_t
sys_openat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	int64_t r = linux_path(s, a[1], path);

	if (r)
		return r;
	return vfs_open(s, (int32_t)a[0], path, (uint32_t)a[2] & OPEN_FLAGS,
	    (uint32_t)a[3]);
}

int64_t
sys_close(struct subject *s, const uint64_t *a)
{
	return vfs_close(s, (int32_t)a[0]);
}

int64_t
sys_read(struct subject *s, const uint64_t *a)
{
	return vfs_read(s, (int32_t)a[0], a[1], a[2]);
}

int64_t
sys_write(struct subject *s, const uint64_t *a)
{
	return vfs_write(s, (int32_t)a[0], a[1], a[2]);
}

/* readv and writev: the plain call once per piece. */
static int64_t
vectored(struct subject *s, const uint64_t *a, linux_fn one)
{
	int64_t total = 0;

	if (a[2] > 1024)
		return NX_EINVAL;
	for (uint64_t i = 0; i < a[2]; i++) {
		struct linux_iovec v;
		uint64_t args[3] = { a[0], 0, 0 };
		int64_t r;

		if (copy_from_user(s->uc.root, &v, a[1] + i * sizeof(v),
		    sizeof(v)))
			return total ? total : NX_EFAULT;
		args[1] = v.base;
		args[2] = v.len;
		r = one(s, args);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < v.len)
			break;
	}
	return total;
}

int64_t
sys_readv(struct subject *s, const uint64_t *a)
{
	return vectored(s, a, sys_read);
}

int64_t
sys_writev(struct subject *s, const uint64_t *a)
{
	return vectored(s, a, sys_write);
}

int64_t
sys_pread64(struct subject *s, const uint64_t *a)
{
	if ((int64_t)a[3] < 0)
		return NX_EINVAL;
	return vfs_pread(s, (int32_t)a[0], a[1], a[2], a[3]);
}

int64_t
sys_pwrite64(struct subject *s, const uint64_t *a)
{
	if ((int64_t)a[3] < 0)
		return NX_EINVAL;
	return vfs_pwrite(s, (int32_t)a[0], a[1], a[2], a[3]);
}

int64_t
sys_lseek(struct subject *s, const uint64_t *a)
{
	return vfs_seek(s, (int32_t)a[0], (int64_t)a[1], (uint32_t)a[2]);
}

int64_t
sys_dup(struct subject *s, const uint64_t *a)
{
	return vfs_dup(s, (int32_t)a[0], 0, 0);
}

/* dup3 differs from dup2 in refusing the same descriptor twice. */
int64_t
sys_dup3(struct subject *s, const uint64_t *a)
{
	if (a[2] & ~(uint64_t)O_CLOEXEC)
		return NX_EINVAL;
	if ((int32_t)a[0] == (int32_t)a[1])
		return NX_EINVAL;
	return vfs_dup(s, (int32_t)a[0], (int32_t)a[1],
	    FDT_FIXED | (a[2] ? FDT_CLOEXEC : 0));
}

/* F_GETLK, F_SETLK, F_SETLKW: the flock in, the service, the flock out. */
static int64_t
record_lock(struct subject *s, int32_t fd, uint64_t cmd, uint64_t uflock)
{
	static const int ops[] = { VFS_GETLK, VFS_SETLK, VFS_SETLKW };
	struct linux_flock lf;
	struct vfs_flock fl;
	int64_t r;

	if (copy_from_user(s->uc.root, &lf, uflock, sizeof(lf)))
		return NX_EFAULT;
	fl.type = lf.type;
	fl.whence = (uint16_t)lf.whence;
	fl.start = lf.start;
	fl.len = lf.len;
	fl.pid = 0;
	r = vfs_lock(s, fd, ops[cmd - F_GETLK], &fl);
	if (r || cmd != F_GETLK)
		return r;
	lf.type = (int16_t)fl.type;
	lf.whence = (int16_t)fl.whence;
	lf.start = fl.start;
	lf.len = fl.len;
	lf.pid = (int32_t)fl.pid;
	return copy_to_user(s->uc.root, uflock, &lf, sizeof(lf)) ? NX_EFAULT :
	    0;
}

/* F_GETFD ... F_SETFL have the native numbers (NX_FD_*). */
int64_t
sys_fcntl(struct subject *s, const uint64_t *a)
{
	int32_t fd = (int32_t)a[0];

	switch (a[1]) {
	case F_DUPFD:
		return vfs_dup(s, fd, (int32_t)a[2], 0);
	case F_DUPFD_CLOEXEC:
		return vfs_dup(s, fd, (int32_t)a[2], FDT_CLOEXEC);
	case NX_FD_GETFD:
	case NX_FD_SETFD:
	case NX_FD_GETFL:
	case NX_FD_SETFL:
		return vfs_fdctl(s, fd, (uint32_t)a[1], a[2]);
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return record_lock(s, fd, a[1], a[2]);
	default:
		return vfs_file(s, fd) ? NX_EINVAL : NX_EBADF;
	}
}

/*
 * flock(fd, op).  LOCK_MAND asked for a lock Linux never enforced, and
 * Linux 6.1 ignores it (0) with a warning; the operation is checked
 * before the descriptor, as Linux checks them.
 */
int64_t
sys_flock(struct subject *s, const uint64_t *a)
{
	uint32_t op = (uint32_t)a[1];

	if (op & LOCK_MAND)
		return 0;
	return vfs_flock(s, (int32_t)a[0], op);
}

/* Nothing is cached on the way to a file: there is nothing to flush.  A
 * device or terminal cannot be synchronised, as on Linux. */
int64_t
sys_fsync(struct subject *s, const uint64_t *a)
{
	struct file *f = vfs_file(s, (int32_t)a[0]);

	if (!f)
		return NX_EBADF;
	return f->vn->type == NX_DT_FILE || f->vn->type == NX_DT_DIR ? 0 :
	    NX_EINVAL;
}

/* sendfile(out, in, offset or NULL, count). */
int64_t
sys_sendfile(struct subject *s, const uint64_t *a)
{
	int64_t off, r;
	uint64_t uoff;

	if (!a[2])
		return vfs_sendfile(s, (int32_t)a[0], (int32_t)a[1], NULL, a[3]);
	if (copy_from_user(s->uc.root, &off, a[2], sizeof(off)))
		return NX_EFAULT;
	if (off < 0)
		return NX_EINVAL;
	uoff = (uint64_t)off;
	r = vfs_sendfile(s, (int32_t)a[0], (int32_t)a[1], &uoff, a[3]);
	off = (int64_t)uoff;
	if (r >= 0 && copy_to_user(s->uc.root, a[2], &off, sizeof(off)))
		return NX_EFAULT;
	return r;
}
