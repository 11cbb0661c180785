/*
 * memfs: space, nodes and directory entries, the file system's life
 * (memfs.h says what the file system is).  The operations on names are in
 * memfs_dir.c, file bytes in memfs_data.c, the archive in memfs_seed.c.
 */
#include <string.h>

#include "nexus/abi.h"
#include "fs/memfs_impl.h"

/* ---- space and time ---------------------------------------------------- */

int
memfs_charge(struct memfs *fs, uint64_t bytes)
{
	if (bytes > fs->env.limit - fs->used)
		return NX_ENOSPC;
	fs->used += bytes;
	return 0;
}

void
memfs_uncharge(struct memfs *fs, uint64_t bytes)
{
	fs->used -= bytes;
}

uint64_t
memfs_now(struct memfs *fs)
{
	return fs->env.now_ns(fs->env.ctx);
}

void
memfs_usage(const struct memfs *fs, struct memfs_usage *u)
{
	u->bytes = fs->used;
	u->limit = fs->env.limit;
	u->pages = fs->pages;
	u->nodes = fs->nodes;
}

/* ---- nodes and entries --------------------------------------------------- */

int
memfs_node_new(struct memfs *fs, int type, uint32_t mode, struct mnode **out)
{
	struct mnode *n;
	uint64_t now;

	if (memfs_charge(fs, MEMFS_NODE_COST))
		return NX_ENOSPC;
	if (!(n = fs->env.alloc(fs->env.ctx, sizeof(*n)))) {
		memfs_uncharge(fs, MEMFS_NODE_COST);
		return NX_ENOMEM;
	}
	memset(n, 0, sizeof(*n));
	n->fs = fs;
	n->type = (uint8_t)type;
	n->mode = mode & 07777;
	n->ino = fs->next_ino++;
	now = memfs_now(fs);
	n->atime = n->mtime = n->ctime = now;
	if (type == MNODE_DIR)
		n->u.dir.next_cookie = MEMFS_FIRST_COOKIE;
	n->all_next = fs->all;
	if (fs->all)
		fs->all->all_prev = n;
	fs->all = n;
	fs->nodes++;
	*out = n;
	return 0;
}

/* Frees a node's storage, whatever its links; its entries are gone. */
void
memfs_node_free(struct mnode *n)
{
	struct memfs *fs = n->fs;

	if (n->type == MNODE_FILE)
		memfs_data_free(n);
	if (n->type == MNODE_SYMLINK && n->u.link.owned) {
		fs->env.free(fs->env.ctx, (void *)n->u.link.target,
		    n->u.link.len);
		memfs_uncharge(fs, n->u.link.len);
	}
	if (n->all_prev)
		n->all_prev->all_next = n->all_next;
	else
		fs->all = n->all_next;
	if (n->all_next)
		n->all_next->all_prev = n->all_prev;
	fs->nodes--;
	fs->env.free(fs->env.ctx, n, sizeof(*n));
	memfs_uncharge(fs, MEMFS_NODE_COST);
}

/* A node with neither a name nor a hold is freed. */
void
memfs_node_put(struct mnode *n)
{
	if (n->nlink == 0 && n->holds == 0)
		memfs_node_free(n);
}

void
memfs_hold(struct mnode *node)
{
	node->holds++;
}

void
memfs_release(struct mnode *node)
{
	node->holds--;
	memfs_node_put(node);
}

int
memfs_dirent_new(struct memfs *fs, const char *name, size_t len, int owned,
    struct mdirent **out)
{
	size_t cost = MEMFS_DIRENT_COST(owned, len);
	struct mdirent *de;

	if (memfs_charge(fs, cost))
		return NX_ENOSPC;
	if (!(de = fs->env.alloc(fs->env.ctx, cost))) {
		memfs_uncharge(fs, cost);
		return NX_ENOMEM;
	}
	memset(de, 0, sizeof(*de));
	de->name_len = (uint16_t)len;
	de->name_owned = owned != 0;
	if (owned) {
		memcpy(de + 1, name, len);
		de->name = (const char *)(de + 1);
	} else {
		de->name = name;
	}
	*out = de;
	return 0;
}

void
memfs_dirent_free(struct memfs *fs, struct mdirent *de)
{
	size_t cost = MEMFS_DIRENT_COST(de->name_owned, de->name_len);

	fs->env.free(fs->env.ctx, de, cost);
	memfs_uncharge(fs, cost);
}

void
memfs_dir_append(struct mnode *dir, struct mdirent *de)
{
	de->cookie = dir->u.dir.next_cookie++;
	de->next = NULL;
	de->prev = dir->u.dir.last;
	if (dir->u.dir.last)
		dir->u.dir.last->next = de;
	else
		dir->u.dir.first = de;
	dir->u.dir.last = de;
	dir->u.dir.entries++;
}

void
memfs_dir_remove(struct mnode *dir, struct mdirent *de)
{
	if (de->prev)
		de->prev->next = de->next;
	else
		dir->u.dir.first = de->next;
	if (de->next)
		de->next->prev = de->prev;
	else
		dir->u.dir.last = de->prev;
	dir->u.dir.entries--;
}

struct mdirent *
memfs_dir_find(const struct mnode *dir, const char *name, size_t len)
{
	for (struct mdirent *de = dir->u.dir.first; de; de = de->next) {
		if (de->name_len == len && memcmp(de->name, name, len) == 0)
			return de;
	}
	return NULL;
}

/* The directory's entries changed. */
void
memfs_dir_touch(struct mnode *dir)
{
	dir->mtime = dir->ctime = memfs_now(dir->fs);
}

/* ---- the file system ---------------------------------------------------- */

int
memfs_init(struct memfs *fs, const struct memfs_env *env, uint32_t mode)
{
	struct mnode *root;
	int rc;

	memset(fs, 0, sizeof(*fs));
	fs->env = *env;
	fs->next_ino = 1;
	if ((rc = memfs_node_new(fs, MNODE_DIR, mode, &root)))
		return rc;
	root->nlink = 2;
	root->u.dir.parent = root;
	fs->root = root;
	return 0;
}

void
memfs_free_all(struct memfs *fs, int keep_root)
{
	struct mnode *n = fs->all, *next;

	for (; n; n = next) {
		next = n->all_next;
		if (n->type == MNODE_DIR) {
			struct mdirent *de = n->u.dir.first, *dn;

			for (; de; de = dn) {
				dn = de->next;
				memfs_dirent_free(fs, de);
			}
			n->u.dir.first = n->u.dir.last = NULL;
			n->u.dir.entries = 0;
		}
		if (n != fs->root || !keep_root)
			memfs_node_free(n);
	}
	if (keep_root) {
		fs->root->nlink = 2;
		fs->root->u.dir.next_cookie = MEMFS_FIRST_COOKIE;
	} else {
		fs->root = NULL;
	}
}

void
memfs_destroy(struct memfs *fs)
{
	memfs_free_all(fs, 0);
}

