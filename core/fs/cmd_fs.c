/*
 * File commands over the VFS.  Reads copy straight from the archive image
 * into the Subject's buffer: one copy, checked against its address space.
 */
#include <string.h>

#include "cmds.h"
#include "fs/vfs.h"
#include "subject.h"
#include "usercopy.h"

static long
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
	return vfs_open(&s->files, s->cwd, path, a.flags);
}

int64_t
fs_read(struct subject *s, struct file *f, uint64_t ubuf, uint64_t len)
{
	uint64_t n;

	if (f->node->type == TAR_DIR)
		return NX_EISDIR;
	n = f->node->size - f->offset;
	if (n > len)
		n = len;
	if (n > INT64_MAX)
		n = INT64_MAX;
	if (copy_to_user(s->uc.root, ubuf, f->node->data + f->offset, n))
		return NX_EFAULT;
	f->offset += n;
	return (int64_t)n;
}

int64_t
cmd_fs_read(struct subject *s, uint64_t arg)
{
	NxRwArgs a;
	struct file *f;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	f = vfs_file(&s->files, a.fd);
	if (!f)
		return NX_EBADF;
	return fs_read(s, f, a.buf, a.len);
}

int64_t
cmd_fs_readdir(struct subject *s, uint64_t arg)
{
	NxRwArgs a;
	NxDirent d;
	struct file *f;
	int r;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	f = vfs_file(&s->files, a.fd);
	if (!f)
		return NX_EBADF;
	if (a.len < sizeof(d))
		return NX_EINVAL;
	if (!user_range_ok(s->uc.root, a.buf, sizeof(d), VM_W))
		return NX_EFAULT;
	r = vfs_readdir(f, &d);
	if (r > 0 && copy_to_user(s->uc.root, a.buf, &d, sizeof(d)))
		return NX_EFAULT;
	return r;
}

int64_t
cmd_fs_close(struct subject *s, uint64_t arg)
{
	return vfs_close(&s->files, arg);
}

int64_t
cmd_fs_seek(struct subject *s, uint64_t arg)
{
	NxSeekArgs a;
	struct file *f;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	f = vfs_file(&s->files, a.fd);
	if (!f)
		return NX_EBADF;
	return vfs_seek(f, a.offset, a.whence);
}

int64_t
cmd_fs_stat(struct subject *s, uint64_t arg)
{
	NxStatArgs a;
	NxStat st;
	char path[NX_PATH_MAX];
	const struct tar_node *n;
	long err;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.flags & ~(NX_STAT_FD | NX_STAT_NOFOLLOW))
		return NX_EINVAL;
	if (a.flags & NX_STAT_FD) {
		struct file *f = vfs_file(&s->files, a.fd);

		if (!f)
			return NX_EBADF;
		n = f->node;
	} else {
		err = user_path(s, a.path, path);
		if (err < 0)
			return err;
		err = vfs_resolve(s->cwd, path, !(a.flags & NX_STAT_NOFOLLOW),
		    &n);
		if (err)
			return err;
	}
	vfs_stat(n, &st);
	return copy_to_user(s->uc.root, a.buf, &st, sizeof(st));
}

int64_t
fs_chdir(struct subject *s, uint64_t upath)
{
	char path[NX_PATH_MAX];
	const struct tar_node *n;
	long err = user_path(s, upath, path);

	if (err < 0)
		return err;
	err = vfs_resolve(s->cwd, path, 1, &n);
	if (err)
		return err;
	if (n->type != TAR_DIR)
		return NX_ENOTDIR;
	/* Keep the canonical path: no ".", "..", links or double slashes. */
	return vfs_path(n, s->cwd, sizeof(s->cwd));
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

/* Up to `len` bytes of the target of the link `path` (relative to `dir`),
 * unterminated: how many, NX_EINVAL when it is not a link. */
int64_t
fs_readlink(struct subject *s, const char *dir, const char *path,
    uint64_t ubuf, uint64_t len)
{
	const struct tar_node *n;
	long err;

	if (len == 0 || len > INT32_MAX)
		return NX_EINVAL;
	err = vfs_resolve(dir, path, 0, &n);
	if (err)
		return err;
	if (n->type != TAR_SYMLINK)
		return NX_EINVAL;
	if (len > n->link_len)
		len = n->link_len;
	if (copy_to_user(s->uc.root, ubuf, n->link, len))
		return NX_EFAULT;
	return (int64_t)len;
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
	return fs_readlink(s, s->cwd, path, a.buf, a.len);
}
