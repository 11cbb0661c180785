/* What a Linux program learns about a path: stat, access, link target. */
#include <string.h>

#include "cmds.h"
#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH	0x1000

static void
to_linux_stat(const NxStat *n, uint64_t ino, struct linux_stat *st)
{
	static const uint32_t fmt[] = {
		[NX_DT_FILE] = 0100000, [NX_DT_DIR] = 0040000,
		[NX_DT_SYMLINK] = 0120000, [NX_DT_CHAR] = 0020000,
		[NX_DT_BLOCK] = 0060000, [NX_DT_FIFO] = 0010000,
	};

	memset(st, 0, sizeof(*st));
	st->ino = ino;
	st->mode = (n->type < sizeof(fmt) / sizeof(fmt[0]) ? fmt[n->type] :
	    0) | n->mode;
	st->nlink = 1;
	st->size = (int64_t)n->size;
	st->blksize = 4096;
	st->blocks = (int64_t)((n->size + 511) / 512);
}

static int64_t
put_stat(struct subject *s, uint64_t ubuf, const struct tar_node *node)
{
	struct linux_stat st;
	NxStat n;

	vfs_stat(node, &n);
	to_linux_stat(&n, (uintptr_t)node, &st);
	return copy_to_user(s->uc.root, ubuf, &st, sizeof(st));
}

int64_t
sys_fstat(struct subject *s, const uint64_t *a)
{
	struct file *f = linux_file(s, (int64_t)a[0]);

	if (linux_is_console((int64_t)a[0]))
		return linux_console_stat(s, a[1]);
	return f ? put_stat(s, a[1], f->node) : NX_EBADF;
}

int64_t
sys_newfstatat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	const struct tar_node *n;
	int64_t r = linux_path(s, a[1], path);
	uint64_t fa[2] = { a[0], a[2] };

	if (r)
		return r;
	if (!path[0] && (a[3] & AT_EMPTY_PATH))
		return sys_fstat(s, fa);
	r = linux_base_dir(s, (int64_t)a[0], path, dir);
	if (!r)
		r = vfs_resolve(dir, path, !(a[3] & AT_SYMLINK_NOFOLLOW), &n);
	return r ? r : put_stat(s, a[2], n);
}

int64_t
sys_faccessat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	const struct tar_node *n;
	int64_t r = linux_path(s, a[1], path);

	if (!r)
		r = linux_base_dir(s, (int64_t)a[0], path, dir);
	if (!r)
		r = vfs_resolve(dir, path, 1, &n);
	if (r)
		return r;
	return (a[2] & 2) ? NX_EROFS : 0;	/* W_OK */
}

int64_t
sys_readlinkat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	int64_t r;

	if ((int32_t)a[3] <= 0)
		return NX_EINVAL;	/* bufsiz is an int */
	r = linux_path(s, a[1], path);
	if (!r)
		r = linux_base_dir(s, (int64_t)a[0], path, dir);
	if (r)
		return r;
	return fs_readlink(s, dir, path, a[2], (uint32_t)a[3]);
}
