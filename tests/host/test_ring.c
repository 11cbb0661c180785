/*
 * The shared ring (libs/ring.h) against a peer that forges the index it
 * owns: a tail ahead of the producer's head, or more than a ring behind
 * it, must read as no room and be told apart from a full ring; a head
 * that claims more than the ring holds must read as corrupt.  Never may
 * a forged index give room or items the ring does not have.
 */
#include <stdlib.h>
#include <string.h>

#include "ring.h"
#include "test.h"

#define SLOTS	64

/* A ring page as the kernel makes one, with its producer's index at
 * `start` (indices run freely, so the tests also run across the wrap). */
static void
ring_at_index(struct ring *r, void *page, uint32_t start, int producer)
{
	NxRingHeader *h = page;

	ring_format(page, SLOTS, sizeof(uint64_t));
	h->head = h->tail = start;
	ring_attach(r, page, SLOTS, sizeof(uint64_t), producer);
}

static void
forged_tails(uint32_t start)
{
	static _Alignas(4096) uint8_t page[4096];
	struct ring r;
	NxRingHeader *h = (NxRingHeader *)page;
	const uint32_t forged[] = { 1, 2, SLOTS, 0x7fffffffu, 0x80000000u,
	    (uint32_t)-(SLOTS + 1) };
	uint64_t item = 7;

	for (unsigned i = 0; i < sizeof(forged) / sizeof(forged[0]); i++) {
		ring_at_index(&r, page, start, 1);
		h->tail = start + forged[i];
		test_note("head %#x, tail %#x", start, h->tail);
		CHECK_EQ(ring_space(&r), 0);
		test_note("head %#x, tail %#x", start, h->tail);
		CHECK(ring_tail_forged(&r));
		test_note("head %#x, tail %#x", start, h->tail);
		CHECK_EQ(ring_push(&r, &item), 0);
		CHECK_EQ(h->head, start);
	}
}

/* The honest cases on either side of the limits. */
static void
honest_tails(uint32_t start)
{
	static _Alignas(4096) uint8_t page[4096];
	struct ring r;
	NxRingHeader *h = (NxRingHeader *)page;
	uint64_t item = 9;

	ring_at_index(&r, page, start, 1);
	CHECK_EQ(ring_space(&r), SLOTS);
	CHECK(!ring_tail_forged(&r));
	for (uint32_t n = 0; n < SLOTS; n++)
		CHECK_EQ(ring_push(&r, &item), 1);
	/* Full: a ring behind is what an honest, slow consumer leaves. */
	CHECK_EQ(ring_space(&r), 0);
	CHECK_EQ(ring_queued(&r), SLOTS);
	CHECK(!ring_tail_forged(&r));
	CHECK_EQ(ring_push(&r, &item), 0);
	h->tail = start + 1;
	CHECK_EQ(ring_space(&r), 1);
	CHECK(!ring_tail_forged(&r));
	h->tail = start + SLOTS;
	CHECK_EQ(ring_space(&r), SLOTS);
	CHECK(!ring_tail_forged(&r));
}

static void
forged_heads(uint32_t start)
{
	static _Alignas(4096) uint8_t page[4096];
	struct ring r;
	NxRingHeader *h = (NxRingHeader *)page;
	uint64_t item = 0;

	ring_at_index(&r, page, start, 0);
	h->head = start + SLOTS;
	CHECK_EQ(ring_count(&r), SLOTS);
	h->head = start + SLOTS + 1;
	CHECK_EQ(ring_count(&r), -1);
	CHECK_EQ(ring_pop(&r, &item), 0);
	CHECK_EQ(h->tail, start);
	h->head = start - 1;
	CHECK_EQ(ring_count(&r), -1);
	CHECK_EQ(ring_pop(&r, &item), 0);
}

void
test_ring_forged_indices(void)
{
	const uint32_t starts[] = { 0, 5, 0x7fffffe0u, 0xffffffe0u,
	    0xffffffffu };

	for (unsigned i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		forged_tails(starts[i]);
		honest_tails(starts[i]);
		forged_heads(starts[i]);
	}
}
