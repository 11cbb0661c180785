/*
 * memfs as a vnode file system: the writable root.  memfs.c and its
 * siblings keep the nodes, names and pages (pure); memfs_kenv.c gives
 * them the kernel's memory and clock and the archive; this file answers
 * the vnode operations.
 *
 * A vnode is made the first time a node is looked up and freed with its
 * last reference, as the archive's were, so boot does nothing per file.
 * While a vnode lives it holds its node (memfs_hold): an unlinked file
 * that is still open stays readable and writable until its last
 * descriptor closes, and then its pages come back.  Every live vnode of
 * a node is the same one (a small hash table by node), so a change
 * through one name is seen through every other.
 *
 * A vnode keeps a copy of its node's attributes (what stat and O_APPEND
 * read); every operation that may change a node's attributes copies them
 * again for each node it touched that has a live vnode.
 */
#include <string.h>

#include "fs/memfs.h"
#include "fs/memfs_vn.h"
#include "kernel.h"
#include "kmem.h"

#define BUCKETS	64

struct mfs {
	struct memfs fs;
	uint32_t dev;
	struct vnode *bucket[BUCKETS];
};

/* A vnode and the file system it belongs to. */
struct mvnode {
	struct vnode vn;
	struct mfs *m;
};

static const struct vnode_ops memfs_vn_ops;

static struct mnode *
node_of(const struct vnode *vn)
{
	return vn->priv;
}

static struct mfs *
mfs_of(struct vnode *vn)
{
	return ((struct mvnode *)(void *)vn)->m;
}

static unsigned
hash(const struct mnode *n)
{
	return (unsigned)((uintptr_t)n >> 4) % BUCKETS;
}

static uint8_t
type_of(const struct mnode *n)
{
	switch (n->type) {
	case MNODE_FILE:
		return NX_DT_FILE;
	case MNODE_DIR:
		return NX_DT_DIR;
	case MNODE_SYMLINK:
		return NX_DT_SYMLINK;
	case MNODE_CHARDEV:
		return NX_DT_CHAR;
	case MNODE_FIFO:
		return NX_DT_FIFO;
	default:
		return NX_DT_OTHER;
	}
}

static void
copy_attrs(struct vnode *vn)
{
	const struct mnode *n = node_of(vn);

	vn->size = n->type == MNODE_DIR ? 0 : n->size;
	vn->mode = n->mode;
	vn->uid = n->uid;
	vn->gid = n->gid;
	vn->nlink = n->nlink;
	vn->rdev = n->rdev;
	vn->atime_ns = (int64_t)n->atime;
	vn->mtime_ns = (int64_t)n->mtime;
	vn->ctime_ns = (int64_t)n->ctime;
}

/* The live vnode of `n`, or NULL.  Only pointers are compared, so `n`
 * may already be freed (then it has no live vnode). */
static struct vnode *
live(struct mfs *m, const struct mnode *n)
{
	struct vnode *vn;

	for (vn = m->bucket[hash(n)]; vn; vn = vn->hnext) {
		if (vn->priv == n)
			return vn;
	}
	return NULL;
}

/* A node's attributes changed: its live vnode sees them. */
static void
refresh(struct mfs *m, const struct mnode *n)
{
	struct vnode *vn = n ? live(m, n) : NULL;

	if (vn)
		copy_attrs(vn);
}

/* The node's vnode, with a reference for the caller. */
static int
vnode_of(struct mfs *m, struct mnode *n, struct vnode **out)
{
	struct vnode *vn = live(m, n);
	struct mvnode *t;

	if (vn) {
		vnode_ref(vn);
		*out = vn;
		return 0;
	}
	t = kmem_alloc(sizeof(*t));
	if (!t)
		return NX_ENOMEM;
	t->m = m;
	vn = &t->vn;
	vn->ops = &memfs_vn_ops;
	vn->priv = n;
	vn->ino = n->ino;
	vn->type = type_of(n);
	vn->dev = m->dev;
	vn->refs = 1;
	copy_attrs(vn);
	memfs_hold(n);
	vn->hnext = m->bucket[hash(n)];
	m->bucket[hash(n)] = vn;
	*out = vn;
	return 0;
}

static void
memfs_vn_release(struct vnode *vn)
{
	struct vnode **p = &mfs_of(vn)->bucket[hash(node_of(vn))];

	while (*p != vn)
		p = &(*p)->hnext;
	*p = vn->hnext;
	memfs_release(node_of(vn));
	kmem_free(vn, sizeof(struct mvnode));
}

static int
memfs_vn_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	struct mnode *n;
	int err = memfs_lookup(node_of(dir), name, len, &n);

	return err ? err : vnode_of(mfs_of(dir), n, out);
}

/* Entry `index` in creation order: the cookies are increasing, not
 * dense, so the walk counts. */
static int
memfs_vn_readdir(struct vnode *dir, uint64_t index, NxDirent *d)
{
	struct memfs_dirent e;
	uint64_t cookie = MEMFS_FIRST_COOKIE;
	int r;

	for (;;) {
		r = memfs_readdir(node_of(dir), cookie, &e);
		if (r <= 0)
			return r;
		if (index-- == 0)
			break;
		cookie = e.next;
	}
	memset(d, 0, sizeof(*d));
	if (e.name_len > NX_NAME_MAX)
		return NX_ENAMETOOLONG;
	d->size = e.node->type == MNODE_FILE ? e.node->size : 0;
	d->type = type_of(e.node);
	d->name_len = (uint32_t)e.name_len;
	memcpy(d->name, e.name, e.name_len);
	return 1;
}

static int
memfs_vn_create(struct vnode *dir, const char *name, size_t len,
    uint32_t mode, struct vnode **out)
{
	struct mnode *n;
	int err = memfs_create(node_of(dir), name, len, MNODE_FILE, mode, &n);

	if (err)
		return err;
	refresh(mfs_of(dir), node_of(dir));
	err = vnode_of(mfs_of(dir), n, out);
	if (err)	/* no half-made file: the name goes with it */
		memfs_unlink(node_of(dir), name, len);
	return err;
}

static int
memfs_vn_mkdir(struct vnode *dir, const char *name, size_t len,
    uint32_t mode)
{
	int err = memfs_mkdir(node_of(dir), name, len, mode, NULL);

	refresh(mfs_of(dir), node_of(dir));
	return err;
}

static int
memfs_vn_mkfifo(struct vnode *dir, const char *name, size_t len,
    uint32_t mode)
{
	int err = memfs_create(node_of(dir), name, len, MNODE_FIFO, mode,
	    NULL);

	refresh(mfs_of(dir), node_of(dir));
	return err;
}

/* Removes a name; the node it named (and its vnode, if live) loses a
 * link. */
static int
unname(struct vnode *dir, const char *name, size_t len, int isdir)
{
	struct mnode *n = NULL;
	int err;

	memfs_lookup(node_of(dir), name, len, &n);
	err = isdir ? memfs_rmdir(node_of(dir), name, len) :
	    memfs_unlink(node_of(dir), name, len);
	refresh(mfs_of(dir), node_of(dir));
	refresh(mfs_of(dir), n);
	return err;
}

static int
memfs_vn_unlink(struct vnode *dir, const char *name, size_t len)
{
	return unname(dir, name, len, 0);
}

static int
memfs_vn_rmdir(struct vnode *dir, const char *name, size_t len)
{
	return unname(dir, name, len, 1);
}

static int
memfs_vn_rename(struct vnode *from, const char *fname, size_t flen,
    struct vnode *to, const char *tname, size_t tlen)
{
	struct mfs *m = mfs_of(from);
	struct mnode *moved = NULL, *replaced = NULL;
	int err;

	memfs_lookup(node_of(from), fname, flen, &moved);
	memfs_lookup(node_of(to), tname, tlen, &replaced);
	err = memfs_rename(node_of(from), fname, flen, node_of(to), tname,
	    tlen);
	refresh(m, node_of(from));
	refresh(m, node_of(to));
	refresh(m, moved);
	refresh(m, replaced);
	return err;
}

static int
memfs_vn_symlink(struct vnode *dir, const char *name, size_t len,
    const char *target, size_t tlen)
{
	int err = memfs_symlink(node_of(dir), name, len, target, tlen, NULL);

	refresh(mfs_of(dir), node_of(dir));
	return err;
}

static int
memfs_vn_link(struct vnode *dir, const char *name, size_t len,
    struct vnode *target)
{
	int err = memfs_link(node_of(dir), name, len, node_of(target));

	refresh(mfs_of(dir), node_of(dir));
	copy_attrs(target);
	return err;
}

/* Zeros for a hole, a piece at a time. */
static int
out_zeros(struct uio *u, size_t n)
{
	static const uint8_t zeros[512];
	int err = 0;

	while (n && !err) {
		size_t k = n < sizeof(zeros) ? n : sizeof(zeros);

		err = uio_out(u, zeros, k);
		n -= k;
	}
	return err;
}

static int64_t
memfs_vn_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	struct mnode *n = node_of(vn);
	int err = 0;

	while (uio_left(u) && !err) {
		const uint8_t *p;
		size_t k;

		err = memfs_map_read(n, off + u->done, &p, &k);
		if (err || k == 0)
			break;
		if (k > uio_left(u))
			k = (size_t)uio_left(u);
		err = p ? uio_out(u, p, k) : out_zeros(u, k);
	}
	if (n->type == MNODE_FILE) {
		n->atime = realtime_ns();
		vn->atime_ns = (int64_t)n->atime;
	}
	return uio_result(u, err);
}

/*
 * Page by page: memfs gives the page (copying the archive's bytes in the
 * first time), the uio fills it.  A full file system or a fault ends the
 * write short; bytes a fault left past the end are zeroed again, as memfs
 * requires of its pages.
 */
static int64_t
memfs_vn_write(struct vnode *vn, uint64_t off, struct uio *u)
{
	struct mnode *n = node_of(vn);
	uint64_t start = u->done;
	int err = 0;

	while (uio_left(u)) {
		uint64_t at = off + (u->done - start);
		uint8_t *p;
		size_t k;

		err = memfs_map_write(n, at, &p, &k);
		if (err)
			break;
		if (k > uio_left(u))
			k = (size_t)uio_left(u);
		err = uio_in(u, p, k);
		if (err) {
			uint64_t keep = n->size > at ? n->size - at : 0;

			if (keep < k)
				memset(p + keep, 0, k - keep);
			break;
		}
	}
	if (u->done > start) {
		memfs_write_end(n, off, (size_t)(u->done - start));
		vn->gen++;
		copy_attrs(vn);
	}
	return u->done > start ? (int64_t)(u->done - start) : err;
}

static int
memfs_vn_truncate(struct vnode *vn, uint64_t size)
{
	int err = memfs_truncate(node_of(vn), size);

	if (!err)
		vn->gen++;
	copy_attrs(vn);
	return err;
}

static int
memfs_vn_readlink(struct vnode *vn, char *buf, size_t size)
{
	const char *target;
	size_t len;
	int err = memfs_readlink(node_of(vn), &target, &len);

	if (err)
		return err;
	if (len > size)
		len = size;
	memcpy(buf, target, len);
	return (int)len;
}

_Static_assert(VATTR_MODE == MEMFS_SET_MODE && VATTR_ATIME == MEMFS_SET_ATIME &&
    VATTR_MTIME == MEMFS_SET_MTIME && VATTR_UID == MEMFS_SET_UID &&
    VATTR_GID == MEMFS_SET_GID, "setattr bits pass through as they are");

static int
memfs_vn_setattr(struct vnode *vn, const struct vattr *va)
{
	struct memfs_attr a = {
		.mask = va->mask & ~MEMFS_SET_RDEV, .mode = va->mode,
		.uid = va->uid, .gid = va->gid,
		.atime = (uint64_t)va->atime_ns, .mtime = (uint64_t)va->mtime_ns,
	};

	memfs_setattr(node_of(vn), &a);
	copy_attrs(vn);
	return 0;
}

static const void *
memfs_vn_cache_key(struct vnode *vn)
{
	return memfs_cache_key(node_of(vn));
}

static int
memfs_vn_statfs(struct vnode *vn, NxStatfs *st)
{
	struct memfs_usage use;

	memfs_usage(&mfs_of(vn)->fs, &use);
	st->block_size = MEMFS_PAGE;
	st->blocks = use.limit / MEMFS_PAGE;
	st->blocks_free = (use.limit - use.bytes) / MEMFS_PAGE;
	st->files = use.nodes;
	st->name_max = MEMFS_NAME_MAX;
	return 0;
}

static const struct vnode_ops memfs_vn_ops = {
	.lookup = memfs_vn_lookup,
	.readdir = memfs_vn_readdir,
	.create = memfs_vn_create,
	.mkdir = memfs_vn_mkdir,
	.mkfifo = memfs_vn_mkfifo,
	.unlink = memfs_vn_unlink,
	.rmdir = memfs_vn_rmdir,
	.rename = memfs_vn_rename,
	.symlink = memfs_vn_symlink,
	.link = memfs_vn_link,
	.read = memfs_vn_read,
	.write = memfs_vn_write,
	.truncate = memfs_vn_truncate,
	.readlink = memfs_vn_readlink,
	.setattr = memfs_vn_setattr,
	.cache_key = memfs_vn_cache_key,
	.statfs = memfs_vn_statfs,
	.poll = vn_poll_ready,	/* files and directories never wait */
	.release = memfs_vn_release,
};

int
memfs_vn_mount(const uint8_t *image, size_t len, uint64_t limit,
    uint32_t dev, struct vnode **root)
{
	static struct mfs m;
	struct memfs_env env;
	int err;

	if (m.fs.root)
		return NX_EBUSY;
	memfs_kernel_env(&env, limit);
	err = memfs_init(&m.fs, &env, 0755);
	if (err)
		return err;
	m.dev = dev;
	if (image && len) {
		err = memfs_seed_image(&m.fs, image, len);
		if (err) {
			memfs_destroy(&m.fs);
			memset(&m, 0, sizeof(m));
			return err;
		}
	}
	return vnode_of(&m, m.fs.root, root);
}
