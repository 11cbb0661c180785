/*
 * Record locks through descriptors (lock.h has the rules): the byte
 * range as fcntl gives it (whence, start, length) becomes [start, end);
 * F_SETLKW sleeps on the vnode until a lock on it goes, or the Subject
 * is killed (NX_EINTR).  Locks are the Subject's: closing any descriptor
 * of the file, or ending, lets them all go and wakes whoever waits.
 *
 * flock(2) locks are the open file description's: the whole file, of
 * the other kind (they never meet fcntl's), shared by every descriptor
 * dup or fork made of it, and gone when its last descriptor closes
 * (file_unref).  Waiters of both kinds sleep on the vnode.
 */
#include "fiber.h"
#include "fs/lock.h"
#include "fs/vfs.h"
#include "subject.h"

/* [start, end) of fcntl's (whence, start, len) on `f`. */
static int
range_of(struct file *f, uint32_t whence, int64_t start, int64_t len,
    struct lock_req *r)
{
	int64_t base;

	if (whence == NX_SEEK_SET)
		base = 0;
	else if (whence == NX_SEEK_CUR)
		base = (int64_t)f->off;
	else if (whence == NX_SEEK_END)
		base = (int64_t)f->vn->size;
	else
		return NX_EINVAL;
	if ((start > 0 && base > INT64_MAX - start) || base + start < 0)
		return NX_EINVAL;
	start += base;
	if (len < 0) {
		if (start + len < 0)
			return NX_EINVAL;
		r->start = (uint64_t)(start + len);
		r->end = (uint64_t)start;
	} else {
		r->start = (uint64_t)start;
		r->end = len == 0 || len > INT64_MAX - start ? UINT64_MAX :
		    (uint64_t)(start + len);
	}
	return 0;
}

int
vfs_lock(struct subject *s, int64_t fd, int op, struct vfs_flock *fl)
{
	struct file *f = vfs_file(s, fd);
	uint32_t mode;
	struct lock_req r;
	int err;

	if (!f)
		return NX_EBADF;
	r.type = fl->type;
	r.pid = 0;
	r.kind = LOCK_POSIX;
	err = range_of(f, fl->whence, fl->start, fl->len, &r);
	if (err)
		return err;
	if (op == VFS_GETLK) {
		if (r.type == LOCK_UNLOCK)
			return NX_EINVAL;
		lock_test(f->vn, s, &r);
		fl->type = r.type;
		fl->whence = NX_SEEK_SET;
		fl->start = (int64_t)r.start;
		fl->len = r.end == UINT64_MAX ? 0 : (int64_t)(r.end - r.start);
		fl->pid = r.pid;
		return 0;
	}
	mode = f->flags & NX_O_ACCMODE;
	if ((r.type == LOCK_READ && mode == NX_O_WRONLY) ||
	    (r.type == LOCK_WRITE && mode == NX_O_RDONLY))
		return NX_EBADF;
	for (;;) {
		err = lock_set(f->vn, s, s->id, &r);
		if (err != NX_EAGAIN || op != VFS_SETLKW)
			break;
		if (subject_interrupted(s))
			return NX_EINTR;
		fiber_sleep(f->vn);
		f = vfs_file(s, fd);	/* closed meanwhile? */
		if (!f)
			return NX_EBADF;
	}
	if (!err && r.type == LOCK_UNLOCK)
		fiber_wakeup(f->vn);
	return err;
}

void
vfs_unlock_file(struct subject *s, struct file *f)
{
	if (f && f->vn->locks && lock_release(f->vn, s))
		fiber_wakeup(f->vn);
}

/*
 * flock(2).  As Linux does, a lock of the other type that the
 * description holds goes first, then the new one is taken: a conversion
 * is not atomic, so two holders of a shared lock that both ask for an
 * exclusive one do not wait for each other forever (one gets it), and
 * a LOCK_NB conversion that fails leaves no lock.
 */
int
vfs_flock(struct subject *s, int64_t fd, unsigned op)
{
	struct lock_req r = { .start = 0, .end = UINT64_MAX,
	    .kind = LOCK_FLOCK };
	int wait = !(op & VFS_LOCK_NB);
	struct file *f;
	int err;

	switch (op & ~VFS_LOCK_NB) {
	case VFS_LOCK_SH:
		r.type = LOCK_READ;
		break;
	case VFS_LOCK_EX:
		r.type = LOCK_WRITE;
		break;
	case VFS_LOCK_UN:
		r.type = LOCK_UNLOCK;
		break;
	default:
		return NX_EINVAL;
	}
	f = vfs_file(s, fd);
	if (!f)
		return NX_EBADF;
	if (lock_held(f->vn, f) == r.type)
		return 0;
	file_flock_drop(f);
	if (r.type == LOCK_UNLOCK)
		return 0;
	file_ref(f);	/* a wait must not outlive the description */
	for (;;) {
		err = lock_set(f->vn, f, s->id, &r);
		if (err != NX_EAGAIN)
			break;
		if (!wait)
			break;
		if (subject_interrupted(s)) {
			err = NX_EINTR;
			break;
		}
		fiber_sleep(f->vn);
	}
	file_unref(f);
	return err;	/* NX_EAGAIN is Linux's EWOULDBLOCK */
}
