#include <string.h>

#include "fs/mount.h"

struct mount {
	struct vnode *root;	/* NULL: the slot is free */
	struct vnode *dir;	/* where it sits; NULL for "/" */
	char name[32];
	size_t len;
};

static struct mount mounts[MAX_MOUNTS];
static struct vnode *top;

int
mount_set_root(struct vnode *root)
{
	if (top)
		return NX_EBUSY;
	vnode_ref(root);
	top = root;
	return 0;
}

int
mount_add(struct vnode *dir, const char *name, struct vnode *root)
{
	size_t len = strlen(name);
	struct mount *free = NULL;

	if (dir->type != NX_DT_DIR || root->type != NX_DT_DIR)
		return NX_ENOTDIR;
	if (len == 0 || len >= sizeof(mounts[0].name))
		return NX_ENAMETOOLONG;
	if (mount_at(dir, name, len))
		return NX_EBUSY;
	for (int i = 0; i < MAX_MOUNTS && !free; i++) {
		if (!mounts[i].root)
			free = &mounts[i];
	}
	if (!free)
		return NX_ENOSPC;
	vnode_ref(dir);
	vnode_ref(root);
	free->dir = dir;
	free->root = root;
	memcpy(free->name, name, len + 1);
	free->len = len;
	return 0;
}

void
mount_reset(void)
{
	for (int i = 0; i < MAX_MOUNTS; i++) {
		if (!mounts[i].root)
			continue;
		vnode_put(mounts[i].root);
		vnode_put(mounts[i].dir);
		mounts[i].root = NULL;
	}
	vnode_put(top);
	top = NULL;
}

struct vnode *
mount_root(void)
{
	return top;
}

struct vnode *
mount_at(const struct vnode *dir, const char *name, size_t len)
{
	for (int i = 0; i < MAX_MOUNTS; i++) {
		const struct mount *m = &mounts[i];

		if (m->root && m->dir == dir && m->len == len &&
		    memcmp(m->name, name, len) == 0)
			return m->root;
	}
	return NULL;
}

struct vnode *
mount_parent(const struct vnode *vn)
{
	for (int i = 0; i < MAX_MOUNTS; i++) {
		if (mounts[i].root == vn)
			return mounts[i].dir;
	}
	return NULL;
}

struct vnode *
mount_in(const struct vnode *dir, unsigned index, const char **name,
    size_t *len)
{
	for (int i = 0; i < MAX_MOUNTS; i++) {
		const struct mount *m = &mounts[i];

		if (!m->root || m->dir != dir)
			continue;
		if (index-- == 0) {
			*name = m->name;
			*len = m->len;
			return m->root;
		}
	}
	return NULL;
}

struct vnode *
mount_nth(unsigned index, const struct vnode **dir, const char **name,
    size_t *len)
{
	for (int i = 0; i < MAX_MOUNTS; i++) {
		const struct mount *m = &mounts[i];

		if (!m->root || index-- != 0)
			continue;
		*dir = m->dir;
		*name = m->name;
		*len = m->len;
		return m->root;
	}
	return NULL;
}
