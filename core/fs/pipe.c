#include <string.h>

#include "fs/pipe.h"
#include "fs/pipe_impl.h"
#include "fs/vfs.h"
#include "kernel.h"
#include "kmem.h"
#include "pollwait.h"
#include "subject.h"
#include "usercopy.h"

enum { RD = PIPE_RD, WR = PIPE_WR, RW = PIPE_RW };

/* Apart from the mounted file systems' numbers (vfs.c), as Linux's
 * pipefs is. */
#define DEV_PIPES	16

_Static_assert(sizeof(struct pipe) <= KMEM_MAX, "a pipe is a kernel object");

static struct pipe *
pipe_of(struct vnode *vn)
{
	return vn->priv;
}

/* Whether the caller may sleep: 0, or why not. */
static int
may_wait(const struct uio *u)
{
	struct subject *s = u->who;

	if (u->nonblock)
		return NX_EAGAIN;
	if (!s || s->batching)
		return NX_EAGAIN;	/* a batch must not wait (ion.c) */
	if (subject_interrupted(s))
		return NX_EINTR;
	return 0;
}

static int
to_uio(void *ctx, uint8_t *bytes, size_t n)
{
	return uio_out(ctx, bytes, n);
}

static int
from_uio(void *ctx, uint8_t *bytes, size_t n)
{
	return uio_in(ctx, bytes, n);
}

static int64_t
pipe_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	struct pipe *p = pipe_of(vn);
	size_t n;
	int err;

	(void)off;
	if (uio_left(u) == 0)
		return 0;
	while (pipebuf_used(&p->buf) == 0) {
		if (!pipe_has_writer(p))
			return 0;	/* every writer is gone: the end */
		err = may_wait(u);
		if (err)
			return err;
		fiber_sleep(&p->end[RD]);
	}
	n = pipebuf_read(&p->buf, (size_t)uio_left(u), to_uio, u, &err);
	if (n) {
		fiber_wakeup(&p->end[WR]);
		poll_notify();
	}
	return uio_result(u, err);
}

/* Bytes that must fit at once for the write to go on: all of a write
 * that POSIX makes atomic, else any. */
static uint32_t
needed(const struct uio *u)
{
	if (u->len <= PIPEBUF_ATOMIC)
		return (uint32_t)u->len;
	return 1;
}

static int64_t
pipe_write(struct vnode *vn, uint64_t off, struct uio *u)
{
	struct pipe *p = pipe_of(vn);
	int err;

	(void)off;
	while (uio_left(u)) {
		size_t n, room;

		/* The Linux write calls add SIGPIPE (signal_call_end), the
		 * tx ring's output too (ion.c); a native write only fails. */
		if (!pipe_has_reader(p))
			return uio_result(u, NX_EPIPE);
		room = pipebuf_room(&p->buf);
		if (room < needed(u)) {
			err = may_wait(u);
			if (err)
				return uio_result(u, err);
			fiber_sleep(&p->end[WR]);
			continue;
		}
		n = pipebuf_write(&p->buf, (size_t)uio_left(u), from_uio, u,
		    &err);
		if (n) {
			fiber_wakeup(&p->end[RD]);
			poll_notify();
			vn->mtime_ns = (int64_t)(boot_epoch_ns() + uptime_ns());
		}
		if (err)
			return uio_result(u, err);
	}
	return (int64_t)u->done;
}

/*
 * As Linux answers: a reading end is readable when bytes are there and
 * hung up when no writer is left (readable too then, since a read ends
 * at once); a writing end is writable when a write as large as POSIX
 * makes atomic would not wait, and an error when no reader is left.  A
 * named pipe no writer has opened yet is not hung up: a reader polls
 * for the first one.  (Linux asks whether a writer came since this
 * reader opened; the pipe does not know its readers apart.)
 */
static unsigned
pipe_poll(struct vnode *vn, struct subject *who)
{
	struct pipe *p = pipe_of(vn);
	unsigned ready = 0;

	(void)who;
	if (vn != &p->end[WR]) {
		if (pipebuf_used(&p->buf))
			ready |= NX_POLLIN | NX_POLLRDNORM;
		if (!pipe_has_writer(p) && p->writers)
			ready |= NX_POLLHUP;
	}
	if (vn != &p->end[RD]) {
		if (pipebuf_room(&p->buf) >= PIPEBUF_ATOMIC)
			ready |= NX_POLLOUT | NX_POLLWRNORM;
		if (!pipe_has_reader(p))
			ready |= NX_POLLERR;
	}
	return ready;
}

/* With no end left the pipe goes: its pages, and a named pipe's hold on
 * its node (which may then go too). */
void
pipe_drop_unused(struct pipe *p)
{
	if (pipe_has_reader(p) || pipe_has_writer(p))
		return;
	if (p->node) {
		p->node->fifo = NULL;
		vnode_put(p->node);
	}
	pipebuf_free(&p->buf);
	kmem_free(p, sizeof(*p));
}

/* The last description on one end is gone: the other side is told. */
static void
pipe_release(struct vnode *vn)
{
	struct pipe *p = pipe_of(vn);

	p->open[vn - p->end] = 0;
	fiber_wakeup(&p->end[RD]);
	fiber_wakeup(&p->end[WR]);
	poll_notify();		/* a hangup, or an error for a writer */
	pipe_drop_unused(p);
}

static const struct vnode_ops end_ops[PIPE_ENDS] = {
	[RD] = { .read = pipe_read, .poll = pipe_poll,
	    .release = pipe_release },
	[WR] = { .write = pipe_write, .poll = pipe_poll,
	    .release = pipe_release },
	[RW] = { .read = pipe_read, .write = pipe_write, .poll = pipe_poll,
	    .release = pipe_release },
};

static const uint8_t end_flags[PIPE_ENDS] = {
	[RD] = VN_STREAM | VN_WAITS,
	[WR] = VN_STREAM | VN_WRITE_WAITS,
	[RW] = VN_STREAM | VN_WAITS | VN_WRITE_WAITS,
};

/* A pipe with no end open, its ends' attributes those of `like` (a FIFO
 * node) or a fresh pipe's. */
static struct pipe *
pipe_alloc(const struct vnode *like)
{
	static uint64_t next_ino = 1;
	struct pipe *p = kmem_alloc(sizeof(*p));
	int64_t now = (int64_t)(boot_epoch_ns() + uptime_ns());

	if (!p)
		return NULL;
	for (int i = RD; i < PIPE_ENDS; i++) {
		struct vnode *vn = &p->end[i];

		if (like) {
			*vn = *like;
			vn->hnext = NULL;
			vn->locks = NULL;
			vn->fifo = NULL;
			vn->refs = 0;
		} else {
			vn->ino = next_ino;
			vn->mode = 0600;
			vn->dev = DEV_PIPES;
			vn->nlink = 1;
			vn->atime_ns = vn->mtime_ns = vn->ctime_ns = now;
		}
		vn->ops = &end_ops[i];
		vn->priv = p;
		vn->type = NX_DT_FIFO;
		vn->flags = end_flags[i];
	}
	if (!like)
		next_ino++;
	return p;
}

struct pipe *
pipe_new_named(struct vnode *node)
{
	struct pipe *p = pipe_alloc(node);

	if (!p)
		return NULL;
	vnode_ref(node);
	p->node = node;
	node->fifo = p;
	return p;
}

/* pipe2's: both ends open, a writer counted (so a reader sees a hangup
 * once it goes). */
static struct pipe *
pipe_new(void)
{
	struct pipe *p = pipe_alloc(NULL);

	if (!p)
		return NULL;
	p->open[RD] = p->open[WR] = 1;
	p->readers = p->writers = 1;
	return p;
}

/* Both ends as descriptors of `s`: 0, or an error with nothing left. */
static int
make_pipe(struct subject *s, uint32_t flags, int fds[2])
{
	int cloexec = (flags & NX_O_CLOEXEC) != 0;
	struct pipe *p = pipe_new();
	struct file *f[2];

	if (!p)
		return NX_ENOMEM;
	/* Each description takes a reference to its end; an end whose
	 * description cannot be made is released at once, and the pipe
	 * goes with the last. */
	f[RD] = file_open(&p->end[RD], NX_O_RDONLY | (flags & NX_O_NONBLOCK));
	f[WR] = file_open(&p->end[WR], NX_O_WRONLY | (flags & NX_O_NONBLOCK));
	if (!f[RD] || !f[WR]) {
		if (f[RD])
			file_unref(f[RD]);
		if (f[WR])
			file_unref(f[WR]);
		else
			pipe_release(&p->end[WR]);
		if (!f[RD])
			pipe_release(&p->end[RD]);
		return NX_ENOMEM;
	}
	fds[RD] = fdt_install(&s->fds, f[RD], 0, cloexec);
	if (fds[RD] < 0) {
		file_unref(f[RD]);
		file_unref(f[WR]);
		return fds[RD];
	}
	fds[WR] = fdt_install(&s->fds, f[WR], 0, cloexec);
	if (fds[WR] < 0) {
		int err = fds[WR];

		fdt_close(&s->fds, fds[RD]);
		file_unref(f[WR]);
		return err;
	}
	return 0;
}

int
vfs_pipe(struct subject *s, uint32_t flags, uint64_t ufds)
{
	int32_t out[2];
	int fds[2], err;

	if (flags & ~(NX_O_CLOEXEC | NX_O_NONBLOCK))
		return NX_EINVAL;
	if (!user_range_ok(s->uc.root, ufds, sizeof(out), VM_W))
		return NX_EFAULT;
	err = make_pipe(s, flags, fds);
	if (err)
		return err;
	out[RD] = fds[RD];
	out[WR] = fds[WR];
	/* Checked above, but a copy may still fail (no page for a stack
	 * not grown yet): then the descriptors go again. */
	if (copy_to_user(s->uc.root, ufds, out, sizeof(out))) {
		fdt_close(&s->fds, fds[RD]);
		fdt_close(&s->fds, fds[WR]);
		return NX_EFAULT;
	}
	return 0;
}
