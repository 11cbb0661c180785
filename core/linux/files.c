/*
 * Linux descriptors: open, close, read, write and seek.  Descriptors 0-2
 * are the console (terminal.c); the others are VFS files, descriptor k of
 * the VFS being k + 3 here.
 */
#include <string.h>

#include "cmds.h"
#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

#define AT_FDCWD	(-100)
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3

struct linux_iovec {
	uint64_t base, len;
};

int64_t
linux_path(struct subject *s, uint64_t upath, char *path)
{
	long r = copy_str_from_user(s->uc.root, path, upath, NX_PATH_MAX);

	return r < 0 ? r : 0;
}

struct file *
linux_file(struct subject *s, int64_t fd)
{
	if (fd < FIRST_FILE)
		return NULL;
	return vfs_file(&s->files, (uint64_t)(fd - FIRST_FILE));
}

int
linux_is_console(int64_t fd)
{
	return fd >= 0 && fd < FIRST_FILE;
}

/* The directory a *at() call starts from, as a path. */
int64_t
linux_base_dir(struct subject *s, int64_t dirfd, const char *path,
    char *dir)
{
	struct file *f;

	if (path[0] == '/' || dirfd == AT_FDCWD) {
		strcpy(dir, s->cwd);
		return 0;
	}
	f = linux_file(s, dirfd);
	if (!f)
		return NX_EBADF;
	if (f->node->type != TAR_DIR)
		return NX_ENOTDIR;
	return vfs_path(f->node, dir, NX_PATH_MAX);
}

int64_t
sys_openat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], dir[NX_PATH_MAX];
	uint32_t keep = NX_O_ACCMODE | NX_O_CREAT | NX_O_TRUNC | NX_O_APPEND |
	    NX_O_DIRECTORY | NX_O_NOFOLLOW;
	int64_t r = linux_path(s, a[1], path);

	if (!r)
		r = linux_base_dir(s, (int64_t)a[0], path, dir);
	if (r)
		return r;
	r = vfs_open(&s->files, dir, path, (uint32_t)a[2] & keep);
	return r < 0 ? r : r + FIRST_FILE;
}

int64_t
sys_close(struct subject *s, const uint64_t *a)
{
	if (linux_is_console((int64_t)a[0]))
		return 0;
	if ((int64_t)a[0] < FIRST_FILE)
		return NX_EBADF;
	return vfs_close(&s->files, a[0] - FIRST_FILE);
}

int64_t
sys_read(struct subject *s, const uint64_t *a)
{
	struct file *f;

	if (a[0] == 0)
		return ion_console_read(s, a[1], a[2]);
	f = linux_file(s, (int64_t)a[0]);
	return f ? fs_read(s, f, a[1], a[2]) : NX_EBADF;
}

int64_t
sys_write(struct subject *s, const uint64_t *a)
{
	int64_t fd = (int64_t)a[0];

	if (fd == 1 || fd == 2)
		return linux_console_write(s, a[1], a[2]);
	return NX_EBADF;	/* the console's input, or a read-only file */
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
	struct file *f = linux_file(s, (int64_t)a[0]);
	uint64_t saved;
	int64_t r;

	if (!f)
		return linux_is_console((int64_t)a[0]) ? NX_ESPIPE : NX_EBADF;
	if ((int64_t)a[3] < 0)
		return NX_EINVAL;
	saved = f->offset;
	f->offset = a[3] < f->node->size ? a[3] : f->node->size;
	r = fs_read(s, f, a[1], a[2]);
	f->offset = saved;
	return r;
}

int64_t
sys_lseek(struct subject *s, const uint64_t *a)
{
	struct file *f = linux_file(s, (int64_t)a[0]);

	if (!f)
		return linux_is_console((int64_t)a[0]) ? NX_ESPIPE : NX_EBADF;
	return vfs_seek(f, (int64_t)a[1], (uint32_t)a[2]);
}

int64_t
sys_fcntl(struct subject *s, const uint64_t *a)
{
	if (!linux_is_console((int64_t)a[0]) && !linux_file(s, (int64_t)a[0]))
		return NX_EBADF;
	switch (a[1]) {
	case F_GETFD:
	case F_SETFD:
		return 0;
	case F_GETFL:
		return a[0] == 1 || a[0] == 2 ? 1 : 0;	/* O_WRONLY, O_RDONLY */
	default:
		return NX_EINVAL;
	}
}
