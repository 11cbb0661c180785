/*
 * Named pipes (fifo.c): what opening a FIFO node gives.
 */
#ifndef RUMPK_FIFO_H
#define RUMPK_FIFO_H

#include <stdint.h>

#include "fs/vnode.h"

struct subject;

/* Whether `vn` is a FIFO node of a file system, which an open turns into
 * an end of its pipe (a pipe's own ends are streams). */
static inline int
vn_is_fifo_node(const struct vnode *vn)
{
	return vn->type == NX_DT_FIFO && !(vn->flags & VN_STREAM);
}

/*
 * `s` opens FIFO node `node` with NX_O_* `flags`: the end of the node's
 * pipe the access mode asks for (held) in `*out`, after waiting for the
 * other side as Linux does.  NX_ENXIO (O_WRONLY|O_NONBLOCK and no
 * reader), NX_EINTR (a signal or a kill while waiting), NX_ENOMEM, or
 * ION_RUN_ALONE (a native open in a batch that would wait).
 */
int fifo_open(struct subject *s, struct vnode *node, uint32_t flags,
    struct vnode **out);

#endif
