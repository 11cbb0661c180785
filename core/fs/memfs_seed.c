/*
 * memfs: the archive as initial content.  The tar index (core/fs/tar.c)
 * is walked once, depth first without recursion (an archive can nest
 * hundreds of directories deep), and every entry becomes a node and a
 * directory entry whose name, file data and link target stay in the
 * image: nothing is copied, so boot costs two small allocations per
 * entry.
 *
 * Hard links: tar.c resolves a hard link by giving its node the target's
 * data pointer (or link text pointer), and each archive entry's data lies
 * at its own place in the image, so entries sharing that pointer are one
 * file.  Only the pointers that hard links use are remembered, in a table
 * that lives for the walk; an archive without hard links makes none.
 * Hard-linked devices and FIFOs have no such pointer and stay separate
 * nodes.
 */
#include <string.h>

#include "nexus/abi.h"
#include "fs/memfs_impl.h"

#define BUCKETS	(MEMFS_PAGE / sizeof(void *))

/* A data or link pointer some hard link uses, and the node it became. */
struct shared {
	const void *key;
	struct mnode *node;
	struct shared *next;
};

struct seed {
	struct memfs *fs;
	struct shared **table;	/* BUCKETS chains, or NULL */
	struct memfs_seed_stats st;
	uint64_t now;
};

/* What identifies the bytes of a file or link. */
static const void *
key_of(const struct tar_node *t)
{
	if (t->type == TAR_FILE)
		return t->data;
	if (t->type == TAR_SYMLINK)
		return t->link;
	return NULL;
}

static struct shared **
bucket(struct seed *s, const void *key)
{
	uintptr_t k = (uintptr_t)key;

	return &s->table[(k ^ k >> 9 ^ k >> 18) % BUCKETS];
}

static struct shared *
shared_find(struct seed *s, const void *key)
{
	if (!s->table || !key)
		return NULL;
	for (struct shared *e = *bucket(s, key); e; e = e->next) {
		if (e->key == key)
			return e;
	}
	return NULL;
}

static void
table_free(struct seed *s)
{
	struct memfs *fs = s->fs;

	if (!s->table)
		return;
	for (size_t i = 0; i < BUCKETS; i++) {
		struct shared *e = s->table[i], *next;

		for (; e; e = next) {
			next = e->next;
			fs->env.free(fs->env.ctx, e, sizeof(*e));
		}
	}
	fs->env.page_free(fs->env.ctx, s->table);
	s->table = NULL;
}

/* Remembers the keys of the archive's hard links. */
static int
table_make(struct seed *s, const struct tar_fs *tar)
{
	struct memfs *fs = s->fs;

	if (!tar->hardlinks)
		return 0;
	if (!(s->table = fs->env.page_alloc(fs->env.ctx)))
		return NX_ENOMEM;
	for (const struct tar_node *t = tar->hardlinks; t; t = t->link_next) {
		const void *key = key_of(t);
		struct shared *e;

		if (!key || shared_find(s, key))
			continue;
		if (!(e = fs->env.alloc(fs->env.ctx, sizeof(*e))))
			return NX_ENOMEM;
		e->key = key;
		e->node = NULL;
		e->next = *bucket(s, key);
		*bucket(s, key) = e;
	}
	return 0;
}

static int
node_type(const struct tar_node *t)
{
	switch (t->type) {
	case TAR_FILE:
		return MNODE_FILE;
	case TAR_DIR:
		return MNODE_DIR;
	case TAR_SYMLINK:
		return MNODE_SYMLINK;
	case TAR_CHARDEV:
		return MNODE_CHARDEV;
	case TAR_FIFO:
		return MNODE_FIFO;
	default:
		return 0;
	}
}

/* The archive's time in memfs's nanoseconds; a time too late for them
 * becomes the latest they hold. */
static uint64_t
archive_time(uint64_t sec)
{
	const uint64_t ns = 1000000000ull;

	return sec > UINT64_MAX / ns ? UINT64_MAX / ns * ns : sec * ns;
}

/* A new node for `t`, its bytes in place: it keeps the archive's
 * modification time, as Linux keeps an initramfs's, and was changed
 * (ctime) at boot. */
static int
seed_node(struct seed *s, const struct tar_node *t, int type,
    struct mnode **out)
{
	struct mnode *n;
	int rc;

	if ((rc = memfs_node_new(s->fs, type, t->mode, &n)))
		return rc;
	n->atime = n->mtime = n->ctime = s->now;
	if (t->dated)
		n->atime = n->mtime = archive_time(t->mtime);
	if (type == MNODE_FILE) {
		n->u.file.seed = t->data;
		n->u.file.seed_len = t->size;
		n->size = t->size;
	} else if (type == MNODE_SYMLINK) {
		n->u.link.target = t->link;
		n->u.link.len = t->link_len;
		n->size = t->link_len;
	}
	s->st.nodes++;
	*out = n;
	return 0;
}

/*
 * Names `t` in `dir`; `*made` is the new directory to walk into, or NULL.
 * A kind memfs has no node for, or a name it would refuse, is skipped
 * (with what is below it).
 */
static int
seed_one(struct seed *s, struct mnode *dir, const struct tar_node *t,
    struct mnode **made)
{
	struct shared *e = shared_find(s, key_of(t));
	int type = node_type(t), rc;
	struct mdirent *de;
	struct mnode *n;

	*made = NULL;
	if (!type || !t->name || !memfs_name_ok(t->name, t->name_len) ||
	    (type == MNODE_SYMLINK && (t->link_len == 0 ||
	    t->link_len > MEMFS_LINK_MAX))) {
		s->st.skipped++;
		return 0;
	}
	if ((rc = memfs_dirent_new(s->fs, t->name, t->name_len, 0, &de)))
		return rc;
	if (e && e->node) {
		n = e->node;
		s->st.hardlinks++;
	} else if ((rc = seed_node(s, t, type, &n))) {
		/* The entry is charged; memfs_free_all cannot see it. */
		s->fs->env.free(s->fs->env.ctx, de, sizeof(*de));
		memfs_uncharge(s->fs, MEMFS_DIRENT_COST(0, 0));
		return rc;
	}
	if (e)
		e->node = n;
	de->node = n;
	n->nlink++;
	if (type == MNODE_DIR) {
		n->nlink = 2;
		n->u.dir.parent = dir;
		dir->nlink++;
		*made = n;
	}
	memfs_dir_append(dir, de);
	s->st.names++;
	return 0;
}

/* The next entry after `t` once its subtree is done, and its directory. */
static const struct tar_node *
climb(const struct tar_fs *tar, const struct tar_node *t, struct mnode **dir)
{
	for (;;) {
		if (t->next)
			return t->next;
		t = t->parent;
		if (t == tar->root)
			return NULL;
		*dir = (*dir)->u.dir.parent;
	}
}

int
memfs_seed_tar(struct memfs *fs, const struct tar_fs *tar,
    struct memfs_seed_stats *st)
{
	struct seed s = { .fs = fs };
	const struct tar_node *t = tar->root ? tar->root->child : NULL;
	struct mnode *dir = fs->root;
	uint64_t before = fs->used;
	int rc;

	if (fs->root->u.dir.entries)
		return NX_EEXIST;
	s.now = memfs_now(fs);
	if (tar->root && tar->root->mode)
		fs->root->mode = tar->root->mode & 07777;
	rc = table_make(&s, tar);
	while (t && rc == 0) {
		struct mnode *made;

		if ((rc = seed_one(&s, dir, t, &made)))
			break;
		if (made && t->child) {
			dir = made;
			t = t->child;
		} else {
			t = climb(tar, t, &dir);
		}
	}
	table_free(&s);
	if (rc) {
		memfs_free_all(fs, 1);
		return rc;
	}
	s.st.bytes = fs->used - before;
	if (st)
		*st = s.st;
	return 0;
}
