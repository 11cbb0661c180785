/*
 * libnexus's command queue: commands written into the command ring,
 * published together, the doorbell, and the completions collected.
 * nx_submit is in line (libnexus.h); everything else about the queue is
 * here.
 */
#include "libnexus.h"
#include "queue.h"
#include "ring.h"

static struct ring cmd, cq;
static uint32_t pending;		/* published, not completed */
static uint32_t unsent;			/* queued before `seg`, not published */
static CmdPacket *seg;			/* where nx_q.next started counting */
static uint32_t room;			/* free cmd slots when last looked */

struct nx_queue nx_q;

/* A call: a1-a7 and t0-t6 come back zero, the rest is kept. */
static inline long
doorbell(uint64_t want)
{
	register uint64_t a0 __asm__("a0") = want;
	register uint64_t a7 __asm__("a7") = NX_DOORBELL;

	__asm__ volatile("ecall" : "+r"(a0), "+r"(a7) : :
	    "a1", "a2", "a3", "a4", "a5", "a6",
	    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
	return (long)a0;
}

long
nx_doorbell(uint64_t want)
{
	return doorbell(want);
}

/* The cmd ring's slot `k` places past the last published. */
static CmdPacket *
cmd_slot(uint32_t k)
{
	return (CmdPacket *)(void *)cmd.slots +
	    ((cmd.own + k) & (NX_CMD_SLOTS - 1));
}

/* Points nx_q at the slot after the `unsent` queued, up to the first that
 * is not free (`room` free ones) or the ring's end. */
static void
aim_queue(void)
{
	uint32_t at = (cmd.own + unsent) & (NX_CMD_SLOTS - 1);
	uint32_t free = room - unsent, to_end = NX_CMD_SLOTS - at;

	seg = nx_q.next = cmd_slot(unsent);
	nx_q.stop = nx_q.next + (free < to_end ? free : to_end);
}

void
nx_queue_init(void)
{
	const NxSysTable *st = nx_systable();

	ring_attach(&cmd, (void *)(uintptr_t)st->cmd_ring, NX_CMD_SLOTS,
	    sizeof(CmdPacket), 1);
	ring_attach(&cq, (void *)(uintptr_t)st->cq_ring, NX_CQ_SLOTS,
	    sizeof(NxCompletion), 0);
	room = ring_space(&cmd);
	aim_queue();
}

void
nx_publish(void)
{
	uint32_t n = unsent + (uint32_t)(nx_q.next - seg);

	ring_publish(&cmd, n);
	room -= n;
	pending += n;
	unsent = 0;
	seg = nx_q.next;
}

int64_t
nx_flush(void)
{
	int64_t last = 0;

	nx_publish();	/* together, just before the doorbell */
	do {		/* at least once: it also sends the tx ring */
		long n = doorbell(pending);

		if (n < 0)	/* the kernel refused a ring we wrote over: */
			return n;	/* what is queued stays, for later */
		/* Our completions, in order: only the last one's result
		 * counts.  The kernel wrote them before the doorbell
		 * returned, and says how many wait. */
		if (n > (long)pending)
			n = pending;
		if (n > 0) {
			const NxCompletion *c = ring_at(&cq, (uint32_t)n - 1);

			last = c->result;
			ring_release(&cq, (uint32_t)n);
			pending -= (uint32_t)n;
		}
	} while (pending);
	return last;
}

/* Makes room in the cmd ring (ringing the doorbell when it is full) and
 * points the queue at it; 0 if there is none, which happens only when
 * the kernel refused the rings (the program wrote over their indices):
 * the command is then dropped, and the next nx_flush says why. */
static int
make_room(void)
{
	unsent += (uint32_t)(nx_q.next - seg);
	seg = nx_q.next;
	room = ring_space(&cmd);
	if (unsent >= room) {
		nx_flush();
		room = ring_space(&cmd);
	}
	aim_queue();
	return nx_q.next != nx_q.stop;
}

void
nx_submit_slowly(uint32_t kind, uint64_t arg)
{
	if (make_room())
		nx_submit(kind, arg);
}

void
nx_submit_packet(const CmdPacket *p)
{
	if (nx_q.next == nx_q.stop && !make_room())
		return;
	*nx_q.next++ = *p;
}

/* nx_call when the queue holds more. */
static int64_t __attribute__((noinline))
call_slowly(uint32_t kind, uint64_t arg)
{
	nx_submit(kind, arg);
	return nx_flush();
}

/*
 * nx_call's completion, `n` being the doorbell's answer: it has one
 * waiting, its own, or (refused, or not done) the general way.  A
 * function of its own so that nx_call keeps nothing across the doorbell
 * and needs no frame.
 */
static int64_t __attribute__((noinline))
collect_one(long n)
{
	volatile NxRingHeader *h = cq.hdr;
	uint32_t own = cq.own;
	int64_t result;

	if (n != 1) {
		pending = 1;
		return nx_flush();
	}
	result = ((const NxCompletion *)(const void *)cq.slots)
	    [own & (NX_CQ_SLOTS - 1)].result;
	cq.own = ++own;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	h->tail = own;
	return result;
}

/*
 * One command, and nothing else queued or outstanding (the common case):
 * it is written, published, rung for and collected directly, without
 * the queue's bookkeeping; anything else goes the general way.  The
 * indices are published with a fence and a plain store (a release, as
 * ring.h does, in fewer instructions).
 */
int64_t
nx_call(uint32_t kind, uint64_t arg)
{
	CmdPacket *p = nx_q.next;
	volatile NxRingHeader *h = cmd.hdr;
	uint32_t own;

	if (p != seg || (unsent | pending) != 0 || p == nx_q.stop)
		return call_slowly(kind, arg);
	p->kind = kind;
	p->reserved = 0;
	p->arg = arg;
	nx_q.next = seg = p + 1;
	/* `room` stays: the kernel takes the command before the doorbell
	 * returns, so it still bounds the free slots past cmd.own. */
	own = ++cmd.own;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	h->head = own;
	return collect_one(doorbell(1));
}
