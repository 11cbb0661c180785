/*
 * A vnode is made the first time a node is looked up and freed when its
 * last reference goes, so the archive costs nothing per file at boot and
 * `mem` comes back to its figure after a program ends.  While a vnode
 * lives, every lookup of its node finds the same one (a small hash table
 * by node), so references and generations mean what they say.
 */
#include <string.h>

#include "fs/tar.h"
#include "fs/tarfs.h"
#include "kernel.h"
#include "kmem.h"
#include "pmm.h"

_Static_assert((int)TAR_FILE == NX_DT_FILE && (int)TAR_DIR == NX_DT_DIR &&
    (int)TAR_SYMLINK == NX_DT_SYMLINK && (int)TAR_CHARDEV == NX_DT_CHAR &&
    (int)TAR_BLOCKDEV == NX_DT_BLOCK && (int)TAR_FIFO == NX_DT_FIFO &&
    (int)TAR_OTHER == NX_DT_OTHER, "TarFS node types are the ABI's");

#define BUCKETS	64

struct tarfs {
	struct tar_fs index;
	uint32_t dev;
	struct vnode *bucket[BUCKETS];
};

static const struct vnode_ops tarfs_ops;

static const struct tar_node *
node_of(const struct vnode *vn)
{
	return vn->priv;
}

/* A vnode and the archive it belongs to (nothing here assumes there is
 * only one). */
struct tvnode {
	struct vnode vn;
	struct tarfs *fs;
};

static struct tarfs *
fs_of(struct vnode *vn)
{
	return ((struct tvnode *)(void *)vn)->fs;
}

static unsigned
hash(const struct tar_node *n)
{
	return (unsigned)((uintptr_t)n >> 4) % BUCKETS;
}

/* The node's vnode, with a reference for the caller. */
static int
vnode_of(struct tarfs *fs, const struct tar_node *n, struct vnode **out)
{
	struct vnode **b = &fs->bucket[hash(n)];
	struct tvnode *t;
	struct vnode *vn;

	for (vn = *b; vn; vn = vn->hnext) {
		if (vn->priv == n) {
			vnode_ref(vn);
			*out = vn;
			return 0;
		}
	}
	t = kmem_alloc(sizeof(*t));
	if (!t)
		return NX_ENOMEM;
	t->fs = fs;
	vn = &t->vn;
	vn->ops = &tarfs_ops;
	vn->priv = (void *)(uintptr_t)n;
	vn->ino = (uintptr_t)n;
	vn->type = n->type;
	vn->mode = n->mode;
	vn->size = n->type == TAR_SYMLINK ? n->link_len :
	    n->type == TAR_FILE ? n->size : 0;
	vn->dev = fs->dev;
	vn->nlink = 1;
	vn->flags = VN_RDONLY;
	/* The archive's times are not indexed: it dates from boot. */
	vn->atime_ns = vn->mtime_ns = vn->ctime_ns =
	    (int64_t)boot_epoch_ns();
	vn->refs = 1;
	vn->hnext = *b;
	*b = vn;
	*out = vn;
	return 0;
}

static void
tarfs_release(struct vnode *vn)
{
	struct vnode **p = &fs_of(vn)->bucket[hash(node_of(vn))];

	while (*p != vn)
		p = &(*p)->hnext;
	*p = vn->hnext;
	kmem_free(vn, sizeof(struct tvnode));
}

static int
tarfs_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	const struct tar_node *d = node_of(dir), *n;

	if (len == 2 && name[0] == '.' && name[1] == '.')
		n = d->parent;
	else
		n = tar_child(d, name, len);
	if (!n)
		return NX_ENOENT;
	return vnode_of(fs_of(dir), n, out);
}

static int
tarfs_readdir(struct vnode *dir, uint64_t index, NxDirent *d)
{
	const struct tar_node *c = node_of(dir)->child;

	for (uint64_t i = 0; c && i < index; i++)
		c = c->next;
	if (!c)
		return 0;
	memset(d, 0, sizeof(*d));
	d->size = c->type == TAR_FILE ? c->size : 0;
	d->type = c->type;
	d->name_len = c->name_len;
	if (c->name_len > NX_NAME_MAX)
		return NX_ENAMETOOLONG;
	memcpy(d->name, c->name, c->name_len);
	return 1;
}

static int64_t
tarfs_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	const struct tar_node *n = node_of(vn);
	uint64_t len = uio_left(u);
	int err;

	if (n->type != TAR_FILE)
		return NX_EINVAL;	/* a device or FIFO named in the archive */
	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = n->size - off;
	if (len > INT64_MAX)
		len = INT64_MAX;
	err = uio_out(u, n->data + off, (size_t)len);
	return err ? err : (int64_t)len;
}

static int
tarfs_readlink(struct vnode *vn, char *buf, size_t size)
{
	const struct tar_node *n = node_of(vn);
	size_t len = n->link_len < size ? n->link_len : size;

	memcpy(buf, n->link, len);
	return (int)len;
}

/*
 * The archive's bytes never change during a boot, and where they sit in
 * the image names them: two hard links to one file share the key, as
 * they share the bytes.  (When the archive becomes the initial content
 * of a writable file system, that file system answers this key until a
 * file is first written, and NULL after.)
 */
static const void *
tarfs_cache_key(struct vnode *vn)
{
	const struct tar_node *n = node_of(vn);

	return n->type == TAR_FILE && n->size ? n->data : NULL;
}

/* No create, write, truncate, ...: vnode.c answers NX_EROFS for them. */
static const struct vnode_ops tarfs_ops = {
	.lookup = tarfs_lookup,
	.readdir = tarfs_readdir,
	.read = tarfs_read,
	.readlink = tarfs_readlink,
	.cache_key = tarfs_cache_key,
	.release = tarfs_release,
};

/* The index lives as long as the kernel: carve it out of whole pages. */
static void *
index_alloc(void *ctx, size_t size)
{
	static uint8_t *cur;
	static size_t left;
	void *p;

	(void)ctx;
	size = (size + 15) & ~(size_t)15;
	if (size > NX_PAGE_SIZE)
		return NULL;
	if (left < size) {
		cur = page_alloc();
		if (!cur)
			return NULL;
		left = NX_PAGE_SIZE;
	}
	p = cur;
	cur += size;
	left -= size;
	return p;
}

int
tarfs_mount(const uint8_t *image, size_t len, uint32_t dev,
    struct vnode **root)
{
	struct tarfs *fs = index_alloc(NULL, sizeof(*fs));

	if (!fs || tar_index(image, len, index_alloc, NULL, &fs->index)) {
		kprint("rootfs: out of memory indexing the archive\n");
		return NX_ENOMEM;
	}
	if (fs->index.corrupt)
		kprintf("rootfs: warning: %s at offset %lu; keeping the %u "
		    "entries before it\n", fs->index.why,
		    (unsigned long)fs->index.bad_offset, fs->index.entries);
	if (fs->index.entries == 0) {
		kprint("rootfs: the initrd holds no tar entries\n");
		return NX_ENOENT;
	}
	fs->dev = dev;
	kprintf("rootfs: tar archive, %u entries, %lu KiB\n",
	    fs->index.entries, (unsigned long)(len / 1024));
	return vnode_of(fs, fs->index.root, root);
}
