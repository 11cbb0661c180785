/*
 * ION dispatch: the doorbell sends the Subject's output packets, drains its
 * command ring in order and posts one completion per command, then tops up
 * its rx ring with console input.  Nothing shared is trusted: packets and
 * descriptors are copied out of the shared pages before they are looked
 * at, the reserved field must be zero, the kind must be known, and every
 * pointer is checked against the Subject's address space.
 */
#include <string.h>

#include "cmds.h"
#include "console.h"
#include "errors.h"
#include "kernel.h"
#include "provenance.h"
#include "subject.h"
#include "usercopy.h"

uint8_t *
ion_slab(struct subject *s, uint32_t i)
{
	uint64_t off = (uint64_t)i * NX_SLAB_SIZE;

	return s->slab_page[off / NX_PAGE_SIZE] + off % NX_PAGE_SIZE;
}

/* Output: every packet on the tx ring goes to the console. */
static void
tx_drain(struct subject *s)
{
	NxPacket p;
	int err;
	int64_t n = ring_count(&s->tx);

	if (n == 0)
		return;			/* the common case: nothing to send */
	if (n < 0 && !s->tx_warned) {
		kprintf("rumpk: %s: tx ring head is corrupt\n", s->name);
		s->tx_warned = 1;
	}
	while (ring_pop(&s->tx, &p)) {
		if (p.len > NX_SLAB_SIZE) {
			kprintf("rumpk: %s: tx packet of %u bytes dropped\n",
			    s->name, p.len);
			err = slab_free(&s->slabs, p.slab);
			continue;
		}
		/* Take the slab back first: it must be the Subject's. */
		err = slab_free(&s->slabs, p.slab);
		if (err) {
			kprintf("rumpk: %s: tx packet names slab %u: %s\n",
			    s->name, p.slab, nx_strerror(err));
			continue;
		}
		console_write((const char *)ion_slab(s, p.slab), p.len);
	}
}

/* Input: console bytes into the foreground Subject's free slabs. */
static void
rx_pump(struct subject *s)
{
	while (console_held() && ring_space(&s->rx) &&
	    s == subject_foreground()) {
		NxPacket p;
		int slab = slab_alloc(&s->slabs);

		if (slab < 0)
			return;
		p.slab = (uint32_t)slab;
		p.len = (uint32_t)console_take((char *)ion_slab(s, p.slab),
		    NX_SLAB_SIZE);
		ring_push(&s->rx, &p);
	}
}

int64_t
cmd_ion_rx_wait(struct subject *s, const CmdPacket *p)
{
	(void)p;
	for (;;) {
		uint32_t queued;

		if (s->kill_pending)
			return NX_EINTR;
		rx_pump(s);
		queued = ring_queued(&s->rx);
		if (queued != 0)
			return queued;
		if (s->slabs.nfree == 0)
			return NX_ENOMEM;	/* it holds every slab */
		/* Input for us arrives, or we may become the foreground. */
		console_wait();
	}
}

int64_t
ion_console_read(struct subject *s, uint64_t ubuf, uint64_t len)
{
	char buf[256];
	size_t n;

	if (len == 0)
		return 0;
	if (len > sizeof(buf))
		len = sizeof(buf);
	if (!user_range_ok(s->uc.root, ubuf, len, VM_W))
		return NX_EFAULT;
	for (;;) {
		if (s->kill_pending)
			return NX_EINTR;
		if (console_held() && s == subject_foreground())
			break;
		console_wait();
	}
	n = console_take(buf, len);
	copy_to_user(s->uc.root, ubuf, buf, n);
	return (int64_t)n;
}

int64_t
cmd_ion_stat(struct subject *s, const CmdPacket *p)
{
	NxIonStat st;

	memset(&st, 0, sizeof(st));
	subject_slab_totals(&st.free, &st.total);
	st.my_free = s->slabs.nfree;
	st.my_total = NX_SLABS;
	st.rx_queued = ring_queued(&s->rx);
	st.tx_queued = (uint32_t)(ring_count(&s->tx) > 0 ?
	    ring_count(&s->tx) : 0);
	st.console_held = (uint32_t)console_held();
	return copy_to_user(s->uc.root, p->arg, &st, sizeof(st));
}

int64_t
cmd_noop(struct subject *s, const CmdPacket *p)
{
	(void)s;
	(void)p;
	return 0;
}

int64_t
cmd_ion_free(struct subject *s, const CmdPacket *p)
{
	return slab_free(&s->slabs, p->arg);
}

int64_t
cmd_ion_alloc(struct subject *s, const CmdPacket *p)
{
	unsigned n = p->arg < NX_SLABS ? (unsigned)p->arg : NX_SLABS;

	return (int64_t)slab_alloc_mask(&s->slabs, n);
}

/* Records an accepted command in the audit log; its tag goes to `tag`. */
static void
stamp(struct subject *s, const CmdPacket *p, uint32_t seq, int64_t result,
    uint8_t tag[16])
{
	NxAuditEntry e;

	memset(&e, 0, sizeof(e));
	e.subject = s->id;
	e.seq = seq;
	e.kind = p->kind;
	e.arg = p->arg;
	e.result = result;
	memcpy(e.identity, s->identity, sizeof(e.identity));
	provenance_stamp(&e, tag);
}

void
ion_stamp_now(struct subject *s, const CmdPacket *p, int64_t result)
{
	uint8_t tag[16];

	stamp(s, p, s->seq - 1, result, tag);
}

static const struct {
	uint32_t kind;
	cmd_fn run;
} commands[] = {
	{ CMD_SYS_NOOP, cmd_noop },
	{ CMD_FS_OPEN, cmd_fs_open },
	{ CMD_FS_READ, cmd_fs_read },
	{ CMD_FS_READDIR, cmd_fs_readdir },
	{ CMD_FS_CLOSE, cmd_fs_close },
	{ CMD_FS_SEEK, cmd_fs_seek },
	{ CMD_FS_STAT, cmd_fs_stat },
	{ CMD_FS_CHDIR, cmd_fs_chdir },
	{ CMD_FS_GETCWD, cmd_fs_getcwd },
	{ CMD_ION_FREE, cmd_ion_free },
	{ CMD_ION_ALLOC, cmd_ion_alloc },
	{ CMD_ION_RX_WAIT, cmd_ion_rx_wait },
	{ CMD_ION_STAT, cmd_ion_stat },
	{ CMD_SYS_EXEC, cmd_exec },
	{ CMD_SYS_EXIT, cmd_exit },
	{ CMD_SYS_WAIT, cmd_wait },
	{ CMD_SYS_KILL, cmd_kill },
	{ CMD_SYS_YIELD, cmd_yield },
	{ CMD_SYS_PS, cmd_ps },
	{ CMD_MEM_BRK, cmd_brk },
	{ CMD_MEM_STAT, cmd_mem_stat },
	{ CMD_SYS_AUDIT, cmd_audit },
	{ CMD_SYS_POWEROFF, cmd_poweroff },
	{ CMD_TIME_UPTIME, cmd_uptime },
	{ CMD_TIME_SLEEP, cmd_sleep },
};

static cmd_fn
lookup(uint32_t kind)
{
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (commands[i].kind == kind)
			return commands[i].run;
	}
	return NULL;
}

/* Takes one command off the ring and completes it; 0 if it replaced the
 * program (the old rings are gone then). */
static int
one_command(struct subject *s)
{
	CmdPacket p;
	NxCompletion c;
	cmd_fn run;

	ring_peek(&s->cmd, &p);
	ring_release(&s->cmd, 1);
	memset(&c, 0, sizeof(c));
	c.kind = p.kind;
	c.seq = s->seq++;
	memcpy(c.id, p.id, sizeof(c.id));
	if (p.reserved) {
		kprintf("rumpk: %s: command 0x%x with reserved field set\n",
		    s->name, p.kind);
		c.result = NX_EINVAL;
	} else if (!(run = lookup(p.kind))) {
		kprintf("rumpk: %s: unknown command kind 0x%x\n", s->name,
		    p.kind);
		c.result = NX_ENOSYS;
	} else {
		c.result = run(s, &p);
		if (s->replaced)
			return 0;
		stamp(s, &p, c.seq, c.result, c.tag);
	}
	ring_push(&s->cq, &c);
	return 1;
}

int64_t
ion_doorbell(struct subject *s, uint64_t want)
{
	(void)want;	/* every command completes before the doorbell returns */
	tx_drain(s);
	while (ring_space(&s->cq) > 0) {
		int64_t n = ring_count(&s->cmd);

		if (n < 0) {
			kprintf("rumpk: %s: command ring head is corrupt\n",
			    s->name);
			return NX_EINVAL;
		}
		if (n == 0 || s->kill_pending)
			break;
		if (!one_command(s))
			return 0;
	}
	tx_drain(s);
	rx_pump(s);
	return ring_queued(&s->cq);
}
