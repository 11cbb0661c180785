/*
 * File owners: who may change a file's owner and group (chown), and
 * who owns a file just made.  Linux's rules for a process without
 * capabilities other than root's: a Subject whose file-system user id
 * is 0 may give a file to anyone; another may only change the group of
 * a file it owns, and only to one of its own groups.  Ownership changes
 * nothing else here (the kernel checks no permissions with it); it is
 * recorded so that programs that set and read it see what Linux shows.
 */
#include <string.h>

#include "fs/path.h"
#include "fs/vfs.h"
#include "subject.h"

#define S_ISUID	04000u
#define S_ISGID	02000u
#define S_IXGRP	00010u

/* Whether `gid` is the Subject's file-system group or a supplementary
 * one (Linux's in_group_p). */
static int
in_group(const struct cred *c, uint32_t gid)
{
	uint32_t i;

	if (gid == c->gid[CRED_FS])
		return 1;
	for (i = 0; i < c->ngroups; i++) {
		if (c->groups[i] == gid)
			return 1;
	}
	return 0;
}

/* 0 if `c` may set `vn`'s owner to `uid` and group to `gid` (either
 * VFS_NO_ID to leave it), else NX_EPERM. */
static int
may_chown(const struct cred *c, const struct vnode *vn, uint32_t uid,
    uint32_t gid)
{
	uint32_t me = c->uid[CRED_FS];

	if (me == 0)
		return 0;
	if (uid != VFS_NO_ID && (uid != vn->uid || me != vn->uid))
		return NX_EPERM;
	if (gid != VFS_NO_ID && (me != vn->uid ||
	    (gid != vn->gid && !in_group(c, gid))))
		return NX_EPERM;
	return 0;
}

/* The attributes a chown sets.  As on Linux, a change of owner (even to
 * the same ids) takes set-user-ID from a file that is not a directory,
 * and set-group-ID when group execution makes it mean something. */
static void
chown_attrs(const struct vnode *vn, uint32_t uid, uint32_t gid,
    struct vattr *va)
{
	uint32_t mode = vn->mode;

	if (uid != VFS_NO_ID) {
		va->mask |= VATTR_UID;
		va->uid = uid;
	}
	if (gid != VFS_NO_ID) {
		va->mask |= VATTR_GID;
		va->gid = gid;
	}
	if (vn->type != NX_DT_DIR) {
		mode &= ~S_ISUID;
		if (mode & S_IXGRP)
			mode &= ~S_ISGID;
	}
	if (mode != vn->mode) {
		va->mask |= VATTR_MODE;
		va->mode = mode;
	}
}

int
vfs_chown(struct subject *s, int64_t fd, const char *path, int follow,
    uint32_t uid, uint32_t gid)
{
	struct vattr va = { 0 };
	struct vnode *vn;
	struct file *f;
	int err = 0;

	if (path) {
		err = vfs_lookup(s, fd, path, follow ? PATH_FOLLOW : 0, &vn);
	} else if ((f = vfs_file(s, fd))) {
		vn = f->vn;
		vnode_ref(vn);
	} else {
		err = NX_EBADF;
	}
	if (err)
		return err;
	err = may_chown(&s->cred, vn, uid, gid);
	if (!err) {
		chown_attrs(vn, uid, gid, &va);
		err = vn_setattr(vn, &va);
	}
	vnode_put(vn);
	return err;
}

/* A file belongs to whoever made it: the maker's file-system ids.  Root
 * makes files owned by 0, which is what every file starts as, so its
 * files need nothing more. */
void
vfs_own_new(struct subject *s, struct vnode *vn)
{
	struct vattr va = {
		.mask = VATTR_UID | VATTR_GID,
		.uid = s->cred.uid[CRED_FS], .gid = s->cred.gid[CRED_FS],
	};

	if (va.uid || va.gid)
		vn_setattr(vn, &va);
}

void
vfs_own_name(struct subject *s, struct vnode *dir, const char *name)
{
	struct vnode *vn;

	if (!s->cred.uid[CRED_FS] && !s->cred.gid[CRED_FS])
		return;
	if (vn_lookup(dir, name, strlen(name), &vn))
		return;
	vfs_own_new(s, vn);
	vnode_put(vn);
}
