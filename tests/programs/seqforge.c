/*
 * A batched command told to write its result over its own completion
 * slot (the cq ring is the program's memory), then another command in
 * the same batch: the audit log must record what the kernel assigned,
 * and still verify.  Prints the entries it made and the verdict.
 */
#include "libnexus.h"

int
main(void)
{
	const NxSysTable *st = nx_systable();
	const NxRingHeader *h = (const NxRingHeader *)(uintptr_t)st->cq_ring;
	uint8_t *slots = (uint8_t *)(uintptr_t)st->cq_ring + NX_RING_SLOTS;
	NxCompletion *next;
	NxAuditEntry e[2];
	uint32_t held;
	int64_t broken;
	long n;

	nx_flush();
	next = (NxCompletion *)(void *)(slots + (h->head & (NX_CQ_SLOTS - 1)) *
	    sizeof(NxCompletion));
	nx_submit(CMD_ION_STAT, (uintptr_t)next);
	nx_submit(CMD_SYS_NOOP, 0);
	nx_flush();
	/* The newest two: the audit command is logged after it runs. */
	n = nx_audit(e, 2, &held, &broken);
	if (n != 2) {
		nx_printf("seqforge: audit gave %ld entries\n", n);
		return 1;
	}
	nx_printf("seqforge: seqs %u %u, parts %u %u\n", e[0].seq, e[1].seq,
	    e[0].part, e[1].part);
	nx_printf("seqforge: chain %s\n", broken < 0 ? "ok" : "BROKEN");
	return broken < 0 ? 0 : 1;
}
