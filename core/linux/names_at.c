/*
 * Linux calls on the name space and on file attributes: mkdirat, mknodat,
 * unlinkat, renameat2, symlinkat, linkat, fchmod, fchmodat, fchown,
 * fchownat, utimensat, statfs, fstatfs, truncate and ftruncate.  Each copies its arguments
 * in, calls the service in core/fs/vfs_names.c that the native command
 * calls too, and copies results out.  (riscv64 has no renameat: glibc's
 * rename() is renameat2 with no flags.)
 */
#include <string.h>

#include "fs/vfs.h"
#include "kernel.h"
#include "linux.h"
#include "usercopy.h"

#define S_IFMT			0170000
#define S_IFDIR			0040000
#define S_IFCHR			0020000
#define S_IFBLK			0060000
#define S_IFREG			0100000
#define S_IFIFO			0010000
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_EMPTY_PATH		0x1000
#define RENAME_NOREPLACE	1
#define UTIME_NOW		((1l << 30) - 1)
#define UTIME_OMIT		((1l << 30) - 2)
#define TMPFS_MAGIC		0x01021994
#define ST_RDONLY		1
#define S_IFMT			0170000
#define S_IFSOCK		0140000
#define S_IFREG			0100000
#define S_IFBLK			0060000
#define S_IFDIR			0040000
#define S_IFCHR			0020000
#define S_IFIFO			0010000

/* struct statfs of asm-generic on a 64-bit machine. */
struct linux_statfs {
	int64_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	int32_t fsid[2];
	int64_t namelen, frsize, flags, spare[4];
};

_Static_assert(sizeof(struct linux_statfs) == 120, "Linux struct statfs");

int64_t
sys_mkdirat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	int64_t r = linux_path(s, a[1], path);

	return r ? r : vfs_mkdir(s, (int32_t)a[0], path, (uint32_t)a[2]);
}

/* mknodat's type, as NX_DT_*, or 0: a directory is mkdir's (EPERM, as on
 * Linux), and a socket a local socket, which rumpk has not (EINVAL). */
static uint8_t
node_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
		return NX_DT_FILE;
	case S_IFCHR:
		return NX_DT_CHAR;
	case S_IFBLK:
		return NX_DT_BLOCK;
	case S_IFIFO:
		return NX_DT_FIFO;
	default:
		return 0;
	}
}

/*
 * Linux's device number (new_encode_dev: minor bits 0-7 and 20-31, major
 * bits 8-19) as rumpk's major << 8 | minor, whose minor has 8 bits: a
 * larger one cannot be kept (EINVAL).
 */
int64_t
sys_mknodat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	uint32_t mode = (uint32_t)a[2], dev = (uint32_t)a[3];
	uint32_t major = (dev >> 8) & 0xfff, minor = dev & 0xff;
	uint8_t type = node_type(mode);
	int64_t r;

	if ((mode & S_IFMT) == S_IFDIR)
		return NX_EPERM;
	if (!type)
		return NX_EINVAL;
	if ((type == NX_DT_CHAR || type == NX_DT_BLOCK) && (dev >> 20))
		return NX_EINVAL;
	r = linux_path(s, a[1], path);
	return r ? r : vfs_mknod(s, (int32_t)a[0], path, type, mode,
	    major << 8 | minor);
}

int64_t
sys_unlinkat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	int64_t r;

	if (a[2] & ~(uint64_t)AT_REMOVEDIR)
		return NX_EINVAL;
	r = linux_path(s, a[1], path);
	return r ? r : vfs_unlink(s, (int32_t)a[0], path,
	    a[2] & AT_REMOVEDIR ? NX_UNLINK_DIR : 0);
}

int64_t
sys_renameat2(struct subject *s, const uint64_t *a)
{
	char from[NX_PATH_MAX], to[NX_PATH_MAX];
	int64_t r;

	if (a[4] & ~(uint64_t)RENAME_NOREPLACE)
		return NX_EINVAL;	/* RENAME_EXCHANGE, RENAME_WHITEOUT */
	r = linux_path(s, a[1], from);
	if (!r)
		r = linux_path(s, a[3], to);
	return r ? r : vfs_rename(s, (int32_t)a[0], from, (int32_t)a[2], to,
	    a[4] ? NX_RENAME_NOREPLACE : 0);
}

int64_t
sys_symlinkat(struct subject *s, const uint64_t *a)
{
	char target[NX_PATH_MAX], path[NX_PATH_MAX];
	int64_t r = linux_path(s, a[0], target);

	if (!r)
		r = linux_path(s, a[2], path);
	return r ? r : vfs_symlink(s, target, (int32_t)a[1], path);
}

int64_t
sys_linkat(struct subject *s, const uint64_t *a)
{
	char old[NX_PATH_MAX], new[NX_PATH_MAX];
	int64_t r;

	if (a[4] & ~(uint64_t)AT_SYMLINK_FOLLOW)
		return NX_EINVAL;
	r = linux_path(s, a[1], old);
	if (!r)
		r = linux_path(s, a[3], new);
	return r ? r : vfs_link(s, (int32_t)a[0], old, (int32_t)a[2], new,
	    (a[4] & AT_SYMLINK_FOLLOW) != 0);
}

int64_t
sys_fchmod(struct subject *s, const uint64_t *a)
{
	struct vattr va = { .mask = VATTR_MODE, .mode = (uint32_t)a[1] & 07777 };

	return vfs_setattr(s, (int32_t)a[0], NULL, 0, &va);
}

int64_t
sys_fchmodat(struct subject *s, const uint64_t *a)
{
	struct vattr va = { .mask = VATTR_MODE, .mode = (uint32_t)a[2] & 07777 };
	char path[NX_PATH_MAX];
	int64_t r = linux_path(s, a[1], path);

	return r ? r : vfs_setattr(s, (int32_t)a[0], path, 1, &va);
}

int64_t
sys_fchown(struct subject *s, const uint64_t *a)
{
	return vfs_chown(s, (int32_t)a[0], NULL, 0, (uint32_t)a[1],
	    (uint32_t)a[2]);
}

/* fchownat(dirfd, path, owner, group, flags): glibc's chown, lchown
 * (AT_SYMLINK_NOFOLLOW) and fchownat; with AT_EMPTY_PATH an empty path
 * is dirfd itself. */
int64_t
sys_fchownat(struct subject *s, const uint64_t *a)
{
	uint32_t uid = (uint32_t)a[2], gid = (uint32_t)a[3];
	char path[NX_PATH_MAX];
	int64_t r;

	if (a[4] & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return NX_EINVAL;
	r = linux_path(s, a[1], path);
	if (r)
		return r;
	if (!path[0] && (a[4] & AT_EMPTY_PATH) && (int32_t)a[0] != VFS_CWD)
		return vfs_chown(s, (int32_t)a[0], NULL, 0, uid, gid);
	if (!path[0] && (a[4] & AT_EMPTY_PATH))
		strcpy(path, ".");
	return vfs_chown(s, (int32_t)a[0], path,
	    !(a[4] & AT_SYMLINK_NOFOLLOW), uid, gid);
}

/* One of utimensat's times into `va`: now, left alone, or as given. */
static int
utime_one(const struct linux_timespec *t, uint32_t bit, int64_t *ns,
    uint32_t *mask)
{
	if (t->nsec == UTIME_OMIT)
		return 0;
	*mask |= bit;
	if (t->nsec == UTIME_NOW) {
		*ns = (int64_t)realtime_ns();
		return 0;
	}
	if (t->nsec < 0 || t->nsec >= 1000000000 || t->sec < 0 ||
	    t->sec > INT64_MAX / 1000000000 - 1)
		return NX_EINVAL;
	*ns = t->sec * 1000000000 + t->nsec;
	return 0;
}

/* utimensat(dirfd, path, times, flags); a NULL path is futimens on
 * dirfd, NULL times is "both now". */
int64_t
sys_utimensat(struct subject *s, const uint64_t *a)
{
	struct linux_timespec t[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct vattr va = { 0 };
	char path[NX_PATH_MAX];
	int64_t r;

	if (a[3] & ~(uint64_t)AT_SYMLINK_NOFOLLOW)
		return NX_EINVAL;
	if (a[2] && copy_from_user(s->uc.root, t, a[2], sizeof(t)))
		return NX_EFAULT;
	r = utime_one(&t[0], VATTR_ATIME, &va.atime_ns, &va.mask);
	if (!r)
		r = utime_one(&t[1], VATTR_MTIME, &va.mtime_ns, &va.mask);
	if (r)
		return r;
	if (!a[1])
		return vfs_setattr(s, (int32_t)a[0], NULL, 0, &va);
	r = linux_path(s, a[1], path);
	return r ? r : vfs_setattr(s, (int32_t)a[0], path,
	    !(a[3] & AT_SYMLINK_NOFOLLOW), &va);
}

static int64_t
statfs_out(struct subject *s, const NxStatfs *n, uint64_t ubuf)
{
	struct linux_statfs st;

	memset(&st, 0, sizeof(st));
	st.type = TMPFS_MAGIC;
	st.bsize = st.frsize = (int64_t)n->block_size;
	st.blocks = n->blocks;
	st.bfree = st.bavail = n->blocks_free;
	st.files = n->files;
	st.namelen = (int64_t)n->name_max;
	st.flags = n->flags & NX_STATFS_RDONLY ? ST_RDONLY : 0;
	return copy_to_user(s->uc.root, ubuf, &st, sizeof(st)) ? NX_EFAULT : 0;
}

int64_t
sys_statfs(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	NxStatfs n;
	int64_t r = linux_path(s, a[0], path);

	if (!r)
		r = vfs_statfs(s, VFS_CWD, path, &n);
	return r ? r : statfs_out(s, &n, a[1]);
}

int64_t
sys_fstatfs(struct subject *s, const uint64_t *a)
{
	NxStatfs n;
	int64_t r = vfs_statfs(s, (int32_t)a[0], NULL, &n);

	return r ? r : statfs_out(s, &n, a[1]);
}

int64_t
sys_truncate(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	int64_t r = linux_path(s, a[0], path);

	return r ? r : vfs_truncate(s, path, (int64_t)a[1]);
}

int64_t
sys_ftruncate(struct subject *s, const uint64_t *a)
{
	return vfs_ftruncate(s, (int32_t)a[0], (int64_t)a[1]);
}
