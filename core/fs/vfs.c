#include <string.h>

#include "fs/devfs.h"
#include "fs/fifo.h"
#include "fs/mount.h"
#include "fs/path.h"
#include "fs/procfs.h"
#include "fs/memfs_vn.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "pmm.h"
#include "subject.h"

/* The root at "/", the devices at /dev (which need not be a directory of
 * the archive: a mount point is a name in a directory). */
void
vfs_boot(const uint8_t *image, size_t len, uint64_t limit)
{
	struct vnode *root;
	int err;

	if (!image || len == 0) {
		kprint("rootfs: no initrd: nothing to mount; boot with "
		    "INITRD=<archive.tar>\n");
		return;
	}
	if (memfs_vn_mount(image, len, limit, DEV_ROOT, &root) != 0)
		return;
	mount_set_root(root);
	vnode_put(root);		/* the mount table holds it */
	err = mount_add(root, "dev", devfs_root(DEV_DEVICES));
	if (err)
		kprintf("rootfs: cannot mount /dev: %d\n", err);
	err = mount_add(root, "proc", procfs_root(DEV_PROC));
	if (err)
		kprintf("rootfs: cannot mount /proc: %d\n", err);
}

int
vfs_subject_begin(struct subject *s, struct subject *parent)
{
	struct file *con;

	if (parent) {
		if (fdt_copy(&s->fds, &parent->fds))
			return NX_ENOMEM;
		s->cwd_vn = parent->cwd_vn;
		vnode_ref(s->cwd_vn);
		strcpy(s->cwd, parent->cwd);
		return 0;
	}
	/* The first Subject: the terminal as 0, 1 and 2, one description
	 * shared, as a login gets it. */
	fdt_init(&s->fds);
	con = file_open(devfs_console(), NX_O_RDWR);
	if (!con || fdt_install(&s->fds, con, 0, 0) != 0 ||
	    fdt_dup(&s->fds, 0, 1, FDT_FIXED) != 1 ||
	    fdt_dup(&s->fds, 0, 2, FDT_FIXED) != 2) {
		if (con && !fdt_get(&s->fds, 0))
			file_unref(con);
		fdt_close_all(&s->fds);
		return NX_ENOMEM;
	}
	s->cwd_vn = mount_root();
	if (s->cwd_vn)
		vnode_ref(s->cwd_vn);
	strcpy(s->cwd, "/");
	return 0;
}

void
vfs_subject_end(struct subject *s)
{
	/* Only the table's room can hold descriptors: a Subject with a few
	 * has FDT_SMALL slots, not NX_FD_MAX (a loop over all 256 was 2400
	 * instructions of every Subject's end). */
	for (int64_t fd = 0; fd < s->fds.cap; fd++)
		vfs_unlock_file(s, vfs_file(s, fd));
	fdt_close_all(&s->fds);
	vnode_put(s->cwd_vn);
	s->cwd_vn = NULL;
}

void
vfs_exec(struct subject *s)
{
	for (int64_t fd = 0; fd < s->fds.cap; fd++) {
		if (fdt_cloexec(&s->fds, fd) == 1)
			vfs_unlock_file(s, vfs_file(s, fd));
	}
	fdt_exec(&s->fds);
}

struct file *
vfs_file(struct subject *s, int64_t fd)
{
	return fdt_get(&s->fds, fd);
}

unsigned
vfs_poll(struct subject *s, int64_t fd)
{
	struct file *f = fdt_get(&s->fds, fd);

	return f ? vn_poll(f->vn, s) : NX_POLLNVAL;
}

/* Where a relative path starts (held): the current directory, or the
 * directory `dirfd` is open on. */
static int
start_of(struct subject *s, int64_t dirfd, const char *path,
    struct vnode **start)
{
	struct file *f;

	if (path[0] == '/' || dirfd == VFS_CWD) {
		*start = s->cwd_vn;
		if (!*start)
			return NX_ENOENT;
	} else {
		f = vfs_file(s, dirfd);
		if (!f)
			return NX_EBADF;
		if (f->vn->type != NX_DT_DIR)
			return NX_ENOTDIR;
		*start = f->vn;
	}
	vnode_ref(*start);
	return 0;
}

int
vfs_lookup(struct subject *s, int64_t dirfd, const char *path,
    unsigned flags, struct vnode **out)
{
	struct vnode *start;
	int err = start_of(s, dirfd, path, &start);

	if (err)
		return err;
	err = path_walk(start, path, flags, out, NULL);
	vnode_put(start);
	return err;
}

/* O_CREAT: the file, made when it is not there (held). */
static int
open_create(struct subject *s, int64_t dirfd, const char *path,
    uint32_t flags, uint32_t mode, struct vnode **out)
{
	char name[NX_NAME_MAX + 1];
	struct vnode *start, *dir;
	int err = vfs_lookup(s, dirfd, path, (flags & NX_O_NOFOLLOW) ? 0 :
	    PATH_FOLLOW, out);

	if (err == 0)
		return (flags & NX_O_EXCL) ? (vnode_put(*out), NX_EEXIST) : 0;
	if (err != NX_ENOENT)
		return err;
	err = start_of(s, dirfd, path, &start);
	if (err)
		return err;
	err = path_parent(start, path, &dir, name);
	vnode_put(start);
	if (err)
		return err;
	err = name[0] ? vn_create(dir, name, strlen(name),
	    mode & 07777 & ~s->umask, out) :
	    NX_EISDIR;
	if (!err)
		vfs_own_new(s, *out);
	vnode_put(dir);
	return err;
}

/* What an open of `vn` with `flags` may not do. */
static int
open_check(struct vnode *vn, uint32_t flags)
{
	int writes = (flags & NX_O_ACCMODE) != NX_O_RDONLY;

	if (vn->type == NX_DT_SYMLINK)
		return NX_ELOOP;	/* NX_O_NOFOLLOW met a link */
	if ((flags & NX_O_DIRECTORY) && vn->type != NX_DT_DIR)
		return NX_ENOTDIR;
	if (vn->type == NX_DT_DIR && (writes || (flags & NX_O_TRUNC)))
		return NX_EISDIR;
	if (vn->type != NX_DT_DIR && vn->type != NX_DT_FILE &&
	    !(vn->flags & VN_STREAM) && !vn_is_fifo_node(vn))
		return NX_ENXIO;	/* a device node with nothing behind it */
	if (writes && (vn->flags & VN_RDONLY))
		return NX_EROFS;
	if ((flags & NX_O_TRUNC) && writes && vn->type == NX_DT_FILE)
		return vn_truncate(vn, 0);
	return 0;
}

int
vfs_open_vnode(struct subject *s, struct vnode *vn, uint32_t flags)
{
	struct file *f = file_open(vn, flags);
	int fd;

	if (!f)
		return NX_ENOMEM;
	fd = fdt_install(&s->fds, f, 0, (flags & NX_O_CLOEXEC) != 0);
	if (fd < 0)
		file_unref(f);
	return fd;
}

int
vfs_open_file(struct subject *s, int64_t dirfd, const char *path,
    uint32_t flags, uint32_t mode, struct file **out)
{
	struct vnode *vn;
	int err;

	if ((flags & NX_O_ACCMODE) == NX_O_ACCMODE)
		return NX_EINVAL;
	if (flags & NX_O_CREAT)
		err = open_create(s, dirfd, path, flags, mode, &vn);
	else
		err = vfs_lookup(s, dirfd, path, (flags & NX_O_NOFOLLOW) ?
		    0 : PATH_FOLLOW, &vn);
	if (err)
		return err;
	err = open_check(vn, flags);
	if (!err && vn_is_fifo_node(vn)) {
		struct vnode *end;

		/* The description is on the end of the node's pipe. */
		err = fifo_open(s, vn, flags, &end);
		if (!err) {
			vnode_put(vn);
			vn = end;
		}
	}
	if (!err) {
		*out = file_open(vn, flags);
		if (!*out)
			err = NX_ENOMEM;
	}
	vnode_put(vn);
	return err;
}

int
vfs_open(struct subject *s, int64_t dirfd, const char *path, uint32_t flags,
    uint32_t mode)
{
	struct file *f;
	int fd = vfs_open_file(s, dirfd, path, flags, mode, &f);

	if (fd)
		return fd;
	fd = fdt_install(&s->fds, f, 0, (flags & NX_O_CLOEXEC) != 0);
	if (fd < 0)
		file_unref(f);
	return fd;
}

int64_t
vfs_read(struct subject *s, int64_t fd, uint64_t ubuf, uint64_t len)
{
	struct file *f = vfs_file(s, fd);
	struct uio u;

	if (!f)
		return NX_EBADF;
	uio_user(&u, s, ubuf, len);
	return file_read(f, &u);
}

int64_t
vfs_write(struct subject *s, int64_t fd, uint64_t ubuf, uint64_t len)
{
	struct file *f = vfs_file(s, fd);
	struct uio u;

	if (!f)
		return NX_EBADF;
	uio_user(&u, s, ubuf, len);
	return file_write(f, &u);
}

int64_t
vfs_pread(struct subject *s, int64_t fd, uint64_t ubuf, uint64_t len,
    uint64_t off)
{
	struct file *f = vfs_file(s, fd);
	struct uio u;

	if (!f)
		return NX_EBADF;
	uio_user(&u, s, ubuf, len);
	return file_pread(f, off, &u);
}

int64_t
vfs_pwrite(struct subject *s, int64_t fd, uint64_t ubuf, uint64_t len,
    uint64_t off)
{
	struct file *f = vfs_file(s, fd);
	struct uio u;

	if (!f)
		return NX_EBADF;
	uio_user(&u, s, ubuf, len);
	return file_pwrite(f, off, &u);
}

/*
 * sendfile: up to `len` bytes from `in` (at its offset, or at *off which
 * advances and leaves the descriptor's alone) to `out`, through a kernel
 * page.  The count; a failure after some bytes moved reports them.
 */
int64_t
vfs_sendfile(struct subject *s, int64_t out, int64_t in, uint64_t *off,
    uint64_t len)
{
	struct file *fi = vfs_file(s, in), *fo = vfs_file(s, out);
	uint64_t done = 0;
	int64_t err = 0;
	uint8_t *buf;

	if (!fi || !fo)
		return NX_EBADF;
	if (fi->vn->type != NX_DT_FILE)
		return NX_EINVAL;
	buf = page_alloc();
	if (!buf)
		return NX_ENOMEM;
	while (done < len) {
		uint64_t want = len - done < NX_PAGE_SIZE ? len - done :
		    NX_PAGE_SIZE;
		struct uio u;
		int64_t n, w;

		uio_kernel(&u, s, buf, want);
		n = off ? file_pread(fi, *off, &u) : file_read(fi, &u);
		if (n <= 0) {
			err = n;
			break;
		}
		uio_kernel(&u, s, buf, (uint64_t)n);
		w = file_write(fo, &u);
		if (w < 0) {
			err = w;
			if (!off)	/* what was read but not written */
				fi->off -= (uint64_t)n;
			break;
		}
		if (off)
			*off += (uint64_t)w;
		else
			fi->off -= (uint64_t)(n - w);
		done += (uint64_t)w;
		if (w < n)
			break;
	}
	page_free(buf);
	return done ? (int64_t)done : err;
}

int
vfs_close(struct subject *s, int64_t fd)
{
	vfs_unlock_file(s, vfs_file(s, fd));
	return fdt_close(&s->fds, fd);
}

/* A dup onto an open descriptor closes it first, locks and all. */
int
vfs_dup(struct subject *s, int64_t fd, int64_t to, unsigned flags)
{
	if ((flags & FDT_FIXED) && vfs_file(s, fd) && to != fd)
		vfs_unlock_file(s, vfs_file(s, to));
	return fdt_dup(&s->fds, fd, to, flags);
}

int64_t
vfs_fdctl(struct subject *s, int64_t fd, uint32_t op, uint64_t arg)
{
	struct file *f = vfs_file(s, fd);

	if (!f)
		return NX_EBADF;
	switch (op) {
	case NX_FD_GETFD:
		return fdt_cloexec(&s->fds, fd) ? NX_FD_CLOEXEC : 0;
	case NX_FD_SETFD:
		return fdt_set_cloexec(&s->fds, fd, (arg & NX_FD_CLOEXEC) != 0);
	case NX_FD_GETFL:
		return f->flags;
	case NX_FD_SETFL:
		file_set_status(f, (uint32_t)arg);
		return 0;
	default:
		return NX_EINVAL;
	}
}

int64_t
vfs_seek(struct subject *s, int64_t fd, int64_t off, uint32_t whence)
{
	struct file *f = vfs_file(s, fd);

	return f ? file_seek(f, off, whence) : NX_EBADF;
}

int
vfs_readdir(struct subject *s, int64_t fd, NxDirent *d)
{
	struct file *f = vfs_file(s, fd);

	return f ? file_readdir(f, d) : NX_EBADF;
}

int
vfs_fstat(struct subject *s, int64_t fd, NxStat *st)
{
	struct file *f = vfs_file(s, fd);

	if (!f)
		return NX_EBADF;
	vn_stat(f->vn, st);
	return 0;
}

int
vfs_stat(struct subject *s, int64_t dirfd, const char *path, int follow,
    NxStat *st)
{
	struct vnode *vn;
	int err = vfs_lookup(s, dirfd, path, follow ? PATH_FOLLOW : 0, &vn);

	if (err)
		return err;
	vn_stat(vn, st);
	vnode_put(vn);
	return 0;
}

int64_t
vfs_readlink(struct subject *s, int64_t dirfd, const char *path,
    uint64_t ubuf, uint64_t len)
{
	char target[2 * NX_PATH_MAX];
	struct vnode *vn;
	struct uio u;
	int n, err;

	if (len == 0 || len > INT32_MAX)
		return NX_EINVAL;
	err = vfs_lookup(s, dirfd, path, 0, &vn);
	if (err)
		return err;
	n = vn_readlink(vn, target, sizeof(target));
	vnode_put(vn);
	if (n < 0)
		return n;
	uio_user(&u, s, ubuf, len);
	if ((uint64_t)n > len)
		n = (int)len;
	err = uio_out(&u, target, (size_t)n);
	return err ? err : n;
}

int
vfs_chdir(struct subject *s, const char *path)
{
	char canon[NX_PATH_MAX];
	struct vnode *vn;
	int err;

	if (!s->cwd_vn)
		return NX_ENOENT;
	strcpy(canon, s->cwd);
	err = path_walk(s->cwd_vn, path, PATH_FOLLOW | PATH_DIR, &vn, canon);
	if (err)
		return err;
	vnode_put(s->cwd_vn);
	s->cwd_vn = vn;
	strcpy(s->cwd, canon);
	return 0;
}

int
vfs_isatty(struct subject *s, int64_t fd)
{
	struct file *f = vfs_file(s, fd);

	if (!f)
		return NX_EBADF;
	return (f->vn->flags & VN_TTY) != 0;
}
