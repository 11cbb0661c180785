/*
 * The single-producer single-consumer ring shared by kernel and user code.
 *
 * A ring lives in one page: an NxRingHeader, then a power-of-two number of
 * fixed-size slots.  The producer owns `head`, the consumer owns `tail`; each
 * side keeps its own index privately in `struct ring.own` and only publishes
 * it, so a peer that scribbles on the shared header can make the ring look
 * empty, full or corrupt, but can never make this side read or write outside
 * the slots.
 *
 * Ordering (C11 atomics on the shared indices):
 *  - the producer fills a slot with plain stores, then publishes the new head
 *    with a release store: whoever sees the head also sees the slot;
 *  - the consumer loads head with acquire before reading slots, and
 *    publishes tail with release after it has finished reading them;
 *  - the producer loads tail with acquire before it reuses a slot, so the
 *    consumer's reads of that slot happen before the producer's overwrite.
 * Indices run freely and wrap modulo 2^32; `head - tail` is the fill level.
 */
#ifndef RUMPK_RING_H
#define RUMPK_RING_H

#include <stdint.h>
#include <string.h>

#include "nexus/abi.h"

struct ring {
	NxRingHeader *hdr;
	uint8_t *slots;
	uint32_t mask;
	uint32_t slot_size;
	uint32_t own;		/* head if we produce, tail if we consume */
};

/* Formats a fresh ring page; done once by the side that creates it. */
static inline void
ring_format(void *page, uint32_t nslots, uint32_t slot_size)
{
	NxRingHeader *h = page;

	memset(h, 0, sizeof(*h));
	h->mask = nslots - 1;
	h->slot_size = slot_size;
}

/*
 * Attaches to a ring page with geometry the caller trusts (the kernel passes
 * its own constants, never the values in the shared header).
 */
static inline void
ring_attach(struct ring *r, void *page, uint32_t nslots, uint32_t slot_size,
    int producer)
{
	r->hdr = page;
	r->slots = (uint8_t *)page + NX_RING_SLOTS;
	r->mask = nslots - 1;
	r->slot_size = slot_size;
	r->own = producer ?
	    __atomic_load_n(&r->hdr->head, __ATOMIC_RELAXED) :
	    __atomic_load_n(&r->hdr->tail, __ATOMIC_RELAXED);
}

static inline void *
ring_slot(const struct ring *r, uint32_t index)
{
	return r->slots + (size_t)(index & r->mask) * r->slot_size;
}

/* Producer: free slots; 0 also when the peer's tail is nonsense. */
static inline uint32_t
ring_space(const struct ring *r)
{
	uint32_t tail = __atomic_load_n(&r->hdr->tail, __ATOMIC_ACQUIRE);
	uint32_t used = r->own - tail;

	if (used > r->mask + 1)
		return 0;
	return r->mask + 1 - used;
}

/*
 * Producer: whether the peer's tail is one no honest consumer writes:
 * ahead of our head, or more than a ring behind it.  ring_space answers 0
 * for such a tail, as for a full ring; this tells the two apart.
 */
static inline int
ring_tail_forged(const struct ring *r)
{
	uint32_t tail = __atomic_load_n(&r->hdr->tail, __ATOMIC_RELAXED);

	return r->own - tail > r->mask + 1;
}

/* Producer: items published and not yet consumed. */
static inline uint32_t
ring_queued(const struct ring *r)
{
	return r->mask + 1 - ring_space(r);
}

/* Producer: copies one item in and publishes it; 0 when the ring is full. */
static inline int
ring_push(struct ring *r, const void *item)
{
	if (ring_space(r) == 0)
		return 0;
	memcpy(ring_slot(r, r->own), item, r->slot_size);
	r->own++;
	__atomic_store_n(&r->hdr->head, r->own, __ATOMIC_RELEASE);
	return 1;
}

/*
 * The slot `k` places past our own index, used in place: for a producer
 * the next free ones, filled before ring_publish (the caller has checked
 * ring_space); for a consumer the oldest unread ones (the caller has
 * checked ring_count, and copies out what it must not see change).
 */
static inline void *
ring_at(const struct ring *r, uint32_t k)
{
	return ring_slot(r, r->own + k);
}

/* Producer: publishes the `n` slots filled through ring_at. */
static inline void
ring_publish(struct ring *r, uint32_t n)
{
	r->own += n;
	__atomic_store_n(&r->hdr->head, r->own, __ATOMIC_RELEASE);
}

/*
 * Consumer: items waiting.  Returns -1 when the peer's head claims more
 * items than the ring holds, which only a broken or hostile peer does.
 */
static inline int64_t
ring_count(const struct ring *r)
{
	uint32_t head = __atomic_load_n(&r->hdr->head, __ATOMIC_ACQUIRE);
	uint32_t avail = head - r->own;

	if (avail > r->mask + 1)
		return -1;
	return avail;
}

/* Consumer: nothing waiting.  A relaxed look, no fence: enough to decide
 * whether to look properly (ring_count) before reading any slot. */
static inline int
ring_looks_empty(const struct ring *r)
{
	return __atomic_load_n(&r->hdr->head, __ATOMIC_RELAXED) == r->own;
}

/* Consumer: copies the oldest item out, without releasing its slot yet. */
static inline void
ring_peek(const struct ring *r, void *item)
{
	memcpy(item, ring_slot(r, r->own), r->slot_size);
}

/* Consumer: releases `n` read slots back to the producer. */
static inline void
ring_release(struct ring *r, uint32_t n)
{
	r->own += n;
	__atomic_store_n(&r->hdr->tail, r->own, __ATOMIC_RELEASE);
}

/* Consumer: copies one item out and releases it; 0 when empty or corrupt. */
static inline int
ring_pop(struct ring *r, void *item)
{
	if (ring_count(r) <= 0)
		return 0;
	ring_peek(r, item);
	ring_release(r, 1);
	return 1;
}

#endif /* RUMPK_RING_H */
