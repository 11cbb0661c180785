/*
 * A pipe's bytes: a ring of up to PIPEBUF_PAGES pages, each taken from
 * the page allocator the first time a write reaches it and given back
 * when the pipe goes.  The ring knows nothing of waiting or of the ends:
 * pipe.c decides when a write may go in (whole, for PIPE_BUF atomicity)
 * and sleeps; this file only moves bytes, so it is tested on the host.
 *
 * Bytes move through a callback, so the same code copies from a user's
 * memory (usercopy), the kernel's, or a test's buffer.
 */
#ifndef RUMPK_PIPEBUF_H
#define RUMPK_PIPEBUF_H

#include <stddef.h>
#include <stdint.h>

#define PIPEBUF_PAGE	4096u
#define PIPEBUF_PAGES	16u
#define PIPEBUF_CAP	(PIPEBUF_PAGE * PIPEBUF_PAGES)	/* 64 KiB */
/* Writes of at most this many bytes are never interleaved (POSIX). */
#define PIPEBUF_ATOMIC	4096u

struct pipebuf {
	uint8_t *page[PIPEBUF_PAGES];
	uint32_t head;		/* bytes ever written, modulo 2^32 */
	uint32_t tail;		/* bytes ever read */
};

/* Moves `n` bytes between the ring's `bytes` and the other side: 0, or
 * an NX_E* error (then nothing of this piece counts). */
typedef int (*pipebuf_move)(void *ctx, uint8_t *bytes, size_t n);

static inline uint32_t
pipebuf_used(const struct pipebuf *b)
{
	return b->head - b->tail;
}

static inline uint32_t
pipebuf_room(const struct pipebuf *b)
{
	return PIPEBUF_CAP - pipebuf_used(b);
}

/* Puts `n` bytes (at most pipebuf_room) in from `move`: the bytes put,
 * which are fewer than `n` only with `*err` set (NX_ENOMEM for a page
 * that could not be had, or the callback's error). */
size_t pipebuf_write(struct pipebuf *b, size_t n, pipebuf_move move,
    void *ctx, int *err);
/* Takes up to `n` bytes out to `move`, oldest first: the bytes taken
 * (fewer than asked when the ring holds fewer, or with `*err` set). */
size_t pipebuf_read(struct pipebuf *b, size_t n, pipebuf_move move,
    void *ctx, int *err);
/* Gives every page back. */
void pipebuf_free(struct pipebuf *b);

#endif
