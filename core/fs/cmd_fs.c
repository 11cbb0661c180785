/*
 * The file commands: the native front door to the file services
 * (vfs.h).  Each copies its argument block in, calls the one service,
 * and copies results out.
 */
#include <string.h>

#include "cmds.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "subject.h"
#include "usercopy.h"

long
user_path(struct subject *s, uint64_t upath, char *path)
{
	return copy_str_from_user(s->uc.root, path, upath, NX_PATH_MAX);
}

int64_t
cmd_fs_open(struct subject *s, uint64_t arg)
{
	NxOpenArgs a;
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	err = user_path(s, a.path, path);
	if (err < 0)
		return err;
	return vfs_open(s, VFS_CWD, path, a.flags, a.mode ? a.mode : 0644);
}

/*
 * Whether descriptor `fd`'s vnode has `flag` (VN_WAITS, VN_WRITE_WAITS)
 * while the doorbell runs the command in a batch: it may sleep, so it must
 * run on its own (ION_RUN_ALONE).  Asked after the argument block is
 * copied, so the block is copied once, and about the descriptor the
 * command then uses.
 */
static int
waits_in_batch(struct subject *s, int64_t fd, unsigned flag)
{
	struct file *f;

	if (!s->batching)
		return 0;
	f = vfs_file(s, fd);
	return f && (f->vn->flags & flag);
}

/* A read or write of the shell whose command a signal key interrupted
 * (subject_fg.c) ends with NX_EINTR, once, even one that never waits
 * (NipBox's cat of /dev/zero). */
static int64_t
interrupted(struct subject *s, int64_t r)
{
	if (!s->intr_key)
		return r;
	s->intr_key = 0;
	return NX_EINTR;
}

int64_t
cmd_fs_read(struct subject *s, uint64_t arg)
{
	NxRwArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (waits_in_batch(s, (int64_t)a.fd, VN_WAITS))
		return ION_RUN_ALONE;
	return interrupted(s, vfs_read(s, (int64_t)a.fd, a.buf, a.len));
}

int64_t
cmd_fs_write(struct subject *s, uint64_t arg)
{
	NxRwArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (waits_in_batch(s, (int64_t)a.fd, VN_WRITE_WAITS))
		return ION_RUN_ALONE;
	return interrupted(s, vfs_write(s, (int64_t)a.fd, a.buf, a.len));
}

int64_t
cmd_fs_readdir(struct subject *s, uint64_t arg)
{
	NxRwArgs a;
	NxDirent d;
	int r;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (!vfs_file(s, (int64_t)a.fd))
		return NX_EBADF;
	if (a.len < sizeof(d))
		return NX_EINVAL;
	if (!user_range_ok(s->uc.root, a.buf, sizeof(d), VM_W))
		return NX_EFAULT;
	r = vfs_readdir(s, (int64_t)a.fd, &d);
	if (r > 0 && copy_to_user(s->uc.root, a.buf, &d, sizeof(d)))
		return NX_EFAULT;
	return r;
}

int64_t
cmd_fs_close(struct subject *s, uint64_t arg)
{
	return vfs_close(s, (int64_t)arg);
}

int64_t
cmd_fs_dup(struct subject *s, uint64_t arg)
{
	NxDupArgs a;
	unsigned flags = 0;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.reserved || (a.flags & ~(NX_DUP_FIXED | NX_DUP_CLOEXEC)))
		return NX_EINVAL;
	if (a.flags & NX_DUP_FIXED)
		flags |= FDT_FIXED;
	if (a.flags & NX_DUP_CLOEXEC)
		flags |= FDT_CLOEXEC;
	return vfs_dup(s, a.fd, a.to, flags);
}

int64_t
cmd_fs_fdctl(struct subject *s, uint64_t arg)
{
	NxFdctlArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	return vfs_fdctl(s, a.fd, a.op, a.arg);
}

int64_t
cmd_fs_seek(struct subject *s, uint64_t arg)
{
	NxSeekArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	return vfs_seek(s, (int64_t)a.fd, a.offset, a.whence);
}

int64_t
cmd_fs_stat(struct subject *s, uint64_t arg)
{
	NxStatArgs a;
	NxStat st;
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.flags & ~(NX_STAT_FD | NX_STAT_NOFOLLOW))
		return NX_EINVAL;
	if (a.flags & NX_STAT_FD) {
		err = vfs_fstat(s, a.fd, &st);
	} else {
		err = user_path(s, a.path, path);
		if (err >= 0)
			err = vfs_stat(s, VFS_CWD, path,
			    !(a.flags & NX_STAT_NOFOLLOW), &st);
	}
	if (err < 0)
		return err;
	return copy_to_user(s->uc.root, a.buf, &st, sizeof(st));
}

int64_t
fs_chdir(struct subject *s, uint64_t upath)
{
	char path[NX_PATH_MAX];
	long err = user_path(s, upath, path);

	return err < 0 ? err : vfs_chdir(s, path);
}

int64_t
fs_getcwd(struct subject *s, uint64_t ubuf, uint64_t len)
{
	size_t n = strlen(s->cwd) + 1;

	if (len < n)
		return NX_ERANGE;
	if (copy_to_user(s->uc.root, ubuf, s->cwd, n))
		return NX_EFAULT;
	return (int64_t)(n - 1);
}

int64_t
cmd_fs_chdir(struct subject *s, uint64_t arg)
{
	return fs_chdir(s, arg);
}

int64_t
cmd_fs_getcwd(struct subject *s, uint64_t arg)
{
	NxRwArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	return fs_getcwd(s, a.buf, a.len);
}

int64_t
cmd_fs_readlink(struct subject *s, uint64_t arg)
{
	NxReadlinkArgs a;
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	err = user_path(s, a.path, path);
	if (err < 0)
		return err;
	return vfs_readlink(s, VFS_CWD, path, a.buf, a.len);
}

int64_t
cmd_fs_pipe(struct subject *s, uint64_t arg)
{
	NxPipeArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.reserved)
		return NX_EINVAL;
	return vfs_pipe(s, a.flags, a.fds);
}
