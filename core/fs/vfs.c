#include <string.h>

#include "kernel.h"
#include "pmm.h"
#include "vfs.h"

_Static_assert((int)TAR_FILE == NX_DT_FILE && (int)TAR_DIR == NX_DT_DIR &&
    (int)TAR_SYMLINK == NX_DT_SYMLINK && (int)TAR_CHARDEV == NX_DT_CHAR &&
    (int)TAR_BLOCKDEV == NX_DT_BLOCK && (int)TAR_FIFO == NX_DT_FIFO &&
    (int)TAR_OTHER == NX_DT_OTHER, "TarFS node types are the ABI's");

/*
 * The mount table.  Each entry hands the paths under its directory to one
 * TarFS; the longest matching mount wins.  Boot mounts the initrd at "/".
 * A file system resolves ".." and symbolic links inside itself, so they do
 * not cross from one mount into another.
 */
#define MAX_MOUNTS 4

struct mount {
	const char *path;	/* absolute, no trailing '/' except "/" */
	size_t len;
	struct tar_fs fs;
};

static struct mount mounts[MAX_MOUNTS];
static int nmounts;

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

/* Indexes a tar image and mounts it at `path`: 0, or an error said. */
static int
vfs_mount(const char *path, const uint8_t *image, size_t len)
{
	struct mount *m = &mounts[nmounts];

	if (nmounts == MAX_MOUNTS)
		return NX_ENOSPC;
	if (tar_index(image, len, index_alloc, NULL, &m->fs) != 0) {
		kprintf("%s: out of memory indexing the archive\n", path);
		return NX_ENOMEM;
	}
	if (m->fs.corrupt)
		kprintf("rootfs: warning: %s at offset %lu; keeping the %u "
		    "entries before it\n", m->fs.why,
		    (unsigned long)m->fs.bad_offset, m->fs.entries);
	if (m->fs.entries == 0) {
		kprint("rootfs: the initrd holds no tar entries\n");
		return NX_ENOENT;
	}
	m->path = path;
	m->len = strlen(path);
	nmounts++;
	return 0;
}

void
vfs_mount_root(const uint8_t *image, size_t len)
{
	if (!image || len == 0) {
		kprint("rootfs: no initrd: nothing to mount; boot with "
		    "INITRD=<archive.tar>\n");
		return;
	}
	if (vfs_mount("/", image, len) == 0)
		kprintf("rootfs: tar archive, %u entries, %lu KiB\n",
		    mounts[0].fs.entries, (unsigned long)(len / 1024));
}

/* The mount holding absolute path `p`, and where its own path starts. */
static const struct mount *
mount_of(const char *p, const char **rest)
{
	const struct mount *best = NULL;

	for (int i = 0; i < nmounts; i++) {
		const struct mount *m = &mounts[i];
		int root = m->len == 1;

		if (strncmp(p, m->path, m->len) != 0 ||
		    (!root && p[m->len] != '\0' && p[m->len] != '/'))
			continue;
		if (!best || m->len > best->len)
			best = m;
	}
	if (best)
		*rest = p + (best->len == 1 ? 0 : best->len);
	return best;
}

int
vfs_resolve(const char *cwd, const char *path, int follow,
    const struct tar_node **out)
{
	char full[2 * NX_PATH_MAX];
	size_t cl = strlen(cwd), pl = strlen(path);
	const struct mount *m;
	const char *rest;

	if (pl == 0)
		return NX_ENOENT;
	if (path[0] == '/') {
		if (pl >= sizeof(full))
			return NX_ENAMETOOLONG;
		memcpy(full, path, pl + 1);
	} else {
		if (cl + 1 + pl + 1 > sizeof(full))
			return NX_ENAMETOOLONG;
		memcpy(full, cwd, cl);
		full[cl] = '/';
		memcpy(full + cl + 1, path, pl + 1);
	}
	m = mount_of(full, &rest);
	if (!m)
		return NX_ENOENT;
	return tar_lookup(&m->fs, rest, follow, out);
}

int
vfs_path(const struct tar_node *n, char *buf, size_t size)
{
	const struct tar_node *root = n;
	size_t ml;
	int err;

	while (root->parent != root)
		root = root->parent;
	for (int i = 0; i < nmounts; i++) {
		if (mounts[i].fs.root != root)
			continue;
		/* The mount's path, then the node's path inside it. */
		ml = mounts[i].len == 1 ? 0 : mounts[i].len;
		if (ml >= size)
			return NX_ENAMETOOLONG;
		err = tar_path(n, buf + ml, size - ml);
		if (err)
			return err;
		memcpy(buf, mounts[i].path, ml);
		if (ml && buf[ml] == '/' && buf[ml + 1] == '\0')
			buf[ml] = '\0';	/* the mount point itself */
		return 0;
	}
	return NX_ENOENT;
}

int
vfs_open(struct files *ft, const char *cwd, const char *path,
    uint32_t flags)
{
	const struct tar_node *n;
	int err;

	if ((flags & NX_O_ACCMODE) != NX_O_RDONLY ||
	    (flags & (NX_O_CREAT | NX_O_TRUNC | NX_O_APPEND)))
		return NX_EROFS;
	err = vfs_resolve(cwd, path, !(flags & NX_O_NOFOLLOW), &n);
	if (err)
		return err;
	if ((flags & NX_O_DIRECTORY) && n->type != TAR_DIR)
		return NX_ENOTDIR;
	if (n->type != TAR_FILE && n->type != TAR_DIR)
		return NX_ENXIO;	/* devices, FIFOs: nothing behind them */
	for (int fd = 0; fd < NX_OPEN_MAX; fd++) {
		if (!ft->f[fd].node) {
			ft->f[fd].node = n;
			ft->f[fd].offset = 0;
			ft->f[fd].flags = flags;
			return fd;
		}
	}
	return NX_EMFILE;
}

struct file *
vfs_file(struct files *ft, uint64_t fd)
{
	if (fd >= NX_OPEN_MAX || !ft->f[fd].node)
		return NULL;
	return &ft->f[fd];
}

int
vfs_close(struct files *ft, uint64_t fd)
{
	struct file *f = vfs_file(ft, fd);

	if (!f)
		return NX_EBADF;
	f->node = NULL;
	return 0;
}

void
vfs_close_all(struct files *ft)
{
	memset(ft, 0, sizeof(*ft));
}

int64_t
vfs_seek(struct file *f, int64_t offset, uint32_t whence)
{
	uint64_t end = f->node->type == TAR_DIR ? f->node->nchildren :
	    f->node->size;
	int64_t base;

	switch (whence) {
	case NX_SEEK_SET:
		base = 0;
		break;
	case NX_SEEK_CUR:
		base = (int64_t)f->offset;
		break;
	case NX_SEEK_END:
		base = (int64_t)end;
		break;
	default:
		return NX_EINVAL;
	}
	/* Inside the file only: a read-only file system cannot grow one. */
	if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0 ||
	    (uint64_t)(base + offset) > end)
		return NX_EINVAL;
	f->offset = (uint64_t)(base + offset);
	return (int64_t)f->offset;
}

size_t
vfs_read(struct file *f, void *buf, size_t len)
{
	uint64_t left = f->node->size - f->offset;

	if (f->node->type != TAR_FILE)
		return 0;
	if (len > left)
		len = (size_t)left;
	memcpy(buf, f->node->data + f->offset, len);
	f->offset += len;
	return len;
}

void
vfs_file_init(struct file *f, const struct tar_node *n)
{
	f->node = n;
	f->offset = 0;
	f->flags = NX_O_RDONLY;
}

int
vfs_dirent(const struct tar_node *dir, uint64_t index, NxDirent *d)
{
	const struct tar_node *c;
	uint64_t i = 0;

	if (dir->type != TAR_DIR)
		return NX_ENOTDIR;
	for (c = dir->child; c && i < index; c = c->next)
		i++;
	if (!c)
		return 0;
	memset(d, 0, sizeof(*d));
	d->size = c->size;
	d->type = c->type;
	d->name_len = c->name_len;
	if (c->name_len > NX_NAME_MAX)
		return NX_ENAMETOOLONG;
	memcpy(d->name, c->name, c->name_len);
	return 1;
}

int
vfs_readdir(struct file *f, NxDirent *d)
{
	int r = vfs_dirent(f->node, f->offset, d);

	if (r != 0 && r != NX_ENOTDIR)
		f->offset++;
	return r;
}

void
vfs_stat(const struct tar_node *n, NxStat *st)
{
	memset(st, 0, sizeof(*st));
	st->size = n->type == TAR_SYMLINK ? n->link_len : n->size;
	st->type = n->type;
	st->mode = n->mode;
}
