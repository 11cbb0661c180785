/*
 * Forges its completion ring's tail: ahead of the head (which would read
 * as some 4 billion free slots), far ahead, and more than a ring behind.
 * Each time the doorbell must answer NX_EINVAL, with nothing run and
 * nothing lost: the command queued meanwhile runs once the tail is put
 * back.  A tail exactly a ring behind is a full ring, not a forgery.
 * Then, with the tail forged, more commands than the ring holds: the
 * kernel runs none, so libnexus finds no room and drops those past a
 * ringful, rather than looping or writing past its queue; with the tail
 * back, the ringful runs.  One line per case, then a count of failures
 * (also the exit status).
 */
#include "libnexus.h"

static int failures;

static void
expect(const char *what, int64_t got, int64_t want)
{
	if (got == want) {
		nx_printf("ringforge: %s: ok\n", what);
		return;
	}
	nx_printf("ringforge: %s: got %ld, want %ld\n", what, (long)got,
	    (long)want);
	failures++;
}

/* The doorbell with the cq tail moved by `delta`, then put back. */
static int64_t
ring_with_tail(NxRingHeader *h, uint32_t delta, uint64_t want)
{
	uint32_t saved = h->tail;
	int64_t r;

	h->tail = saved + delta;
	r = nx_doorbell(want);
	h->tail = saved;
	return r;
}

/* A ring and two of commands while the completion ring's tail is
 * forged (nothing printed meanwhile: printing rings the doorbell too). */
static void
no_room(NxRingHeader *h)
{
	uint32_t saved = h->tail;

	h->tail = saved + 1;
	for (int i = 0; i < NX_CMD_SLOTS + 2; i++)
		nx_submit(CMD_SYS_NOOP, 0);
	h->tail = saved;
	expect("no room: the commands past a ringful dropped, the ring "
	    "usable again", nx_flush() == 0 && nx_call(CMD_SYS_NOOP, 0) == 0,
	    1);
}

int
main(void)
{
	const NxSysTable *st = nx_systable();
	NxRingHeader *h = (NxRingHeader *)(uintptr_t)st->cq_ring;
	int64_t before, t, r;
	uint32_t head, moved;

	nx_flush();
	expect("nothing waiting", nx_doorbell(0), 0);
	/* Nothing queued: the doorbell's quick answer. */
	expect("tail one ahead", ring_with_tail(h, 1, 0), NX_EINVAL);
	expect("tail 2^31 ahead", ring_with_tail(h, 0x80000000u, 0),
	    NX_EINVAL);
	expect("tail a ring and one behind",
	    ring_with_tail(h, -(uint32_t)(NX_CQ_SLOTS + 1), 0), NX_EINVAL);
	expect("tail a ring behind (full)",
	    ring_with_tail(h, -(uint32_t)NX_CQ_SLOTS, 0), NX_CQ_SLOTS);
	/*
	 * A command queued: refused before it runs, and kept.  Nothing is
	 * printed until it has run, since printing rings the doorbell.
	 */
	before = nx_uptime_ns();
	nx_submit(CMD_TIME_UPTIME, 0);
	nx_publish();
	head = h->head;
	r = ring_with_tail(h, 1, 1);
	moved = h->head - head;
	t = nx_flush();
	expect("tail ahead, command queued", r, NX_EINVAL);
	expect("nothing run while the tail was forged", moved, 0);
	expect("the command kept, run with the tail back", t >= before, 1);
	expect("ring usable again", nx_call(CMD_SYS_NOOP, 0), 0);
	no_room(h);
	nx_printf("ringforge: %d failures\n", failures);
	return failures;
}
