/*
 * Pipes: a byte ring (pipebuf.c) with two vnodes, its read end and its
 * write end (a named pipe, fifo.c, may have a third that does both).  An end's vnode is held by the open file descriptions on
 * it, so its last reference going (every descriptor on it closed, by
 * close, exec or the Subject's end, a kill included) is its release:
 * the pipe then wakes the other side, which sees EOF (no writer left)
 * or EPIPE (no reader left) instead of waiting forever.
 *
 * Reads wait while the pipe is empty and a writer is left; writes of up
 * to PIPEBUF_ATOMIC bytes wait until they fit whole, longer ones go in
 * as room comes.  With NX_O_NONBLOCK on the description neither waits
 * (NX_EAGAIN).  A wait ends for a kill (NX_EINTR, or the bytes moved).
 */
#ifndef RUMPK_PIPE_H
#define RUMPK_PIPE_H

#include <stdint.h>

#include "nexus/abi.h"

struct subject;

/* Makes a pipe in the descriptors of `s` and stores them at `ufds`, two
 * int32_t in its memory: the read end first.  `flags`: NX_O_CLOEXEC,
 * NX_O_NONBLOCK, else NX_EINVAL; NX_EFAULT, NX_ENOMEM, NX_EMFILE, and
 * nothing is left open then.  Both front doors (CMD_FS_PIPE, pipe2)
 * call it. */
int vfs_pipe(struct subject *s, uint32_t flags, uint64_t ufds);

#endif
