/*
 * Named pipes: opening a FIFO node (made by mknod, or from the archive)
 * gives the pipe that every opener of the node shares.  The node's vnode
 * points to its pipe while any end is open (vnode.fifo), and the pipe
 * holds the node; the pipe's bytes go with its last end, the node stays,
 * and the next open makes a fresh pipe.  Reading, writing, polling and
 * the ends' release are pipe.c's, as for pipe2's pipes.
 *
 * Opening follows Linux's rules (fs/pipe.c, fifo_open): O_RDONLY waits
 * until a writer opens (with O_NONBLOCK it does not wait), O_WRONLY
 * waits for a reader (with O_NONBLOCK and no reader: NX_ENXIO), O_RDWR
 * never waits and counts as both.  A waiting open already counts as a
 * reader or writer, so the two sides that open at the same time find
 * each other; it waits for the other side's count of opens to move, so
 * a partner that opened and closed again still ends the wait.  A signal
 * or a kill ends the wait (NX_EINTR, which the Linux door restarts by
 * the signal rules) and the end it had taken goes again.
 */
#include "cmds.h"
#include "fiber.h"
#include "fs/fifo.h"
#include "fs/pipe_impl.h"
#include "pollwait.h"
#include "subject.h"

static int
end_for(uint32_t flags)
{
	switch (flags & NX_O_ACCMODE) {
	case NX_O_RDONLY:
		return PIPE_RD;
	case NX_O_WRONLY:
		return PIPE_WR;
	default:
		return PIPE_RW;
	}
}

/* Whether the other side is there for an open of `end`. */
static int
partner_there(const struct pipe *p, int end)
{
	if (end == PIPE_RD)
		return pipe_has_writer(p);
	if (end == PIPE_WR)
		return pipe_has_reader(p);
	return 1;
}

/* The opener holds `end` (a reference of its own); whoever waits for a
 * reader or a writer is told. */
static void
take(struct pipe *p, int end)
{
	vnode_ref(&p->end[end]);
	p->open[end] = 1;
	if (end != PIPE_WR) {
		p->readers++;
		fiber_wakeup(&p->readers);
	}
	if (end != PIPE_RD) {
		p->writers++;
		fiber_wakeup(&p->writers);
	}
	poll_notify();		/* a writer: no hangup any more */
}

/* Waits until the other side has opened since `end` was taken. */
static int
wait_partner(struct subject *s, struct pipe *p, int end)
{
	uint32_t *count = end == PIPE_RD ? &p->writers : &p->readers;
	uint32_t seen = *count;

	if (partner_there(p, end))
		return 0;
	while (*count == seen) {
		if (subject_interrupted(s))
			return NX_EINTR;
		fiber_sleep(count);
	}
	return 0;
}

int
fifo_open(struct subject *s, struct vnode *node, uint32_t flags,
    struct vnode **out)
{
	int end = end_for(flags);
	int waits = end != PIPE_RW && !(flags & NX_O_NONBLOCK);
	struct pipe *p = node->fifo;
	int err;

	if (!p) {
		p = pipe_new_named(node);
		if (!p)
			return NX_ENOMEM;
	}
	if (end == PIPE_WR && !waits && !pipe_has_reader(p)) {
		pipe_drop_unused(p);
		return NX_ENXIO;
	}
	if (waits && s->batching && !partner_there(p, end)) {
		/* A native open in a batch must not wait (ion.c): it runs
		 * again alone, and nothing has changed. */
		pipe_drop_unused(p);
		return ION_RUN_ALONE;
	}
	take(p, end);
	if (waits) {
		err = wait_partner(s, p, end);
		if (err) {
			vnode_put(&p->end[end]);	/* may free the pipe */
			return err;
		}
	}
	*out = &p->end[end];
	return 0;
}
