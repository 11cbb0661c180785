/*
 * The inside of a pipe, shared by pipe.c (the ends, reading, writing,
 * polling, release) and fifo.c (named pipes: opening a FIFO node).
 *
 * A pipe has up to three end vnodes: the read end, the write end, and,
 * for a named pipe opened O_RDWR, an end that does both.  Each end's
 * vnode is held by the open file descriptions on it; `open[end]` says it
 * still has one, and its release (the last one gone) clears it.  An
 * anonymous pipe (pipe2) has both ends open from the start and goes with
 * the last; a named pipe starts with none, its ends come and go as the
 * node is opened and closed, and the pipe goes when the last end is
 * closed, leaving the node (the next open makes a fresh pipe).
 */
#ifndef RUMPK_PIPE_IMPL_H
#define RUMPK_PIPE_IMPL_H

#include <stdint.h>

#include "fs/pipebuf.h"
#include "fs/vnode.h"

enum { PIPE_RD, PIPE_WR, PIPE_RW, PIPE_ENDS };

struct pipe {
	struct vnode end[PIPE_ENDS];	/* a reader sleeps on end[PIPE_RD],
					 * a writer on end[PIPE_WR] */
	uint8_t open[PIPE_ENDS];	/* the end still has a reference */
	/* Opens ever made of a reading (writing) end: a FIFO's open waits
	 * for the other side's count to move, as Linux's does. */
	uint32_t readers, writers;
	struct vnode *node;	/* a named pipe's FIFO node (held), whose
				 * `fifo` points back; NULL for pipe2's */
	struct pipebuf buf;
};

static inline int
pipe_has_reader(const struct pipe *p)
{
	return p->open[PIPE_RD] || p->open[PIPE_RW];
}

static inline int
pipe_has_writer(const struct pipe *p)
{
	return p->open[PIPE_WR] || p->open[PIPE_RW];
}

/* A pipe with no end open yet, for the FIFO `node` (held by it and
 * pointing to it from then on), or NULL when memory is out. */
struct pipe *pipe_new_named(struct vnode *node);
/* A pipe with no end open goes (its pages, and a named pipe's hold on
 * its node): after the last end's release, or an open of a FIFO that
 * failed before it took an end.  With an end open, nothing happens. */
void pipe_drop_unused(struct pipe *p);

#endif
