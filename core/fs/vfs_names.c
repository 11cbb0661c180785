/*
 * The name-space services: mkdir, mknod, unlink and rmdir, rename, symlink,
 * link, setattr (chmod, times), statfs and truncate.  Both front doors
 * call these (the native commands in cmd_path.c, the Linux calls in
 * core/linux/names_at.c); each walks to the directory that holds the last
 * name and asks its file system, which does the change whole or not at
 * all.
 *
 * A mount point is a name in its directory that the directory's own file
 * system does not know: making a name there answers NX_EEXIST, removing
 * or renaming it NX_EBUSY, as Linux does for a mount point.
 */
#include <string.h>

#include "fs/mount.h"
#include "fs/path.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "subject.h"

/* The directory holding the last name of `path` (held) and that name. */
static int
parent_of(struct subject *s, int64_t dirfd, const char *path,
    struct vnode **dir, char *name)
{
	struct vnode *start;
	int err;

	if (!path[0])
		return NX_ENOENT;
	err = vfs_lookup(s, dirfd, path[0] == '/' ? "/" : ".", 0, &start);
	if (err)
		return err;
	err = path_parent(start, path, dir, name);
	vnode_put(start);
	return err;
}

static int
is_dots(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

static int
mounted(struct vnode *dir, const char *name)
{
	return mount_at(dir, name, strlen(name)) != NULL;
}

int
vfs_mkdir(struct subject *s, int64_t dirfd, const char *path, uint32_t mode)
{
	char name[NX_NAME_MAX + 1];
	struct vnode *dir;
	int err = parent_of(s, dirfd, path, &dir, name);

	if (err)
		return err;
	if (!name[0] || is_dots(name) || mounted(dir, name))
		err = NX_EEXIST;
	else
		err = vn_mkdir(dir, name, strlen(name),
		    mode & 07777 & ~s->umask);
	if (!err)
		vfs_own_name(s, dir, name);
	vnode_put(dir);
	return err;
}

/* "name/" asks for a directory, which mknod never makes: EEXIST when the
 * name is taken, else ENOENT, as Linux answers. */
static int
slashed(struct vnode *dir, const char *name)
{
	struct vnode *vn;

	if (vn_lookup(dir, name, strlen(name), &vn) != 0)
		return NX_ENOENT;
	vnode_put(vn);
	return NX_EEXIST;
}

int
vfs_mknod(struct subject *s, int64_t dirfd, const char *path, uint8_t type,
    uint32_t mode, uint32_t rdev)
{
	char name[NX_NAME_MAX + 1];
	struct vnode *dir;
	int device = type == NX_DT_CHAR || type == NX_DT_BLOCK;
	int err;

	if (device && s->cred.uid[CRED_FS] != 0)
		return NX_EPERM;	/* Linux's CAP_MKNOD, which root has */
	err = parent_of(s, dirfd, path, &dir, name);
	if (err)
		return err;
	if (!name[0] || is_dots(name) || mounted(dir, name))
		err = NX_EEXIST;
	else if (path[strlen(path) - 1] == '/')
		err = slashed(dir, name);
	else
		err = vn_mknod(dir, name, strlen(name), type,
		    mode & 07777 & ~s->umask, device ? rdev : 0);
	if (!err)
		vfs_own_name(s, dir, name);
	vnode_put(dir);
	return err;
}

/* What removing "", "." or ".." answers, as Linux does. */
static int
unlink_dots(const char *name, int rmdir)
{
	if (!rmdir)
		return NX_EISDIR;
	if (!name[0])
		return NX_EBUSY;
	return strcmp(name, ".") == 0 ? NX_EINVAL : NX_ENOTEMPTY;
}

int
vfs_unlink(struct subject *s, int64_t dirfd, const char *path,
    uint32_t flags)
{
	char name[NX_NAME_MAX + 1];
	struct vnode *dir;
	int rmdir = (flags & NX_UNLINK_DIR) != 0;
	int err;

	if (flags & ~NX_UNLINK_DIR)
		return NX_EINVAL;
	err = parent_of(s, dirfd, path, &dir, name);
	if (err)
		return err;
	if (!name[0] || is_dots(name))
		err = unlink_dots(name, rmdir);
	else if (mounted(dir, name))
		err = rmdir ? NX_EBUSY : NX_EISDIR;	/* a mounted root */
	else if (rmdir)
		err = vn_rmdir(dir, name, strlen(name));
	else if (path[strlen(path) - 1] == '/')
		err = NX_ENOTDIR;	/* "file/" names a directory or nothing */
	else
		err = vn_unlink(dir, name, strlen(name));
	vnode_put(dir);
	return err;
}

static int
rename_in(struct vnode *fdir, const char *from, struct vnode *tdir,
    const char *to, uint32_t flags)
{
	struct vnode *there;

	if (!from[0] || !to[0] || is_dots(from) || is_dots(to))
		return NX_EBUSY;
	if (mounted(fdir, from) || mounted(tdir, to))
		return NX_EBUSY;
	if (flags & NX_RENAME_NOREPLACE) {
		if (vn_lookup(tdir, to, strlen(to), &there) == 0) {
			vnode_put(there);
			return NX_EEXIST;
		}
	}
	return vn_rename(fdir, from, strlen(from), tdir, to, strlen(to));
}

int
vfs_rename(struct subject *s, int64_t fdirfd, const char *from,
    int64_t tdirfd, const char *to, uint32_t flags)
{
	char fname[NX_NAME_MAX + 1], tname[NX_NAME_MAX + 1];
	struct vnode *fdir, *tdir;
	int err;

	if (flags & ~NX_RENAME_NOREPLACE)
		return NX_EINVAL;
	err = parent_of(s, fdirfd, from, &fdir, fname);
	if (err)
		return err;
	err = parent_of(s, tdirfd, to, &tdir, tname);
	if (err) {
		vnode_put(fdir);
		return err;
	}
	err = rename_in(fdir, fname, tdir, tname, flags);
	vnode_put(fdir);
	vnode_put(tdir);
	return err;
}

int
vfs_symlink(struct subject *s, const char *target, int64_t dirfd,
    const char *path)
{
	char name[NX_NAME_MAX + 1];
	struct vnode *dir;
	int err;

	if (!target[0])
		return NX_ENOENT;
	err = parent_of(s, dirfd, path, &dir, name);
	if (err)
		return err;
	if (!name[0] || is_dots(name) || mounted(dir, name))
		err = NX_EEXIST;
	else
		err = vn_symlink(dir, name, strlen(name), target,
		    strlen(target));
	if (!err)
		vfs_own_name(s, dir, name);
	vnode_put(dir);
	return err;
}

int
vfs_link(struct subject *s, int64_t odirfd, const char *old, int64_t ndirfd,
    const char *new, int follow)
{
	char name[NX_NAME_MAX + 1];
	struct vnode *vn, *dir;
	int err = vfs_lookup(s, odirfd, old, follow ? PATH_FOLLOW : 0, &vn);

	if (err)
		return err;
	err = parent_of(s, ndirfd, new, &dir, name);
	if (err) {
		vnode_put(vn);
		return err;
	}
	if (!name[0] || is_dots(name) || mounted(dir, name))
		err = NX_EEXIST;
	else
		err = vn_link(dir, name, strlen(name), vn);
	vnode_put(dir);
	vnode_put(vn);
	return err;
}

/* The vnode a setattr or statfs is about (held): `fd`'s, or `path`'s. */
static int
target_of(struct subject *s, int64_t fd, const char *path, int follow,
    struct vnode **out)
{
	struct file *f;

	if (path)
		return vfs_lookup(s, fd, path, follow ? PATH_FOLLOW : 0, out);
	f = vfs_file(s, fd);
	if (!f)
		return NX_EBADF;
	vnode_ref(f->vn);
	*out = f->vn;
	return 0;
}

int
vfs_setattr(struct subject *s, int64_t fd, const char *path, int follow,
    const struct vattr *va)
{
	struct vnode *vn;
	int err = target_of(s, fd, path, follow, &vn);

	if (err)
		return err;
	err = vn_setattr(vn, va);
	vnode_put(vn);
	return err;
}

int
vfs_statfs(struct subject *s, int64_t fd, const char *path, NxStatfs *st)
{
	struct vnode *vn;
	int err = target_of(s, fd, path, 1, &vn);

	if (err)
		return err;
	err = vn_statfs(vn, st);
	vnode_put(vn);
	return err;
}

/* ftruncate: the descriptor must be open for writing (NX_EINVAL, as
 * Linux, when it is not), and name a file. */
int
vfs_ftruncate(struct subject *s, int64_t fd, int64_t length)
{
	struct file *f = vfs_file(s, fd);

	if (!f)
		return NX_EBADF;
	if (length < 0 || (f->flags & NX_O_ACCMODE) == NX_O_RDONLY)
		return NX_EINVAL;
	return vn_truncate(f->vn, (uint64_t)length);
}

int
vfs_truncate(struct subject *s, const char *path, int64_t length)
{
	struct vnode *vn;
	int err;

	if (length < 0)
		return NX_EINVAL;
	err = vfs_lookup(s, VFS_CWD, path, PATH_FOLLOW, &vn);
	if (err)
		return err;
	err = vn->flags & VN_RDONLY ? NX_EROFS : vn_truncate(vn,
	    (uint64_t)length);
	vnode_put(vn);
	return err;
}
