/* What a Linux program learns about a path: stat, statx, access, link
 * target.  All from the one stat service (NxStat), translated. */
#include <string.h>

#include "fs/path.h"
#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH	0x1000
#define W_OK		2
#define STATX_BASIC_STATS 0x7ffu

/* struct statx (include/uapi/linux/stat.h). */
struct linux_statx_time {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};

struct linux_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct linux_statx_time atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

_Static_assert(sizeof(struct linux_statx) == 256, "Linux struct statx");
_Static_assert(offsetof(struct linux_statx, ino) == 32, "statx.stx_ino");
_Static_assert(offsetof(struct linux_statx, atime) == 64, "statx.stx_atime");
_Static_assert(offsetof(struct linux_statx, rdev_major) == 128,
    "statx.stx_rdev_major");

static uint32_t
linux_mode(const NxStat *n)
{
	static const uint32_t fmt[] = {
		[NX_DT_FILE] = 0100000, [NX_DT_DIR] = 0040000,
		[NX_DT_SYMLINK] = 0120000, [NX_DT_CHAR] = 0020000,
		[NX_DT_BLOCK] = 0060000, [NX_DT_FIFO] = 0010000,
	};

	return (n->type < sizeof(fmt) / sizeof(fmt[0]) ? fmt[n->type] : 0) |
	    n->mode;
}

static void
to_linux_stat(const NxStat *n, struct linux_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = n->dev;
	st->ino = n->ino;
	st->mode = linux_mode(n);
	st->nlink = n->nlink;
	st->rdev = n->rdev;
	st->size = (int64_t)n->size;
	st->blksize = 4096;
	st->blocks = (int64_t)((n->size + 511) / 512);
	st->atime = n->atime_ns / 1000000000;
	st->atime_ns = n->atime_ns % 1000000000;
	st->mtime = n->mtime_ns / 1000000000;
	st->mtime_ns = n->mtime_ns % 1000000000;
	st->ctime = n->ctime_ns / 1000000000;
	st->ctime_ns = n->ctime_ns % 1000000000;
}

static void
to_statx_time(int64_t ns, struct linux_statx_time *t)
{
	t->sec = ns / 1000000000;
	t->nsec = (uint32_t)(ns % 1000000000);
}

static void
to_linux_statx(const NxStat *n, struct linux_statx *st)
{
	memset(st, 0, sizeof(*st));
	st->mask = STATX_BASIC_STATS;
	st->blksize = 4096;
	st->nlink = n->nlink;
	st->mode = (uint16_t)linux_mode(n);
	st->ino = n->ino;
	st->size = n->size;
	st->blocks = (n->size + 511) / 512;
	to_statx_time(n->atime_ns, &st->atime);
	to_statx_time(n->ctime_ns, &st->ctime);
	to_statx_time(n->mtime_ns, &st->mtime);
	st->rdev_major = NX_RDEV_MAJOR(n->rdev);
	st->rdev_minor = n->rdev & 0xff;
	st->dev_minor = n->dev;
}

/* What stat reports of `vn`: its NxStat, and its owner, which the
 * native NxStat does not carry. */
static void
vn_linux(const struct vnode *vn, NxStat *n, uint32_t *uid, uint32_t *gid)
{
	vn_stat(vn, n);
	*uid = vn->uid;
	*gid = vn->gid;
}

/* The stat of (dirfd, path, flags) as the *at calls name a file. */
static int64_t
stat_at(struct subject *s, int64_t dirfd, uint64_t upath, uint64_t flags,
    NxStat *n, uint32_t *uid, uint32_t *gid)
{
	char path[NX_PATH_MAX];
	struct vnode *vn;
	struct file *f;
	int64_t r = linux_path(s, upath, path);

	if (r)
		return r;
	if (!path[0] && (flags & AT_EMPTY_PATH) && dirfd != VFS_CWD) {
		if (!(f = vfs_file(s, dirfd)))
			return NX_EBADF;
		vn_linux(f->vn, n, uid, gid);
		return 0;
	}
	if (!path[0] && (flags & AT_EMPTY_PATH))
		strcpy(path, ".");	/* the current directory itself */
	r = vfs_lookup(s, dirfd, path,
	    flags & AT_SYMLINK_NOFOLLOW ? 0 : PATH_FOLLOW, &vn);
	if (r)
		return r;
	vn_linux(vn, n, uid, gid);
	vnode_put(vn);
	return 0;
}

int64_t
sys_fstat(struct subject *s, const uint64_t *a)
{
	struct linux_stat st;
	struct file *f = vfs_file(s, (int32_t)a[0]);
	uint32_t uid, gid;
	NxStat n;

	if (!f)
		return NX_EBADF;
	vn_linux(f->vn, &n, &uid, &gid);
	to_linux_stat(&n, &st);
	st.uid = uid;
	st.gid = gid;
	return copy_to_user(s->uc.root, a[1], &st, sizeof(st));
}

int64_t
sys_newfstatat(struct subject *s, const uint64_t *a)
{
	struct linux_stat st;
	uint32_t uid, gid;
	NxStat n;
	int64_t r = stat_at(s, (int32_t)a[0], a[1], a[3], &n, &uid, &gid);

	if (r)
		return r;
	to_linux_stat(&n, &st);
	st.uid = uid;
	st.gid = gid;
	return copy_to_user(s->uc.root, a[2], &st, sizeof(st));
}

int64_t
sys_statx(struct subject *s, const uint64_t *a)
{
	struct linux_statx st;
	uint32_t uid, gid;
	NxStat n;
	int64_t r = stat_at(s, (int32_t)a[0], a[1], a[2], &n, &uid, &gid);

	if (r)
		return r;
	to_linux_statx(&n, &st);
	st.uid = uid;
	st.gid = gid;
	return copy_to_user(s->uc.root, a[4], &st, sizeof(st));
}

int64_t
sys_faccessat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	struct vnode *vn;
	int64_t r = linux_path(s, a[1], path);
	int ro;

	if (!r)
		r = vfs_lookup(s, (int32_t)a[0], path, PATH_FOLLOW, &vn);
	if (r)
		return r;
	ro = (vn->flags & VN_RDONLY) != 0;
	vnode_put(vn);
	return (a[2] & W_OK) && ro ? NX_EROFS : 0;
}

int64_t
sys_readlinkat(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX];
	int64_t r;

	if ((int32_t)a[3] <= 0)
		return NX_EINVAL;	/* bufsiz is an int */
	r = linux_path(s, a[1], path);
	if (r)
		return r;
	return vfs_readlink(s, (int32_t)a[0], path, a[2], (uint32_t)a[3]);
}
