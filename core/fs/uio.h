/*
 * Where a read's bytes go or a write's come from: a Subject's memory
 * (through usercopy, checked page by page) or the kernel's own (the tx
 * ring's slabs, the loader's buffers).  A file system moves bytes with
 * uio_out/uio_in and never looks at which it is, so one read op serves a
 * Linux read(), a native CMD_FS_READ and the loader alike, with one copy.
 */
#ifndef RUMPK_UIO_H
#define RUMPK_UIO_H

#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"

struct subject;

struct uio {
	pte_t *root;		/* the Subject's table; NULL: kernel memory */
	uint64_t addr;		/* user address, or kernel pointer */
	uint64_t len;		/* bytes asked for */
	uint64_t done;		/* bytes moved so far */
	struct subject *who;	/* the caller, for a terminal's foreground */
	int nonblock;		/* the description has NX_O_NONBLOCK: no waiting */
};

/* A uio over user memory of `s`, or over kernel memory. */
void uio_user(struct uio *u, struct subject *s, uint64_t addr,
    uint64_t len);
void uio_kernel(struct uio *u, struct subject *s, void *buf, uint64_t len);

static inline uint64_t
uio_left(const struct uio *u)
{
	return u->len - u->done;
}

/* Copies `n` bytes (at most uio_left) from `src` to the destination:
 * 0, or NX_EFAULT with nothing counted. */
int uio_out(struct uio *u, const void *src, size_t n);
/* Copies `n` bytes of the source into `dst`: 0 or NX_EFAULT. */
int uio_in(struct uio *u, void *dst, size_t n);

/* The result of a transfer: the bytes moved, or `err` if none were. */
static inline int64_t
uio_result(const struct uio *u, int64_t err)
{
	return u->done || err >= 0 ? (int64_t)u->done : err;
}

#endif
