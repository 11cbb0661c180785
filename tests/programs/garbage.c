/*
 * Sends malformed commands and packets through the rings: each must come
 * back as the right error, and the kernel must carry on.  One line per
 * case, then a count of failures (also the exit status).
 */
#include "libnexus.h"

static int failures;

static void
expect(const char *what, int64_t got, int64_t want)
{
	if (got == want) {
		nx_printf("garbage: %s: ok\n", what);
		return;
	}
	nx_printf("garbage: %s: got %ld, want %ld\n", what, (long)got,
	    (long)want);
	failures++;
}

static int64_t
raw(uint32_t kind, uint32_t reserved, uint64_t arg)
{
	CmdPacket p = { .kind = kind, .reserved = reserved, .arg = arg };

	nx_submit_packet(&p);
	return nx_flush();
}

/* Output packets naming slabs that are not ours, or too long: logged and
 * dropped. */
static void
bad_tx(void)
{
	NxPacket p[] = { { 99, 4 }, { 31, 4 }, { 0, NX_SLAB_SIZE + 1 } };

	int64_t mask;
	NxPacket big;

	for (unsigned i = 0; i < 3; i++)
		nx_tx_packet(&p[i]);
	expect("bad tx packets", nx_call(CMD_SYS_NOOP, 0), 0);
	/* Too long, on a slab of ours: dropped, and the slab taken back. */
	mask = nx_call(CMD_ION_ALLOC, 1);
	big = (NxPacket){ (uint32_t)__builtin_ctzll(mask), NX_SLAB_SIZE + 1 };
	nx_tx_packet(&big);
	expect("oversize tx packet", nx_call(CMD_SYS_NOOP, 0), 0);
	expect("its slab taken back", nx_call(CMD_ION_FREE, big.slab),
	    NX_EALREADY);
}

static void
batches(void)
{
	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 50; i++)
			nx_submit(CMD_SYS_NOOP, 0);
		nx_submit(CMD_TIME_UPTIME, 0);
		if (nx_flush() <= 0) {
			expect("batch of 51", -1, 0);
			return;
		}
	}
	expect("20 batches of 51 commands", 0, 0);
}

static void
corrupt_head(void)
{
	const NxSysTable *st = nx_systable();
	NxRingHeader *h = (NxRingHeader *)(uintptr_t)st->cmd_ring;
	uint32_t saved = h->head;

	h->head = saved + 1000;
	expect("corrupt command ring head", nx_doorbell(0), NX_EINVAL);
	h->head = saved;
	expect("ring usable again", nx_call(CMD_SYS_NOOP, 0), 0);
}

int
main(void)
{
	NxExecArgs ea = { .path = 0x80200000 };
	char *argv[] = { "hello", 0 };
	int64_t mask;

	expect("unknown kind", nx_call(0x7777, 0), NX_ENOSYS);
	expect("reserved field set", raw(CMD_SYS_NOOP, 1, 0), NX_EINVAL);
	expect("stat into kernel memory", nx_call(CMD_ION_STAT, 0x80200000),
	    NX_EFAULT);
	expect("stat into unmapped memory", nx_call(CMD_ION_STAT,
	    0x12345678), NX_EFAULT);
	expect("audit into kernel memory", nx_audit((void *)0x80200000, 4,
	    0, 0), NX_EFAULT);
	expect("exec path in kernel memory", nx_call(CMD_SYS_EXEC,
	    (uintptr_t)&ea), NX_EFAULT);
	expect("exec of a missing file", nx_exec("/bin/nope", argv, 0,
	    NX_EXEC_REPLACE, 0, 0), NX_ENOENT);
	expect("exec with unknown flags", nx_exec("/bin/hello", argv, 0,
	    0x80, 0, 0), NX_EINVAL);
	expect("free out of range", nx_call(CMD_ION_FREE, 99), NX_ERANGE);
	expect("free of a huge index", nx_call(CMD_ION_FREE, ~0ull),
	    NX_ERANGE);
	expect("free of a slab never held", nx_call(CMD_ION_FREE, 31),
	    NX_EPERM);
	mask = nx_call(CMD_ION_ALLOC, 1);
	expect("alloc one slab", mask > 0 && (mask & (mask - 1)) == 0, 1);
	expect("free it", nx_call(CMD_ION_FREE, __builtin_ctzll(mask)), 0);
	expect("double free", nx_call(CMD_ION_FREE, __builtin_ctzll(mask)),
	    NX_EALREADY);
	bad_tx();
	batches();
	corrupt_head();
	/* Hold on to slabs: exit must give them back. */
	nx_call(CMD_ION_ALLOC, 20);
	nx_printf("garbage: %d failures\n", failures);
	return failures;
}
