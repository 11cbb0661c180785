/*
 * The vnode wrappers: the type checks every file system would otherwise
 * repeat, and the answer for an operation a file system does not have.
 * Pure: no allocation and no hardware, so the host tests use it as is.
 */
#include <string.h>

#include "fs/vnode.h"

void
vnode_ref(struct vnode *vn)
{
	vn->refs++;
}

void
vnode_put(struct vnode *vn)
{
	if (!vn)
		return;
	if (--vn->refs == 0 && vn->ops->release)
		vn->ops->release(vn);
}

void
vn_stat(const struct vnode *vn, NxStat *st)
{
	memset(st, 0, sizeof(*st));
	st->size = vn->size;
	st->type = vn->type;
	st->mode = vn->mode;
	st->ino = vn->ino;
	st->rdev = vn->rdev;
	st->dev = vn->dev;
	st->nlink = vn->nlink ? vn->nlink : 1;
	st->atime_ns = vn->atime_ns;
	st->mtime_ns = vn->mtime_ns;
	st->ctime_ns = vn->ctime_ns;
}

/* What an operation the file system lacks answers. */
static int
missing(const struct vnode *vn)
{
	return vn->flags & VN_RDONLY ? NX_EROFS : NX_EPERM;
}

static int
need_dir(const struct vnode *dir)
{
	return dir->type == NX_DT_DIR ? 0 : NX_ENOTDIR;
}

int
vn_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->lookup ? dir->ops->lookup(dir, name, len, out) :
	    NX_ENOENT;
}

int
vn_readdir(struct vnode *dir, uint64_t index, NxDirent *d)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->readdir ? dir->ops->readdir(dir, index, d) : 0;
}

int
vn_create(struct vnode *dir, const char *name, size_t len, uint32_t mode,
    struct vnode **out)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->create ? dir->ops->create(dir, name, len, mode, out) :
	    missing(dir);
}

int
vn_mkdir(struct vnode *dir, const char *name, size_t len, uint32_t mode)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->mkdir ? dir->ops->mkdir(dir, name, len, mode) :
	    missing(dir);
}

int
vn_mkfifo(struct vnode *dir, const char *name, size_t len, uint32_t mode)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->mkfifo ? dir->ops->mkfifo(dir, name, len, mode) :
	    missing(dir);
}

int
vn_unlink(struct vnode *dir, const char *name, size_t len)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->unlink ? dir->ops->unlink(dir, name, len) :
	    missing(dir);
}

int
vn_rmdir(struct vnode *dir, const char *name, size_t len)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->rmdir ? dir->ops->rmdir(dir, name, len) :
	    missing(dir);
}

/* A rename stays inside one file system: NX_EXDEV across two. */
int
vn_rename(struct vnode *from, const char *fname, size_t flen,
    struct vnode *to, const char *tname, size_t tlen)
{
	int err = need_dir(from) ? need_dir(from) : need_dir(to);

	if (err)
		return err;
	if (from->dev != to->dev)
		return NX_EXDEV;
	return from->ops->rename ?
	    from->ops->rename(from, fname, flen, to, tname, tlen) :
	    missing(from);
}

int
vn_symlink(struct vnode *dir, const char *name, size_t len,
    const char *target, size_t tlen)
{
	int err = need_dir(dir);

	if (err)
		return err;
	return dir->ops->symlink ?
	    dir->ops->symlink(dir, name, len, target, tlen) : missing(dir);
}

int
vn_link(struct vnode *dir, const char *name, size_t len,
    struct vnode *target)
{
	int err = need_dir(dir);

	if (err)
		return err;
	if (target->type == NX_DT_DIR)
		return NX_EPERM;
	if (dir->dev != target->dev)
		return NX_EXDEV;
	return dir->ops->link ? dir->ops->link(dir, name, len, target) :
	    missing(dir);
}

int64_t
vn_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	if (vn->type == NX_DT_DIR)
		return NX_EISDIR;
	return vn->ops->read ? vn->ops->read(vn, off, u) : NX_EINVAL;
}

int64_t
vn_write(struct vnode *vn, uint64_t off, struct uio *u)
{
	if (vn->type == NX_DT_DIR)
		return NX_EISDIR;
	return vn->ops->write ? vn->ops->write(vn, off, u) : missing(vn);
}

int
vn_truncate(struct vnode *vn, uint64_t size)
{
	if (vn->type == NX_DT_DIR)
		return NX_EISDIR;
	if (vn->type != NX_DT_FILE)
		return NX_EINVAL;
	return vn->ops->truncate ? vn->ops->truncate(vn, size) : missing(vn);
}

int
vn_readlink(struct vnode *vn, char *buf, size_t size)
{
	if (vn->type != NX_DT_SYMLINK || !vn->ops->readlink)
		return NX_EINVAL;
	return vn->ops->readlink(vn, buf, size);
}

int
vn_setattr(struct vnode *vn, const struct vattr *va)
{
	return vn->ops->setattr ? vn->ops->setattr(vn, va) : missing(vn);
}

const void *
vn_cache_key(struct vnode *vn)
{
	return vn->ops->cache_key ? vn->ops->cache_key(vn) : NULL;
}

unsigned
vn_poll_ready(struct vnode *vn, struct subject *who)
{
	(void)vn;
	(void)who;
	return NX_POLLIN | NX_POLLRDNORM | NX_POLLOUT | NX_POLLWRNORM;
}

unsigned
vn_poll(struct vnode *vn, struct subject *who)
{
	return vn->ops->poll ? vn->ops->poll(vn, who) : vn_poll_ready(vn, who);
}

int
vn_statfs(struct vnode *vn, NxStatfs *st)
{
	memset(st, 0, sizeof(*st));
	st->block_size = 4096;
	st->name_max = NX_NAME_MAX;
	if (vn->flags & VN_RDONLY)
		st->flags = NX_STATFS_RDONLY;
	return vn->ops->statfs ? vn->ops->statfs(vn, st) : 0;
}
