/*
 * Receipts (CMD_SYS_RECEIPT): three commands in one batch, then the
 * receipt of each by its sequence number.  Each must be the command as
 * the program made it (kind, arg, result, its place in the batch), the
 * three must share one tag that is not zero, and the audit log must hold
 * the same entries with the same tag.  A number never used has no
 * receipt (ENOENT), a bad buffer is EFAULT, and a set reserved field is
 * EINVAL.  Then one command alone (nx_call), and two more in the next
 * doorbell: the batch goes on across the two doorbells, and each receipt
 * must still be its own command, in order.  Prints one line per failure,
 * then "receipt: N failures".
 */
#include "libnexus.h"

static int failures;

static void
check(int ok, const char *what)
{
	if (!ok) {
		nx_printf("receipt: FAILED: %s\n", what);
		failures++;
	}
}

static int
same_tag(const uint8_t *a, const uint8_t *b)
{
	for (int i = 0; i < 16; i++) {
		if (a[i] != b[i])
			return 0;
	}
	return 1;
}

/* The audit log's entry of ours with sequence number `seq`, or NULL. */
static const NxAuditEntry *
logged(const NxAuditEntry *e, long n, uint32_t seq)
{
	for (long i = 0; i < n; i++) {
		if (e[i].seq == seq)
			return &e[i];
	}
	return NULL;
}

/* One command, then two in the next doorbell: one batch, in order. */
static void
across_doorbells(const NxSysTable *st, const NxRingHeader *h,
    const NxCompletion *cq)
{
	static const uint64_t args[3] = { 111, 222, 333 };
	uint32_t first = h->head, held;
	NxAuditEntry r[3], log[16];
	int64_t broken;
	long n;

	nx_call(CMD_SYS_NOOP, args[0]);
	nx_submit(CMD_SYS_NOOP, args[1]);
	nx_submit(CMD_SYS_NOOP, args[2]);
	nx_flush();
	for (int k = 0; k < 3; k++) {
		const NxCompletion *c = &cq[(first + (uint32_t)k) &
		    (NX_CQ_SLOTS - 1)];

		check(nx_receipt(c->seq, &r[k]) == 0, "a receipt, across");
		check(r[k].arg == args[k] && r[k].seq == c->seq &&
		    r[k].subject == st->subject_id,
		    "across doorbells, the receipt is the command made");
		check(r[k].part == r[0].part + (uint32_t)k &&
		    r[k].number == r[0].number + (uint32_t)k &&
		    same_tag(r[k].tag, r[0].tag),
		    "across doorbells, one batch in order");
	}
	n = nx_audit_of(st->subject_id, log, 16, &held, &broken);
	check(n > 3 && broken < 0, "the log verifies, across");
}

int
main(void)
{
	static const uint64_t args[3] = { 7, 0, 9 };
	static const uint32_t kinds[3] = { CMD_SYS_NOOP, CMD_TIME_UPTIME,
	    CMD_SYS_NOOP };
	const NxSysTable *st = nx_systable();
	const NxRingHeader *h = (const NxRingHeader *)(uintptr_t)st->cq_ring;
	const NxCompletion *cq = (const NxCompletion *)(uintptr_t)
	    (st->cq_ring + NX_RING_SLOTS);
	NxCompletion c[3];
	NxAuditEntry r[3], log[16];
	NxReceiptArgs bad;
	uint32_t first, held;
	int64_t broken;
	long n;

	nx_flush();
	first = h->head;
	for (int k = 0; k < 3; k++)
		nx_submit(kinds[k], args[k]);
	nx_flush();
	/* The completions were read and released; their slots still hold
	 * them. */
	for (int k = 0; k < 3; k++)
		c[k] = cq[(first + (uint32_t)k) & (NX_CQ_SLOTS - 1)];
	for (int k = 0; k < 3; k++) {
		check(nx_receipt(c[k].seq, &r[k]) == 0, "a receipt");
		check(r[k].seq == c[k].seq && r[k].kind == kinds[k] &&
		    r[k].arg == args[k] && r[k].result == c[k].result &&
		    r[k].subject == st->subject_id && r[k].part == (uint32_t)k,
		    "the receipt is the command made");
		check(same_tag(r[k].tag, r[0].tag), "one tag for the batch");
	}
	check(!same_tag(r[0].tag, (const uint8_t[16]){ 0 }), "a tag");
	n = nx_audit_of(st->subject_id, log, 16, &held, &broken);
	check(n > 3 && broken < 0, "the log verifies");
	for (int k = 0; k < 3; k++) {
		const NxAuditEntry *e = logged(log, n, c[k].seq);

		check(e && same_tag(e->tag, r[k].tag) && e->number ==
		    r[k].number, "the log holds the receipt's entry");
	}
	check(nx_receipt(c[2].seq + 1000, &r[0]) == NX_ENOENT,
	    "no receipt for a number never used");
	check(nx_receipt(c[0].seq, (NxAuditEntry *)(uintptr_t)16) ==
	    NX_EFAULT, "a bad buffer");
	bad = (NxReceiptArgs){ .buf = (uintptr_t)&r[0], .seq = c[0].seq,
	    .reserved = 1 };
	check(nx_call(CMD_SYS_RECEIPT, (uintptr_t)&bad) == NX_EINVAL,
	    "reserved set");
	across_doorbells(st, h, cq);
	nx_printf("receipt: %d failures\n", failures);
	return failures != 0;
}
