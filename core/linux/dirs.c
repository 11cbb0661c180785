/* Linux directories: listing one, and the current directory. */
#include <string.h>

#include "cmds.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

static uint8_t
dirent_type(uint32_t type)
{
	static const uint8_t dt[] = {
		[NX_DT_FILE] = 8, [NX_DT_DIR] = 4, [NX_DT_SYMLINK] = 10,
		[NX_DT_CHAR] = 2, [NX_DT_BLOCK] = 6, [NX_DT_FIFO] = 1,
	};

	return type < sizeof(dt) ? dt[type] : 0;
}

/*
 * Entry `pos` of a directory as Linux lists it: "." and ".." first, then
 * the children.  The descriptor's offset counts these positions.
 */
static int
linux_dirent(struct vnode *dir, uint64_t pos, NxDirent *d)
{
	if (pos >= 2)
		return path_readdir(dir, pos - 2, d);
	memset(d, 0, sizeof(*d));
	d->type = NX_DT_DIR;
	d->name_len = (uint32_t)pos + 1;
	memcpy(d->name, "..", d->name_len);
	return 1;
}

/* struct linux_dirent64 records, as many as fit. */
int64_t
sys_getdents64(struct subject *s, const uint64_t *a)
{
	struct file *f = vfs_file(s, (int32_t)a[0]);
	uint64_t used = 0;
	NxDirent d;
	uint8_t rec[24 + NX_NAME_MAX + 1 + 8];

	if (!f)
		return NX_EBADF;
	if (f->vn->type != NX_DT_DIR)
		return NX_ENOTDIR;
	for (;; f->off++) {
		uint16_t reclen;
		int r = linux_dirent(f->vn, f->off, &d);

		if (r == 0)
			break;
		if (r == NX_ENAMETOOLONG)
			continue;	/* a name too long for Linux: skip it */
		if (r < 0)		/* the directory itself refuses (a process
					 * gone, another user's /proc/<pid>/fd):
					 * skipping on would never end */
			return used ? (int64_t)used : r;
		reclen = (uint16_t)((19 + d.name_len + 1 + 7) & ~7u);
		if (used + reclen > a[2])
			return used ? (int64_t)used : NX_EINVAL;
		memset(rec, 0, reclen);
		*(uint64_t *)(void *)rec = f->off + 1;		/* d_ino */
		*(int64_t *)(void *)(rec + 8) = (int64_t)f->off + 1;
		memcpy(rec + 16, &reclen, 2);
		rec[18] = dirent_type(d.type);
		memcpy(rec + 19, d.name, d.name_len);
		if (copy_to_user(s->uc.root, a[1] + used, rec, reclen))
			return NX_EFAULT;
		used += reclen;
	}
	return (int64_t)used;
}

int64_t
sys_getcwd(struct subject *s, const uint64_t *a)
{
	int64_t r = fs_getcwd(s, a[0], a[1]);

	return r < 0 ? r : r + 1;	/* Linux counts the NUL */
}

int64_t
sys_chdir(struct subject *s, const uint64_t *a)
{
	return fs_chdir(s, a[0]);
}
