/*
 * The name-space commands (service 0x1) and CMD_FS_TRUNCATE: the native
 * front door to vfs_names.c.  Each copies its argument block and paths
 * in, calls the one service, and copies results out.  Paths are relative
 * to the Subject's current directory.
 */
#include "cmds.h"
#include "fs/vfs.h"
#include "subject.h"
#include "usercopy.h"

int64_t
cmd_path_mkdir(struct subject *s, uint64_t arg)
{
	NxPathArgs a;
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.flags)
		return NX_EINVAL;
	err = user_path(s, a.path, path);
	return err < 0 ? err : vfs_mkdir(s, VFS_CWD, path, a.mode);
}

int64_t
cmd_path_unlink(struct subject *s, uint64_t arg)
{
	NxPathArgs a;
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	err = user_path(s, a.path, path);
	return err < 0 ? err : vfs_unlink(s, VFS_CWD, path, a.flags);
}

/* The two paths of an NxPath2Args. */
static long
two_paths(struct subject *s, uint64_t arg, NxPath2Args *a, char *from,
    char *to)
{
	long err;

	if (copy_from_user(s->uc.root, a, arg, sizeof(*a)))
		return NX_EFAULT;
	if (a->reserved)
		return NX_EINVAL;
	err = user_path(s, a->from, from);
	if (err >= 0)
		err = user_path(s, a->to, to);
	return err < 0 ? err : 0;
}

int64_t
cmd_path_rename(struct subject *s, uint64_t arg)
{
	NxPath2Args a;
	char from[NX_PATH_MAX], to[NX_PATH_MAX];
	long err = two_paths(s, arg, &a, from, to);

	return err ? err : vfs_rename(s, VFS_CWD, from, VFS_CWD, to, a.flags);
}

int64_t
cmd_path_symlink(struct subject *s, uint64_t arg)
{
	NxPath2Args a;
	char target[NX_PATH_MAX], path[NX_PATH_MAX];
	long err = two_paths(s, arg, &a, target, path);

	if (!err && a.flags)
		err = NX_EINVAL;
	return err ? err : vfs_symlink(s, target, VFS_CWD, path);
}

int64_t
cmd_path_link(struct subject *s, uint64_t arg)
{
	NxPath2Args a;
	char old[NX_PATH_MAX], new[NX_PATH_MAX];
	long err = two_paths(s, arg, &a, old, new);

	if (!err && a.flags)
		err = NX_EINVAL;
	return err ? err : vfs_link(s, VFS_CWD, old, VFS_CWD, new, 0);
}

/* NX_TIME_NOW is the wall clock's now. */
static int64_t
time_of(uint64_t t)
{
	return t == NX_TIME_NOW ? (int64_t)realtime_ns() : (int64_t)t;
}

int64_t
cmd_path_setattr(struct subject *s, uint64_t arg)
{
	const uint32_t known = NX_ATTR_MODE | NX_ATTR_ATIME | NX_ATTR_MTIME |
	    NX_ATTR_FD | NX_ATTR_NOFOLLOW;
	NxSetattrArgs a;
	struct vattr va = { 0 };
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.reserved || (a.mask & ~known))
		return NX_EINVAL;
	va.mask = a.mask & (NX_ATTR_MODE | NX_ATTR_ATIME | NX_ATTR_MTIME);
	va.mode = a.mode & 07777;
	va.atime_ns = time_of(a.atime);
	va.mtime_ns = time_of(a.mtime);
	if (a.mask & NX_ATTR_FD)
		return vfs_setattr(s, (int32_t)a.fd, NULL, 0, &va);
	err = user_path(s, a.path, path);
	if (err < 0)
		return err;
	return vfs_setattr(s, VFS_CWD, path, !(a.mask & NX_ATTR_NOFOLLOW),
	    &va);
}

int64_t
cmd_path_statfs(struct subject *s, uint64_t arg)
{
	NxStatfsArgs a;
	NxStatfs st;
	char path[NX_PATH_MAX];
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.flags & ~NX_STAT_FD)
		return NX_EINVAL;
	if (a.flags & NX_STAT_FD) {
		err = vfs_statfs(s, (int32_t)a.fd, NULL, &st);
	} else {
		err = user_path(s, a.path, path);
		if (err >= 0)
			err = vfs_statfs(s, VFS_CWD, path, &st);
	}
	if (err < 0)
		return err;
	return copy_to_user(s->uc.root, a.buf, &st, sizeof(st)) ? NX_EFAULT :
	    0;
}

int64_t
cmd_fs_truncate(struct subject *s, uint64_t arg)
{
	NxTruncateArgs a;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.length > INT64_MAX)
		return NX_EINVAL;
	return vfs_ftruncate(s, (int64_t)a.fd, (int64_t)a.length);
}
