#include "fiber.h"
#include "fs/file.h"
#include "fs/lock.h"
#include "fs/path.h"
#include "kmem.h"

struct file *
file_open(struct vnode *vn, uint32_t flags)
{
	struct file *f = kmem_alloc(sizeof(*f));

	if (!f)
		return NULL;
	vnode_ref(vn);
	f->vn = vn;
	f->flags = flags & (NX_O_ACCMODE | FILE_STATUS);
	f->refs = 1;
	return f;
}

void
file_ref(struct file *f)
{
	f->refs++;
}

/* Its flock lock goes with the description (vfs_lock.c). */
int
file_flock_drop(struct file *f)
{
	if (!f->vn->locks || !lock_release(f->vn, f))
		return 0;
	fiber_wakeup(f->vn);
	return 1;
}

void
file_unref(struct file *f)
{
	if (--f->refs)
		return;
	file_flock_drop(f);
	vnode_put(f->vn);
	kmem_free(f, sizeof(*f));
}

static int
can_read(const struct file *f)
{
	return (f->flags & NX_O_ACCMODE) != NX_O_WRONLY;
}

static int
can_write(const struct file *f)
{
	uint32_t mode = f->flags & NX_O_ACCMODE;

	return mode == NX_O_WRONLY || mode == NX_O_RDWR;
}

int64_t
file_read(struct file *f, struct uio *u)
{
	int64_t n;

	if (!can_read(f))
		return NX_EBADF;
	if (f->flags & NX_O_NONBLOCK)
		u->nonblock = 1;
	n = vn_read(f->vn, f->off, u);
	if (n > 0 && !(f->vn->flags & VN_STREAM))
		f->off += (uint64_t)n;
	return n;
}

int64_t
file_write(struct file *f, struct uio *u)
{
	int64_t n;

	if (!can_write(f))
		return NX_EBADF;
	if (f->flags & NX_O_NONBLOCK)
		u->nonblock = 1;
	if (f->flags & NX_O_APPEND)
		f->off = f->vn->size;
	n = vn_write(f->vn, f->off, u);
	if (n > 0 && !(f->vn->flags & VN_STREAM))
		f->off += (uint64_t)n;
	return n;
}

int64_t
file_pread(struct file *f, uint64_t off, struct uio *u)
{
	if (!can_read(f))
		return NX_EBADF;
	if (f->vn->flags & VN_TTY || f->vn->type == NX_DT_FIFO)
		return NX_ESPIPE;
	if (off > INT64_MAX)
		return NX_EINVAL;
	return vn_read(f->vn, off, u);
}

int64_t
file_pwrite(struct file *f, uint64_t off, struct uio *u)
{
	if (!can_write(f))
		return NX_EBADF;
	if (f->vn->flags & VN_TTY || f->vn->type == NX_DT_FIFO)
		return NX_ESPIPE;
	if (off > INT64_MAX)
		return NX_EINVAL;
	return vn_write(f->vn, off, u);
}

/*
 * A terminal or a pipe cannot seek (NX_ESPIPE); the other devices stay at 0, as
 * Linux's do.  A read-only file cannot grow, so an offset past its end is
 * NX_EINVAL there; a writable file may be sought past its end (a write
 * there leaves a hole).  A directory's offset counts entries.
 */
int64_t
file_seek(struct file *f, int64_t off, uint32_t whence)
{
	const struct vnode *vn = f->vn;
	int64_t base;

	if (vn->flags & VN_TTY || vn->type == NX_DT_FIFO)
		return NX_ESPIPE;
	if (whence > NX_SEEK_END)
		return NX_EINVAL;
	if (vn->flags & VN_STREAM)
		return 0;
	if (whence == NX_SEEK_END && vn->type == NX_DT_DIR)
		return NX_EINVAL;
	base = whence == NX_SEEK_SET ? 0 : whence == NX_SEEK_CUR ?
	    (int64_t)f->off : (int64_t)vn->size;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return NX_EINVAL;
	if ((vn->flags & VN_RDONLY) && vn->type == NX_DT_FILE &&
	    (uint64_t)(base + off) > vn->size)
		return NX_EINVAL;
	f->off = (uint64_t)(base + off);
	return (int64_t)f->off;
}

int
file_readdir(struct file *f, NxDirent *d)
{
	int r = path_readdir(f->vn, f->off, d);

	if (r != 0 && r != NX_ENOTDIR)
		f->off++;
	return r;
}

void
file_set_status(struct file *f, uint32_t flags)
{
	f->flags = (f->flags & ~FILE_STATUS) | (flags & FILE_STATUS);
}
