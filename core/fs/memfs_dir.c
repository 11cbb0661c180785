/*
 * memfs: the operations on names in a directory (memfs.h says what the
 * file system is).  A directory is a list of entries in the order they
 * were made; each entry gets the directory's next cookie, so cookies
 * increase along the list and removing one entry moves no other.  Lookups
 * walk the list.
 *
 * Every operation checks everything first, then charges and allocates
 * what it needs (giving back what it took if an allocation fails), and
 * only then links anything in: an error leaves no half-made entry.
 */
#include <string.h>

#include "nexus/abi.h"
#include "fs/memfs_impl.h"

/* ---- names ----------------------------------------------------------------- */

int
memfs_name_ok(const char *name, size_t len)
{
	if (len == 0 || len > MEMFS_NAME_MAX)
		return 0;
	if (memchr(name, '/', len) || memchr(name, '\0', len))
		return 0;
	return !(name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')));
}

/* 1 for ".", 2 for "..", else 0. */
static int
dots(const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return 1;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return 2;
	return 0;
}

/*
 * The checks every operation on a name in `dir` starts with: the name's
 * length and bytes, then the directory.  "." and ".." pass; each
 * operation has its own error for them.
 */
static int
check(const struct mnode *dir, const char *name, size_t len)
{
	if (len == 0)
		return NX_ENOENT;
	if (len > MEMFS_NAME_MAX)
		return NX_ENAMETOOLONG;
	if (memchr(name, '/', len) || memchr(name, '\0', len))
		return NX_EINVAL;
	if (dir->type != MNODE_DIR)
		return NX_ENOTDIR;
	return 0;
}

int
memfs_lookup(struct mnode *dir, const char *name, size_t len,
    struct mnode **out)
{
	struct mdirent *de;
	int rc;

	if ((rc = check(dir, name, len)))
		return rc;
	if (dots(name, len)) {
		*out = dots(name, len) == 1 ? dir : dir->u.dir.parent;
		return 0;
	}
	if (!(de = memfs_dir_find(dir, name, len)))
		return NX_ENOENT;
	dir->atime = memfs_now(dir->fs);
	*out = de->node;
	return 0;
}

/* The checks for making `name` in `dir`, after check(). */
static int
check_new(const struct mnode *dir, const char *name, size_t len)
{
	if (dots(name, len))
		return NX_EEXIST;
	if (dir->nlink == 0)
		return NX_ENOENT;	/* removed, still held */
	if (memfs_dir_find(dir, name, len))
		return NX_EEXIST;
	return 0;
}

/* Names `n` (just made) in `dir`. */
static void
attach_new(struct mnode *dir, struct mdirent *de, struct mnode *n)
{
	de->node = n;
	n->nlink = 1;
	if (n->type == MNODE_DIR) {
		n->nlink = 2;
		n->u.dir.parent = dir;
		dir->nlink++;
	}
	memfs_dir_append(dir, de);
	memfs_dir_touch(dir);
}

/* A node and its entry, both charged, or neither. */
static int
make(struct mnode *dir, const char *name, size_t len, int type,
    uint32_t mode, size_t extra, struct mnode **n, struct mdirent **de)
{
	struct memfs *fs = dir->fs;
	int rc;

	if ((rc = memfs_charge(fs, extra)))
		return rc;
	if ((rc = memfs_node_new(fs, type, mode, n))) {
		memfs_uncharge(fs, extra);
		return rc;
	}
	if ((rc = memfs_dirent_new(fs, name, len, 1, de))) {
		memfs_node_free(*n);
		memfs_uncharge(fs, extra);
		return rc;
	}
	return 0;
}

int
memfs_create(struct mnode *dir, const char *name, size_t len, int type,
    uint32_t mode, struct mnode **out)
{
	struct mdirent *de;
	struct mnode *n;
	int rc;

	if (type < MNODE_FILE || type > MNODE_BLOCKDEV || type == MNODE_SYMLINK)
		return NX_EINVAL;
	if ((rc = check(dir, name, len)) || (rc = check_new(dir, name, len)))
		return rc;
	if ((rc = make(dir, name, len, type, mode, 0, &n, &de)))
		return rc;
	attach_new(dir, de, n);
	if (out)
		*out = n;
	return 0;
}

int
memfs_mkdir(struct mnode *dir, const char *name, size_t len, uint32_t mode,
    struct mnode **out)
{
	return memfs_create(dir, name, len, MNODE_DIR, mode, out);
}

int
memfs_symlink(struct mnode *dir, const char *name, size_t len,
    const char *target, size_t tlen, struct mnode **out)
{
	struct memfs *fs = dir->fs;
	struct mdirent *de;
	struct mnode *n;
	char *copy;
	int rc;

	if ((rc = check(dir, name, len)))
		return rc;
	if (tlen == 0)
		return NX_ENOENT;
	if (tlen > MEMFS_LINK_MAX)
		return NX_ENAMETOOLONG;
	if ((rc = check_new(dir, name, len)))
		return rc;
	if ((rc = make(dir, name, len, MNODE_SYMLINK, 0777, tlen, &n, &de)))
		return rc;
	if (!(copy = fs->env.alloc(fs->env.ctx, tlen))) {
		memfs_dirent_free(fs, de);
		memfs_node_free(n);
		memfs_uncharge(fs, tlen);
		return NX_ENOMEM;
	}
	memcpy(copy, target, tlen);
	n->u.link.target = copy;
	n->u.link.len = (uint32_t)tlen;
	n->u.link.owned = 1;
	n->size = tlen;
	attach_new(dir, de, n);
	if (out)
		*out = n;
	return 0;
}

int
memfs_link(struct mnode *dir, const char *name, size_t len,
    struct mnode *node)
{
	struct mdirent *de;
	int rc;

	if ((rc = check(dir, name, len)))
		return rc;
	if (node->type == MNODE_DIR)
		return NX_EPERM;
	if (node->nlink == 0)
		return NX_ENOENT;
	if ((rc = check_new(dir, name, len)))
		return rc;
	if ((rc = memfs_dirent_new(dir->fs, name, len, 1, &de)))
		return rc;
	de->node = node;
	node->nlink++;
	node->ctime = memfs_now(dir->fs);
	memfs_dir_append(dir, de);
	memfs_dir_touch(dir);
	return 0;
}

/* Takes a name away from `de->node` (freed if that was all). */
static void
drop_name(struct mnode *dir, struct mdirent *de)
{
	struct mnode *n = de->node;

	memfs_dir_remove(dir, de);
	memfs_dirent_free(dir->fs, de);
	memfs_dir_touch(dir);
	if (n->type == MNODE_DIR) {
		n->nlink = 0;
		dir->nlink--;
	} else {
		n->nlink--;
		n->ctime = dir->mtime;
	}
	memfs_node_put(n);
}

int
memfs_unlink(struct mnode *dir, const char *name, size_t len)
{
	struct mdirent *de;
	int rc;

	if ((rc = check(dir, name, len)))
		return rc;
	if (dots(name, len))
		return NX_EISDIR;
	if (!(de = memfs_dir_find(dir, name, len)))
		return NX_ENOENT;
	if (de->node->type == MNODE_DIR)
		return NX_EISDIR;
	drop_name(dir, de);
	return 0;
}

int
memfs_rmdir(struct mnode *dir, const char *name, size_t len)
{
	struct mdirent *de;
	int rc;

	if ((rc = check(dir, name, len)))
		return rc;
	if (dots(name, len))
		return dots(name, len) == 1 ? NX_EINVAL : NX_ENOTEMPTY;
	if (!(de = memfs_dir_find(dir, name, len)))
		return NX_ENOENT;
	if (de->node->type != MNODE_DIR)
		return NX_ENOTDIR;
	if (de->node->u.dir.entries)
		return NX_ENOTEMPTY;
	drop_name(dir, de);
	return 0;
}

/* 1 if `d` is `anc` or below it. */
static int
within(const struct mnode *d, const struct mnode *anc)
{
	for (;;) {
		if (d == anc)
			return 1;
		if (d == d->u.dir.parent)
			return 0;
		d = d->u.dir.parent;
	}
}

/* The rules for putting `src` where `dst` (or nothing) is. */
static int
check_rename(const struct mnode *src, const struct mnode *newdir,
    const struct mdirent *dst)
{
	if (newdir->nlink == 0)
		return NX_ENOENT;
	if (src->type == MNODE_DIR && within(newdir, src))
		return NX_EINVAL;
	if (!dst || dst->node == src)
		return 0;
	if (src->type == MNODE_DIR && dst->node->type != MNODE_DIR)
		return NX_ENOTDIR;
	if (src->type != MNODE_DIR && dst->node->type == MNODE_DIR)
		return NX_EISDIR;
	if (dst->node->type == MNODE_DIR && dst->node->u.dir.entries)
		return NX_ENOTEMPTY;
	return 0;
}

int
memfs_rename(struct mnode *olddir, const char *oldname, size_t oldlen,
    struct mnode *newdir, const char *newname, size_t newlen)
{
	struct mdirent *src, *dst, *de = NULL;
	struct mnode *n, *gone = NULL;
	int rc;

	if ((rc = check(olddir, oldname, oldlen)) ||
	    (rc = check(newdir, newname, newlen)))
		return rc;
	if (dots(oldname, oldlen) || dots(newname, newlen))
		return NX_EBUSY;
	if (!(src = memfs_dir_find(olddir, oldname, oldlen)))
		return NX_ENOENT;
	n = src->node;
	dst = memfs_dir_find(newdir, newname, newlen);
	if ((rc = check_rename(n, newdir, dst)))
		return rc;
	if (dst && dst->node == n)
		return 0;
	if (!dst) {
		/*
		 * The old entry's charge comes back below, so the new one
		 * may use it: a full file system can still rename.
		 */
		size_t back = MEMFS_DIRENT_COST(src->name_owned, src->name_len);

		memfs_uncharge(olddir->fs, back);
		rc = memfs_dirent_new(newdir->fs, newname, newlen, 1, &de);
		olddir->fs->used += back;
		if (rc)
			return rc;
	}
	if (dst) {
		/* The target's entry keeps its place and cookie. */
		gone = dst->node;
		dst->node = n;
	} else {
		de->node = n;
		memfs_dir_append(newdir, de);
	}
	memfs_dir_remove(olddir, src);
	memfs_dirent_free(olddir->fs, src);
	if (n->type == MNODE_DIR && olddir != newdir) {
		olddir->nlink--;
		newdir->nlink++;
		n->u.dir.parent = newdir;
	}
	memfs_dir_touch(olddir);
	memfs_dir_touch(newdir);
	n->ctime = newdir->mtime;
	if (gone) {
		if (gone->type == MNODE_DIR) {
			gone->nlink = 0;
			newdir->nlink--;
		} else {
			gone->nlink--;
			gone->ctime = newdir->mtime;
		}
		memfs_node_put(gone);
	}
	return 0;
}

int
memfs_readdir(struct mnode *dir, uint64_t cookie, struct memfs_dirent *out)
{
	if (dir->type != MNODE_DIR)
		return NX_ENOTDIR;
	for (struct mdirent *de = dir->u.dir.first; de; de = de->next) {
		if (de->cookie < cookie)
			continue;
		out->node = de->node;
		out->name = de->name;
		out->name_len = de->name_len;
		out->cookie = de->cookie;
		out->next = de->cookie + 1;
		dir->atime = memfs_now(dir->fs);
		return 1;
	}
	return 0;
}

int
memfs_readlink(struct mnode *node, const char **target, size_t *len)
{
	if (node->type != MNODE_SYMLINK)
		return NX_EINVAL;
	*target = node->u.link.target;
	*len = node->u.link.len;
	return 0;
}

int
memfs_setattr(struct mnode *node, const struct memfs_attr *a)
{
	if (a->mask & MEMFS_SET_MODE)
		node->mode = a->mode & 07777;
	if (a->mask & MEMFS_SET_ATIME)
		node->atime = a->atime;
	if (a->mask & MEMFS_SET_MTIME)
		node->mtime = a->mtime;
	if (a->mask & MEMFS_SET_RDEV)
		node->rdev = a->rdev;
	if (a->mask & MEMFS_SET_UID)
		node->uid = a->uid;
	if (a->mask & MEMFS_SET_GID)
		node->gid = a->gid;
	node->ctime = memfs_now(node->fs);
	return 0;
}
